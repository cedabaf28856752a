import { describe, expect, it } from "vitest";
import { ARTIFACTS, browserPageFixture } from "./browser.ts";

const browser = browserPageFixture();

describe("explorer in a real browser", () => {
  it("a shared link round-trips: corridors compared, indexed to 100 at the base year", async () => {
    const link = `${browser.server.url}/explorer?series=TJK-WLD%2CUZB-WLD&index=2015`;
    await browser.page.goto(link, { waitUntil: "networkidle" });
    expect(browser.page.url()).toBe(link);
    await browser.page.screenshot({ path: `${ARTIFACTS}explorer-indexed.png`, fullPage: true });
    await browser.page.locator("summary", { hasText: "Data table" }).click();
    const row2015 = await browser.page.locator('[data-testid="explorer-table"] tr', { hasText: /^2015/ }).innerText();
    expect(row2015.split("\t").map((c) => c.trim())).toEqual(["2015", "100", "100"]);
    expect(await browser.page.locator('[data-testid="explorer-table"] th').allInnerTexts()).toEqual(["Period", "Tajikistan → World (all partners)", "Uzbekistan → World (all partners)"]);
  });

  it("a corridor left out is said in Russian on /ru/explorer and in the lang=ru image; in English otherwise", async () => {
    const query = "series=TJK-WLD%2CUZB-WLD&index=1990";
    const sentence = "Таджикистан, из всех стран: нет значения за 1990, от которого считается индекс; коридор не показан.";
    await browser.page.goto(`${browser.server.url}/ru/explorer?${query}`);
    expect(await browser.page.locator("main").innerText()).toContain(sentence);
    expect(await browser.page.locator("main").innerText()).not.toContain("to index on");
    const svg = await (await fetch(`${browser.server.url}/api/charts/compare.svg?${query}&lang=ru`)).text();
    expect(svg).toContain(sentence);
    expect(await (await fetch(`${browser.server.url}/api/charts/compare.svg?${query}`)).text()).toMatch(/>Tajikistan[^<]*: no value in 1990 to index on; left out\.<\/text>/);
  });

  it("the form writes only what differs from the defaults, and bad values fall back", async () => {
    await browser.page.goto(`${browser.server.url}/explorer?chart=pie&log=0&series=UZB-WLD,TJK-WLD,KGZ-WLD`, { waitUntil: "networkidle" });
    expect(browser.page.url()).toBe(`${browser.server.url}/explorer`);
    await browser.page.selectOption('select[name="chart"]', "bar");
    await browser.page.click('button[type="submit"]');
    await browser.page.waitForURL(`${browser.server.url}/explorer?chart=bar`);
    await browser.page.goBack();
    await browser.page.waitForURL(`${browser.server.url}/explorer`);
    // The form follows the URL back (it is keyed by the view, so it re-mounts with the URL's values).
    // Back re-fetches the dynamic page (now with its corridors' events): allow it more than poll's default second on a loaded machine.
    await expect.poll(() => browser.page.locator('select[name="chart"]').inputValue(), { timeout: 10_000 }).toBe("line");
    expect(await browser.page.locator("text=Personal remittances, received").count()).toBeGreaterThan(0);
  });
});
