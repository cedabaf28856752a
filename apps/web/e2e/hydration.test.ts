/**
 * What a phone's main thread does on the dashboard and the event page, in a real browser against
 * the built app: server-drawn markup that needs no client code (Static.tsx) is kept as it came
 * instead of being hydrated node by node, links to other pages are plain anchors that fetch nothing
 * at load, and markup kept that way still changes when the view does (a kind toggled in place, Back).
 */
import { describe, expect, it } from "vitest";
import { browserPageFixture, launch, startApp } from "./browser.ts";

const TALKS = "2021-04-19-russia-tajikistan-migration-talks";
const browser = browserPageFixture();

/** Elements inside `selector` that React made fibres for, and all of them (a Static root itself is hydrated, its contents not). */
function hydrated(selector: string): Promise<{ fibres: number; elements: number }> {
  return browser.page.evaluate((selector) => {
    const roots = [...document.querySelectorAll(selector)];
    const all = roots.flatMap((r) => [...r.querySelectorAll("*")]);
    return { fibres: all.filter((e) => Object.keys(e).some((k) => k.startsWith("__reactFiber"))).length, elements: all.length };
  }, selector);
}

describe("less to do on a phone", () => {
  it("dashboard: the chart, cards, table and sources stay server markup; no page is fetched ahead", async () => {
    const fetched: string[] = [];
    browser.page.on("request", (r) => fetched.push(r.url()));
    await browser.page.goto(browser.server.url, { waitUntil: "networkidle" });
    // The app's client code waits for the reader (BootOnFirstInput.tsx): loaded, nothing hydrated yet.
    await browser.page.waitForTimeout(500);
    expect((await hydrated("header")).fibres).toBe(0);
    // Its scripts are not even fetched until then (deferred-scripts.mjs): the load is the page and its stylesheet.
    const scripts = () => fetched.filter((u) => /\/_next\/static\/chunks\/[^?]+\.js/.test(u));
    expect(scripts()).toEqual([]);
    await browser.page.mouse.move(200, 200);
    // Not vacuous: React did hydrate the page (the header's account menu is a client component).
    await expect.poll(async () => (await hydrated("header")).fibres).toBeGreaterThan(0);
    expect(scripts().length).toBeGreaterThan(3);
    for (const selector of ['[data-testid="chart-placeholder"]', '[data-testid="kpi-card"]', '[data-testid="sources-section"]', "details:has(table)"]) {
      const { fibres, elements } = await hydrated(selector);
      expect(elements, selector).toBeGreaterThan(5);
      expect(fibres, selector).toBe(0);
    }
    // Links to other pages are plain anchors: no RSC payload is prefetched while the page loads.
    expect(fetched.filter((u) => u.includes("_rsc="))).toEqual([]);
    expect(browser.errors).toEqual([]);
  });

  it("dashboard: markup kept from the server still follows the view (a kind toggled in place, then Back)", async () => {
    await browser.page.goto(browser.server.url, { waitUntil: "networkidle" });
    const decree = browser.page.locator('[data-testid="chart-placeholder"] [data-event-ids~="decree-274-2020"]:visible');
    expect(await decree.count()).toBe(1);
    await browser.page.evaluate(() => window.scrollTo(0, 400));
    // The first click comes before the app has started: held, and replayed once React owns the
    // toggle — a client navigation that keeps the reader's place, not a full page load.
    expect((await hydrated("header")).fibres).toBe(0);
    await browser.page.getByRole("button", { name: "Decrees", exact: true }).click();
    await browser.page.waitForURL(/\?hide=decree$/);
    await expect.poll(() => decree.count()).toBe(0);
    // Client navigation: the reader stays where they were.
    expect(await browser.page.evaluate(() => window.scrollY)).toBe(400);
    await browser.page.goBack();
    await expect.poll(() => decree.count()).toBe(1);
    // The placeholder is whole again, not an emptied box.
    expect(await browser.page.locator('[data-testid="chart-placeholder"] [data-event-ids]:visible').count()).toBeGreaterThan(5);
    expect(browser.errors).toEqual([]);
  });

  it("a Ctrl-click on a view toggle before the app has started opens the view in a new tab, as a link does", async () => {
    await browser.page.goto(browser.server.url, { waitUntil: "networkidle" });
    expect((await hydrated("header")).fibres).toBe(0);
    const opened = browser.context.waitForEvent("page");
    await browser.page.getByTestId("related-toggle").click({ modifiers: ["Control"] });
    const tab = await opened;
    await tab.waitForLoadState();
    expect(new URL(tab.url()).searchParams.has("related")).toBe(true);
    // The reader's own page stays where it was.
    expect(new URL(browser.page.url()).searchParams.has("related")).toBe(false);
    await tab.close();
  });

  it("a payload this server no longer has (another instance, a restart): the app still starts, from the page asked for again", async () => {
    const context = await launch();
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      let refused = 0;
      await page.route("**/_corridor/payload/**", (route) => {
        refused++;
        return route.fulfill({ status: 404, body: "gone" });
      });
      await page.goto(`${browser.server.url}/events/${TALKS}`, { waitUntil: "networkidle" });
      await startApp(page);
      expect(refused).toBe(1);
      // React owns the page: a hover read-out of an impact panel works.
      expect(await page.evaluate(() => Object.keys(document.querySelector("main")!).some((k) => k.startsWith("__reactFiber")))).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("a browser that has signed in starts the app at load: its header asks who is signed in", async () => {
    // A context of its own: this browser's /api/me answers 401 (a marker cookie, no session), an error the shared page must not collect.
    const context = await launch();
    try {
      await context.addCookies([{ name: "corridor_account", value: "1", url: browser.server.url }]);
      const page = await context.newPage();
      const asked = page.waitForRequest((r) => r.url().endsWith("/api/me"));
      await page.goto(browser.server.url, { waitUntil: "load" });
      await asked;
      expect(await page.evaluate(() => Object.keys(document.body).some((k) => k.startsWith("__reactProps")))).toBe(true);
    } finally {
      await context.close();
    }
  });

  it("the chart under the pointer that started the app turns interactive without another move", async () => {
    await browser.page.goto(browser.server.url, { waitUntil: "networkidle" });
    const chart = browser.page.getByTestId("chart-placeholder");
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    await browser.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // The interactive (recharts) chart replaces the server-drawn one.
    await expect.poll(() => browser.page.locator('[data-testid="main-chart"] svg.recharts-surface').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(browser.errors).toEqual([]);
  });

  it("event page: the panels' charts, tables and notes stay server markup; their hover read-out still works", async () => {
    await browser.page.goto(`${browser.server.url}/events/${TALKS}`, { waitUntil: "networkidle" });
    await startApp(browser.page);
    for (const selector of ['[data-testid="its-chart"] svg', '[data-testid="impact-panel"] table', '[data-testid="its-method"]', '[data-testid="sources-section"] ul']) {
      const { fibres, elements } = await hydrated(selector);
      expect(elements, selector).toBeGreaterThan(3);
      expect(fibres, selector).toBe(0);
    }
    // PlotHover around the kept SVG is hydrated and reads the nearest period out.
    const plot = browser.page.locator('[data-testid="its-chart"] [role="img"]:visible').first();
    await plot.scrollIntoViewIfNeeded();
    const box = (await plot.boundingBox())!;
    await browser.page.mouse.move(box.x + box.width - 20, box.y + box.height / 2);
    await expect.poll(() => browser.page.getByTestId("plot-hover").count()).toBe(1);
    expect(await browser.page.getByTestId("plot-hover").innerText()).toMatch(/\d{4}/);
    expect(browser.errors).toEqual([]);
  });
});
