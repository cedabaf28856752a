import { describe, expect, it } from "vitest";
import { ARTIFACTS, launch, browserPageFixture } from "./browser.ts";

const TALKS = "2021-04-19-russia-tajikistan-migration-talks";

const browser = browserPageFixture();

describe("dashboard in a real browser", () => {
  it("shows Tajik remittances with the 2020 entry restriction, Decree No. 274 and the 2021 talks on the timeline", async () => {
    await browser.page.goto(browser.server.url, { waitUntil: "networkidle" });
    // Before any interaction: the server-drawn chart, no charting code loaded.
    expect(await browser.page.locator('[data-testid="main-chart"] [data-testid="chart-placeholder"]').count()).toBe(1);
    expect(await browser.page.locator('[data-testid="main-chart"] svg.recharts-surface').count()).toBe(0);
    expect(await browser.page.locator(`[data-testid="chart-placeholder"] a[data-event-ids="${TALKS}"]:visible`).getAttribute("href")).toBe(`/events/${TALKS}`);
    await browser.page.screenshot({ path: `${ARTIFACTS}dashboard.png`, fullPage: true });
    // Reaching for the chart swaps in the interactive one.
    await browser.page.getByTestId("main-chart").hover({ position: { x: 10, y: 10 } });
    // The chart's code is fetched on demand: on a loaded machine that takes longer than poll's default second.
    await expect.poll(() => browser.page.locator('[data-testid="main-chart"] svg.recharts-surface').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await browser.page.locator('[data-testid="chart-placeholder"]').count()).toBe(0);
    expect(await browser.page.locator("h1").innerText()).toBe("Tajikistan → Russian Federation");
    expect(await browser.page.locator('[data-testid="chart-summary"]').innerText()).toMatch(/^Tajikistan: US\$ [\d.]+ million in 2002, US\$ 6\.8 bn in 2024/);
    for (const id of [TALKS, "decree-274-2020", "entry-restriction-2020"]) {
      expect(await browser.page.locator(`[data-event-ids~="${id}"]`).count(), id).toBe(1);
    }
    expect(browser.errors).toEqual([]);
  });

  it("draws the talks once, at 19 April 2021 on the annual chart, labelled on the plot", async () => {
    const chart = browser.page.locator('[data-testid="main-chart"] svg.recharts-surface');
    const marks = chart.locator(`.event-mark path[x1="${Date.UTC(2021, 3, 19)}"]`);
    expect(await marks.count()).toBe(1);
    // No other mark of the talks: not at 1 January, not on the mid-year point, no band over 2021.
    expect(await chart.locator(".event-period").count()).toBe(0);
    const markX = Number(await marks.getAttribute("x"));
    const laneX = Number(await chart.locator(`[data-event-ids="${TALKS}"] circle`).getAttribute("cx"));
    expect(Math.abs(markX - laneX)).toBeLessThan(0.5);
    // x(2021-04-19) from the axis's first two year ticks.
    const ticks = await chart.locator(".recharts-xAxis .recharts-cartesian-axis-tick tspan").evaluateAll((els) => els.map((e) => [Number(e.textContent), Number(e.getAttribute("x"))] as const));
    const [[y0, x0], [y1, x1]] = ticks as [readonly [number, number], readonly [number, number]];
    const at = (t: number) => x0 + ((t - Date.UTC(y0, 0, 1)) / (Date.UTC(y1, 0, 1) - Date.UTC(y0, 0, 1))) * (x1 - x0);
    expect(markX).toBeCloseTo(at(Date.UTC(2021, 3, 19)), 0);
    expect(await chart.locator(`[data-label-for="${TALKS}"]`).textContent()).toBe("Russia–Tajikistan talks");
  });

  it("hovering the talks marker shows its title, exact dates, kind and document", async () => {
    await browser.page.locator(`[data-event-ids~="${TALKS}"]`).hover();
    const tooltip = browser.page.locator('[data-testid="event-tooltip"]');
    await tooltip.waitFor();
    const text = await tooltip.innerText();
    expect(text).toContain("Russian–Tajik comprehensive talks on migration policy");
    expect(text).toContain("Talks · 2021-04-19 – 2021-04-20");
    // The year the annual value stands for is highlighted only now, and says so.
    expect(text).toContain("Shaded: the 2021 value covers the whole year");
    expect(await browser.page.locator("svg.recharts-surface .event-period").count()).toBe(1);
    expect(text).toContain("Press release of the Ministry of Internal Affairs of Russia");
    await browser.page.screenshot({ path: `${ARTIFACTS}dashboard-tooltip.png` });
  });

  it("markers are reachable by keyboard and Enter opens the event page with the press release and its before/after numbers", async () => {
    const marker = browser.page.locator(`[data-event-ids~="${TALKS}"]`);
    await marker.focus();
    await browser.page.keyboard.press("Enter");
    await browser.page.waitForURL(`**/events/${TALKS}`);
    await browser.page.locator('[data-testid="event-body"]').waitFor();
    expect(await browser.page.locator('[data-testid="event-body"]').innerText()).toContain("On April 19-20, 2021, the Russian-Tajik comprehensive talks on the migration policy");
    expect(await browser.page.getByRole("link", { name: /Presidential Decree No. 274/ }).count()).toBe(1);
    const panels = browser.page.locator('[data-testid="impact-panel"]');
    expect(await panels.count()).toBeGreaterThan(0);
    const remittances = panels.filter({ hasText: "Personal remittances, received: Tajikistan → all countries" });
    expect(await remittances.innerText()).toMatch(/Around the event \(2021\)[\s\S]*2019, 2020[\s\S]*2022, 2023[\s\S]*\+121\.3%/);
    await browser.page.screenshot({ path: `${ARTIFACTS}event-talks.png`, fullPage: true });
  });

  it("keyboard focus on a marker of the server-drawn chart carries over to the interactive chart", async () => {
    const fresh = await browser.context.newPage();
    await fresh.goto(browser.server.url, { waitUntil: "networkidle" });
    await fresh.locator(`[data-testid="chart-placeholder"] [data-event-ids="${TALKS}"]:visible`).focus();
    await fresh.locator("[data-interactive]").waitFor();
    await expect.poll(() => fresh.evaluate(() => document.activeElement?.getAttribute("data-event-ids"))).toContain(TALKS);
    expect(await fresh.evaluate(() => document.activeElement?.closest("svg")?.classList.contains("recharts-surface"))).toBe(true);
    await fresh.keyboard.press("Enter");
    await fresh.waitForURL(`**/events/${TALKS}`);
    await fresh.close();
  });

  it("kind toggles live in the URL, back and forward restore them", async () => {
    await browser.page.goto(browser.server.url, { waitUntil: "networkidle" });
    await browser.page.getByRole("button", { name: "Decrees", exact: true }).click();
    await browser.page.waitForURL(/\?hide=decree$/);
    await expect.poll(() => browser.page.locator('[data-event-ids~="decree-274-2020"]').count()).toBe(0);
    await browser.page.goBack();
    await browser.page.waitForURL(browser.server.url + "/");
    await expect.poll(() => browser.page.locator('[data-event-ids~="decree-274-2020"]:visible').count()).toBe(1);
    await browser.page.goForward();
    await expect.poll(() => browser.page.locator('[data-event-ids~="decree-274-2020"]').count()).toBe(0);
    // The link itself round-trips: opening it fresh shows the same view.
    const fresh = await browser.context.newPage();
    await fresh.goto(`${browser.server.url}/?hide=decree`, { waitUntil: "networkidle" });
    expect(await fresh.locator('[data-event-ids~="decree-274-2020"]').count()).toBe(0);
    expect(await fresh.locator(`[data-event-ids~="${TALKS}"]:visible`).count()).toBe(1);
    await fresh.close();
  });

  it("renders in dark mode", async () => {
    const dark = await launch({ colorScheme: "dark" });
    const p = await dark.newPage();
    await p.goto(browser.server.url, { waitUntil: "networkidle" });
    const background = await p.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await p.screenshot({ path: `${ARTIFACTS}dashboard-dark.png`, fullPage: true });
    await dark.close();
    // Dark background: every channel well below mid-grey.
    const [r, g, b] = background.match(/\d+/g)!.map(Number);
    expect(Math.max(r!, g!, b!)).toBeLessThan(60);
  });

  it("says which values at other frequencies it leaves out, and shows them on request", async () => {
    await browser.page.goto(`${browser.server.url}/?indicator=transfers_from_russia_usd_mn`, { waitUntil: "networkidle" });
    const notShown = browser.page.getByTestId("not-shown");
    // 2017-Q3 and 2018-Q3: the 2021-Q3 value is another breakdown (payment systems only), which the quarterly view does not show either.
    expect(await notShown.innerText()).toBe("2 quarterly values not shown (2017-Q3 to 2018-Q3) — show them");
    await notShown.getByRole("link", { name: "show them" }).click();
    await browser.page.waitForURL(/frequency=Q/);
    await expect.poll(() => notShown.innerText()).toBe("5 annual values not shown (2013 to 2017) — show them");
  });

  it("a one-day snapshot: the value in the middle of the plot with its date, said in words", async () => {
    await browser.page.goto(`${browser.server.url}/?origin=KAZ&indicator=irregular_stay_stock`, { waitUntil: "networkidle" });
    expect(await browser.page.getByTestId("chart-summary").innerText()).toMatch(/one value, on 16 Apr 2021/);
    const dot = browser.page.locator('[data-testid="chart-placeholder"] span.chart-dot').first();
    const left = Number((await dot.getAttribute("style"))!.match(/left:\s*([\d.]+)%/)![1]);
    expect(left).toBeGreaterThan(30);
    expect(left).toBeLessThan(70);
  });

  it("screenshots: Tajikistan and Kazakhstan dashboards and the talks page, desktop, phone and dark", async () => {
    for (const [name, options] of [
      ["desktop", { width: 1400, height: 900 }],
      ["phone", { width: 375, height: 800 }],
      ["dark", { width: 1400, height: 900, colorScheme: "dark" as const }],
    ] as const) {
      const context = await launch(options);
      const p = await context.newPage();
      for (const [page, path] of [
        ["tjk", "/"],
        ["kaz", "/?origin=KAZ&indicator=irregular_stay_stock"],
        ["talks", `/events/${TALKS}`],
      ]) {
        await p.goto(`${browser.server.url}${path}`, { waitUntil: "networkidle" });
        await p.screenshot({ path: `${ARTIFACTS}chart17c-${page}-${name}.png`, fullPage: true });
      }
      await context.close();
    }
  });
});
