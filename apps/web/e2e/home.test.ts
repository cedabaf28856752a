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
    // data/seed has 6801890973.461 for TJK 2024 (WDI, 2025-07-01): shown compact, +46.8% on 2023.
    expect(page).toMatch(/Personal remittances, received \(from all countries\) ▲ \+46\.8% 6\.8B current US\$ · 2024 · \+46\.8% on 2023/);
    expect(page).toContain("Tajikistan: 78.56M current US$ in 2002, 6.8B in 2024; highest 6.8B in 2024.");
    expect(page).toContain("Second round of Tajik–Russian negotiations on migration in Dushanbe");
  });

  it("switches corridor from the URL and falls back to defaults on nonsense", async () => {
    const uzb = text(await (await fetch(`${server.url}/?origin=UZB`)).text());
    expect(uzb).toContain("Uzbekistan → Russian Federation");
    expect(uzb).toMatch(/Work patents issued 1\.32M patents · 2021/);
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
    // On the chart too: each related marker's label says so.
    expect(related).toContain("Talks: Related: Second round of Tajik–Russian negotiations on migration in Dushanbe");
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
