import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { startServer, type TestServer } from "./server.ts";
import { launch } from "./browser.ts";

const ARTIFACTS = new URL("./artifacts/", import.meta.url).pathname;
let server: TestServer;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  context = await launch();
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await server?.stop();
});

describe("explorer in a real browser", () => {
  it("a shared link round-trips: corridors compared, indexed to 100 at the base year", async () => {
    const link = `${server.url}/explorer?series=TJK-WLD%2CUZB-WLD&index=2015`;
    await page.goto(link, { waitUntil: "networkidle" });
    expect(page.url()).toBe(link);
    await page.screenshot({ path: `${ARTIFACTS}explorer-indexed.png`, fullPage: true });
    await page.locator("summary", { hasText: "Data table" }).click();
    const row2015 = await page.locator('[data-testid="explorer-table"] tr', { hasText: /^2015/ }).innerText();
    expect(row2015.split("\t").map((c) => c.trim())).toEqual(["2015", "100", "100"]);
    expect(await page.locator('[data-testid="explorer-table"] th').allInnerTexts()).toEqual(["Period", "Tajikistan → World (all partners)", "Uzbekistan → World (all partners)"]);
  });

  it("the form writes only what differs from the defaults, and bad values fall back", async () => {
    await page.goto(`${server.url}/explorer?chart=pie&log=0&series=UZB-WLD,TJK-WLD,KGZ-WLD`, { waitUntil: "networkidle" });
    expect(page.url()).toBe(`${server.url}/explorer`);
    await page.selectOption('select[name="chart"]', "bar");
    await page.click('button[type="submit"]');
    await page.waitForURL(`${server.url}/explorer?chart=bar`);
    await page.goBack();
    await page.waitForURL(`${server.url}/explorer`);
    // The form follows the URL back (it is keyed by the view, so it re-mounts with the URL's values).
    await expect.poll(() => page.locator('select[name="chart"]').inputValue()).toBe("line");
    expect(await page.locator("text=Personal remittances, received").count()).toBeGreaterThan(0);
  });
});
