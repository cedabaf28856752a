/**
 * A 375-px phone in chromium: year labels that do not run together (the dashboard's server-drawn
 * chart, its interactive chart, an embed), the main chart before the cards, "Sign in" on one line,
 * whole country names in the corridor boxes. Screenshots (phone, desktop, dark) go to e2e/artifacts.
 */
import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { ARTIFACTS, browserPageFixture, launch } from "./browser.ts";

const browser = browserPageFixture();

interface Box {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The boxes of the visible elements matched, as the browser laid them out. */
async function boxes(scope: Locator): Promise<Box[]> {
  return scope.evaluateAll((els) =>
    els
      .map((e) => ({ e, r: e.getBoundingClientRect() }))
      .filter(({ e, r }) => r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== "hidden")
      .map(({ e, r }) => ({ text: e.textContent ?? "", left: r.left, right: r.right, top: r.top, bottom: r.bottom })),
  );
}

function expectApart(list: Box[], what: string) {
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const [a, b] = [list[i]!, list[j]!];
      const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      expect(overlap, `${what}: "${a.text}" [${a.left.toFixed(0)}–${a.right.toFixed(0)}] and "${b.text}" [${b.left.toFixed(0)}–${b.right.toFixed(0)}] overlap`).toBe(false);
    }
}

async function phone(colorScheme: "light" | "dark" = "light"): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await launch({ width: 375, height: 800, colorScheme });
  return { page: await context.newPage(), close: () => context.close() };
}

/** WCAG 2.2's target spacing (Lighthouse's target-size audit): centres of small targets at least 24 px apart. */
async function expectTargetsApart(page: Page, width: number) {
  const markers = await boxes(page.locator('[data-testid="chart-placeholder"] [data-event-ids]'));
  expect(markers.length, `visible lane markers at ${width} px`).toBeGreaterThan(0);
  for (let i = 0; i < markers.length; i++)
    for (let j = i + 1; j < markers.length; j++) {
      const [a, b] = [markers[i]!, markers[j]!];
      const distance = Math.hypot((a.left + a.right - b.left - b.right) / 2, (a.top + a.bottom - b.top - b.bottom) / 2);
      expect(distance, `at ${width} px, markers "${a.text}" and "${b.text}" are ${distance.toFixed(1)} px apart`).toBeGreaterThanOrEqual(23.5);
    }
}

describe("lane markers a finger can tell apart", () => {
  for (const width of [375, 700, 1350])
    it(`at ${width} px, the server-drawn chart's markers are 24 px apart or joined in a count`, async () => {
      const context = await launch({ width, height: 900 });
      try {
        const page = await context.newPage();
        await page.goto(browser.server.url, { waitUntil: "networkidle" });
        await expectTargetsApart(page, width);
      } finally {
        await context.close();
      }
    });
});

describe("at 375 px", () => {
  it("the dashboard's year labels stand apart, before and after the interactive chart loads", async () => {
    const { page, close } = await phone();
    try {
      await page.goto(browser.server.url, { waitUntil: "networkidle" });
      const placeholder = await boxes(page.locator('[data-testid="chart-placeholder"] [data-tick-set]'));
      expect(placeholder.length).toBeGreaterThanOrEqual(2);
      expectApart(placeholder, "server-drawn ticks");
      // The server draws the key events' labels for a phone too, none over another or off the plot.
      const labels = await boxes(page.locator('[data-testid="chart-placeholder"] [data-label-for]'));
      expect(labels.length).toBeGreaterThan(0);
      expectApart(labels, "server-drawn event labels");
      for (const l of labels) expect(l.right, l.text).toBeLessThanOrEqual(375);
      await page.getByTestId("main-chart").hover({ position: { x: 10, y: 10 } });
      await page.locator('[data-testid="main-chart"] svg.recharts-surface').first().waitFor();
      const ticks = await boxes(page.locator('[data-testid="main-chart"] .recharts-xAxis .recharts-cartesian-axis-tick-value'));
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expectApart(ticks, "interactive ticks");
      // The on-plot event labels do not cover one another either.
      expectApart(await boxes(page.locator('[data-testid="main-chart"] [data-label-for]')), "event labels");
    } finally {
      await close();
    }
  });

  it("an embed's year labels stand apart", async () => {
    const { page, close } = await phone();
    try {
      await page.goto(`${browser.server.url}/embed/series?indicator=remittances_received_usd&origin=TJK&destination=WLD&width=375`, { waitUntil: "networkidle" });
      const ticks = await boxes(page.locator(".recharts-xAxis .recharts-cartesian-axis-tick-value"));
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expectApart(ticks, "embed ticks");
      await page.screenshot({ path: `${ARTIFACTS}phone-embed.png`, fullPage: true });
    } finally {
      await close();
    }
  });

  it("shows the main chart before the cards, 'Sign in' on one line and whole country names", async () => {
    const { page, close } = await phone();
    try {
      await page.goto(browser.server.url, { waitUntil: "networkidle" });
      const chartTop = (await page.getByTestId("main-chart").boundingBox())!.y;
      const firstCard = (await page.getByTestId("kpi-card").first().boundingBox())!.y;
      expect(chartTop).toBeLessThan(firstCard);
      expect(chartTop).toBeLessThan(800); // on the first screen
      // The Sources section closes the page, after the cards and the recent events.
      const sourcesTop = (await page.getByTestId("sources-section").boundingBox())!.y;
      expect(sourcesTop).toBeGreaterThan((await page.getByTestId("kpi-card").last().boundingBox())!.y);
      const signIn = (await page.getByRole("link", { name: "Sign in" }).boundingBox())!;
      expect(signIn.height).toBeLessThan(30);
      for (const name of ["origin", "destination"]) {
        const fits = await page.locator(`select[name="${name}"]`).evaluate((select: HTMLSelectElement) => {
          // The chosen name set in the select's own font, against the room inside its padding and arrow.
          const style = getComputedStyle(select);
          const canvas = document.createElement("canvas").getContext("2d")!;
          canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          return { text: select.selectedOptions[0]!.text, width: canvas.measureText(select.selectedOptions[0]!.text).width, room };
        });
        expect(fits.width, `${fits.text} in ${name}`).toBeLessThanOrEqual(fits.room);
      }
      await page.screenshot({ path: `${ARTIFACTS}phone-dashboard.png`, fullPage: true });
    } finally {
      await close();
    }
  });

  it("screenshots: dashboard and talks page on a phone (light, dark) and the desktop", async () => {
    for (const [name, options] of [
      ["phone-dark", { width: 375, height: 800, colorScheme: "dark" as const }],
      ["desktop", { width: 1400, height: 900 }],
    ] as const) {
      const context = await launch(options);
      const p = await context.newPage();
      for (const [pageName, path] of [
        ["dashboard", "/"],
        ["talks", "/events/2021-04-19-russia-tajikistan-migration-talks"],
      ]) {
        await p.goto(`${browser.server.url}${path}`, { waitUntil: "networkidle" });
        await p.screenshot({ path: `${ARTIFACTS}briefing-${pageName}-${name}.png`, fullPage: true });
      }
      await context.close();
    }
  });
});
