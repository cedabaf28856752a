/**
 * Issue #17 in a real browser: the explorer with a single-date indicator and after a quarterly
 * upload, the Sources under every chart and per view, and the related-events layer with its exports.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ARTIFACTS, browserPageFixture, launch } from "./browser.ts";
import { corridorCli } from "./server.ts";
import { strFromU8, unzipSync } from "fflate";

const IRREGULAR = "/explorer?indicator=irregular_stay_stock&series=ARM-RUS,AZE-RUS,KAZ-RUS,KGZ-RUS,MDA-RUS,TJK-RUS,UKR-RUS,UZB-RUS";

const browser = browserPageFixture({
  // An analyst's upload of 2023 quarters beside the Bank of Russia's annual 2013–2017 Tajik figures.
  setup: (dbPath) => {
    const csv = join(mkdtempSync(join(tmpdir(), "corridor-quarters-")), "transfers-2023.csv");
    writeFileSync(
      csv,
      "indicator,origin,destination,period,value,flag,source\n" +
        [1, 2, 3, 4].map((q) => `transfers_from_russia_usd_mn,TJK,RUS,2023-Q${q},${500 + q},,"Bank of Russia, quoted by: https://example.org/q${q}"`).join("\n") +
        "\n",
    );
    corridorCli(dbPath, ["import", csv]);
  },
});

/** Screenshots at desktop, phone and dark for a path; returns nothing, the PNGs are for looking at. */
async function shoot(path: string, name: string) {
  for (const [suffix, options] of [
    ["desktop", { width: 1400, height: 900 }],
    ["phone", { width: 375, height: 800 }],
    ["dark", { width: 1400, height: 900, colorScheme: "dark" as const }],
  ] as const) {
    const context = await launch(options);
    const page = await context.newPage();
    await page.goto(`${browser.server.url}${path}`, { waitUntil: "networkidle" });
    await page.screenshot({ path: `${ARTIFACTS}${name}-${suffix}.png`, fullPage: true });
    await context.close();
  }
}

describe("the explorer draws any data shape", () => {
  it("a single-date indicator (8 countries on 16 April 2021): a bar per country, line dots mid-plot", async () => {
    const { page } = browser;
    await page.goto(`${browser.server.url}${IRREGULAR}&chart=bar`, { waitUntil: "networkidle" });
    const bars = page.locator("#explorer-chart .recharts-bar-rectangle path");
    await expect.poll(() => bars.count()).toBe(8);
    for (const box of await bars.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) expect(box.width * box.height).toBeGreaterThan(20);
    expect(await page.getByTestId("explorer-table").locator("tbody tr").count()).toBe(1);
    // The one frequency drawn is named: the irregular-stay figure is a snapshot on one day.
    expect(await page.getByText("persons, daily snapshots (as published)").count()).toBe(1);

    await page.goto(`${browser.server.url}${IRREGULAR}`, { waitUntil: "networkidle" });
    const clip = await page
      .locator("#explorer-chart clipPath rect")
      .first()
      .evaluate((r) => [Number(r.getAttribute("x")), Number(r.getAttribute("width"))]);
    const dots = await page.locator("#explorer-chart .recharts-line-dot").evaluateAll((els) => els.map((e) => Number(e.getAttribute("cx"))));
    expect(dots).toHaveLength(8);
    // Not pinned to the y-axis: each dot sits in the middle of the plot.
    for (const x of dots) expect(Math.abs(x - (clip[0]! + clip[1]! / 2))).toBeLessThan(2);
    expect(browser.errors).toEqual([]);
    await shoot(`${IRREGULAR}&chart=bar`, "explorer-irregular-stay");
  });

  it("'As published' after an upload of 2023 quarters keeps the annual history, and says which quarters it does not show", async () => {
    const { page } = browser;
    await page.goto(`${browser.server.url}/explorer?indicator=transfers_from_russia_usd_mn&series=TJK-RUS`, { waitUntil: "networkidle" });
    const periodsOf = () => page.locator('[data-testid="explorer-table"] tbody td:first-child').evaluateAll((tds) => tds.map((td) => td.textContent));
    const periods = await periodsOf();
    expect(periods).toEqual(["2013", "2014", "2015", "2016", "2017", "2023"]);
    const notShown = page.getByTestId("not-shown");
    expect(await notShown.innerText()).toBe("6 quarterly values not shown (2017-Q3 to 2023-Q4) — show them");
    await notShown.getByRole("link", { name: "show them" }).click();
    await page.waitForURL(/frequency=Q/);
    expect(await periodsOf()).toEqual(["2017-Q3", "2018-Q3", "2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"]);
    expect(await page.getByTestId("not-shown").innerText()).toMatch(/^5 annual values not shown \(2013 to 2017\)/);
  });
});

