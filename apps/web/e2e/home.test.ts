import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

const text = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

describe("dashboard HTML (built app, seeded database)", () => {
  it("renders Tajikistan → Russia on the server with the latest World Bank figure and the chart summary", async () => {
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    const page = text(await response.text());
    expect(page).toContain("Tajikistan → Russian Federation");
    // data/seed has 6801890973.461 for TJK 2024 (WDI, 2025-07-01): in US$ with a scale word, +46.8% on 2023 (same release).
    expect(page).toMatch(/Personal remittances, received \(Tajikistan, from all countries\) ▲ \+46\.8% US\$ 6\.8 bn 2024 \+46\.8% on 2023/);
    expect(page).toContain("Tajikistan: US$ 78.6 million in 2002, US$ 6.8 bn in 2024; highest US$ 6.8 bn in 2024.");
    // The main chart is remittances from all countries, and its title says so, with unit and frequency.
    expect(page).toContain("Personal remittances, received: Tajikistan, from all countries (current US$, annual)");
    // The % of GDP file is an older release that stops at 2020: the card says how old it is.
    expect(page).toMatch(/Personal remittances, received \(% of GDP\) \(Tajikistan, from all countries\) [^]*?26\.7 % of GDP latest published: 2020/);
    // Bank of Russia 2017 ("more than $2.5 bn": a lower bound) and 2016 come from different reports: no change is read, both sources named.
    expect(page).toMatch(
      /Cross-border transfers of individuals from Russia \(Tajikistan → Russian Federation\) &gt; US\$ 2\.5 bn latest published: 2017 · a lower bound \(published as “more than”\) change on 2016 not comparable: different sources 2017: Bank of Russia, quoted by: https:\/\/eadaily\.com[^ ]* 2016: Bank of Russia, quoted by: https:\/\/adamashek/,
    );
    expect(page).toContain("Second round of Tajik–Russian negotiations on migration in Dushanbe");
  });

  it("switches corridor from the URL and falls back to defaults on nonsense", async () => {
    const uzb = text(await (await fetch(`${server.url}/?origin=UZB`)).text());
    expect(uzb).toContain("Uzbekistan → Russian Federation");
    expect(uzb).toMatch(/Work patents issued \(Uzbekistan → Russian Federation\) 1\.32 million patents latest published: 2021/);
    const nonsense = text(await (await fetch(`${server.url}/?origin=Atlantis&indicator=bogus&hide=nothing`)).text());
    expect(nonsense).toContain("Tajikistan → Russian Federation");
  });

  it("shows a corridor only its own events; ?related=1 adds other corridors' events, labelled", async () => {
    const uzb = text(await (await fetch(`${server.url}/?origin=UZB`)).text());
    expect(uzb).toContain("Decree lets foreign nationals stay without forced expulsion until 30 September 2021");
    for (const other of ["Crocus City Hall", "Protocol amending the 2019 organised-recruitment agreement", "Tajik–Russian negotiations"]) expect(uzb).not.toContain(other);
    expect(uzb).toContain("Show related events");
    const related = text(await (await fetch(`${server.url}/?origin=UZB&related=1`)).text());
    expect(related).toMatch(/Protocol amending the 2019 organised-recruitment agreement[^·]*Agreements · [^·]*· related \(another corridor/);
    expect(related).toContain("Hide related events");
    // On the chart too: each related marker's name says so and which corridor it concerns, and the legend names the layer.
    expect(related).toMatch(/Talks: Second round of Tajik–Russian negotiations on migration in Dushanbe, [^"]*\(related event: concerns Russian Federation and Tajikistan\)/);
    expect(related).toContain("Related events (other corridors)");
    expect(uzb).not.toContain("Related events (other corridors)");
  });

  it("draws every event on one time axis, each mark a link to its page", async () => {
    const html = await (await fetch(`${server.url}/events`)).text();
    const timeline = html.slice(html.indexOf('aria-label="Timeline of events by kind"'));
    expect(timeline.length).toBeGreaterThan(0);
    const svg = timeline.slice(0, timeline.indexOf("</svg>"));
    expect(svg).toContain('href="/events/2021-04-19-russia-tajikistan-migration-talks"');
    for (const lane of ["Talks", "Decrees", "Restrictions", "Agreements"]) expect(svg).toContain(`>${lane}</text>`);
  });

  it("serves the events timeline, filtered from the URL", async () => {
    const page = text(await (await fetch(`${server.url}/events?country=KGZ&kind=agreement`)).text());
    expect(page).toContain("1 event involving KGZ or all foreign nationals.");
    expect(page).toContain("Kyrgyzstan's accession treaty to the Eurasian Economic Union enters into force");
  });
});