describe("sources under every chart and per view", () => {
  it("the Tajikistan dashboard: a source line under the chart and the table, and a Sources section with licences and imports", async () => {
    const { page } = browser;
    await page.goto(browser.server.url, { waitUntil: "networkidle" });
    const footer = await page.getByTestId("source-footer").innerText();
    expect(footer).toMatch(/^Source: World Bank, World Development Indicators, BX\.TRF\.PWKR\.CD\.DT · release: Last Updated Date 2025-07-01 · data\.worldbank\.org · licences and imports$/);
    expect(await page.getByTestId("source-footer").getByRole("link", { name: "data.worldbank.org" }).getAttribute("href")).toBe("https://data.worldbank.org/indicator/BX.TRF.PWKR.CD.DT");
    expect(await page.getByTestId("table-source-footer").count()).toBe(1);
    const section = page.getByTestId("sources-section");
    const text = await section.innerText();
    expect(text).toContain("Personal remittances, received: Tajikistan, from all countries");
    expect(text).toMatch(/Licence\s+CC BY 4\.0/);
    // The Bank of Russia's figures as the press quoted them: no release or licence made up.
    expect(text).toMatch(/Publisher\s+Bank of Russia, as quoted by news reports\s+Release\s+not stated \(figures as quoted by news reports\)\s+Licence\s+not stated \(facts reported by the press\)/);
    // And the imports that brought the values: the seed's and the 2023 upload.
    const imports = await section.locator('a[href^="/imports/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(imports.length).toBeGreaterThan(1);
    expect(imports).toContain("/imports/5");
    await shoot("/", "dashboard-sources");
  });

  it("an embed and an SVG download carry publisher, release and licence in their footer", async () => {
    const svg = await (await fetch(`${browser.server.url}/api/charts/series.svg?indicator=remittances_received_usd&origin=TJK`)).text();
    expect(svg).toContain("release: Last Updated Date 2025-07-01 · licence: CC BY 4.0");
  });
});

describe("the related-events layer", () => {
  it("is labelled, drawn apart, says which corridor each event concerns, and travels with the exports", async () => {
    const { page } = browser;
    await page.goto(`${browser.server.url}/?origin=UZB&related=1`, { waitUntil: "networkidle" });
    expect(await page.getByTestId("related-legend").innerText()).toContain("Related events (other corridors)");
    // The server-drawn chart: related markers are dashed rings, the corridor's own are filled discs.
    const related = page.locator('[data-testid="chart-placeholder"] [aria-label*="(related event: concerns"]:visible');
    expect(await related.count()).toBeGreaterThan(0);
    expect(await related.first().evaluate((e) => getComputedStyle(e).borderStyle)).toBe("dashed");
    // Every export of this view draws the layer too.
    for (const href of await page.locator('[data-testid="chart-actions"] a[href^="/api/charts/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")!))) expect(href).toContain("related=1");
    // The download's events.csv lists the related events with the corridor each concerns.
    const zip = await fetch(`${browser.server.url}${await page.locator('[data-testid="chart-actions"] a[href*="series.zip"]').getAttribute("href")}`);
    const eventsCsv = strFromU8(unzipSync(new Uint8Array(await zip.arrayBuffer()))["events.csv"]!);
    expect(eventsCsv).toMatch(/Second round of Tajik–Russian negotiations[^\r\n]*concerns Russian Federation and Tajikistan/);
    // The interactive chart's tooltip says it is another corridor's event.
    await page.getByTestId("main-chart").hover({ position: { x: 10, y: 10 } });
    await expect.poll(() => page.locator('[data-testid="main-chart"] svg.recharts-surface').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const marker = page.locator('[data-testid="main-chart"] g[role][aria-label*="(related event: concerns"]').first();
    await marker.focus();
    expect(await page.getByTestId("related-note").first().innerText()).toMatch(/^Related event, not this corridor's: concerns /);
    expect(await marker.locator("circle").getAttribute("stroke-dasharray")).toBe("3 2");
    expect(browser.errors).toEqual([]);
    await shoot("/?origin=UZB&related=1", "dashboard-related");
  });
});
