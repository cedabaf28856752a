/**
 * Issue 18.3, rough edges, each against the built app: an embed without parameters is a readable
 * page; /observations opens on a form and an example, not "indicator: required"; ?origin=XXX says
 * it is showing another corridor; From/To placeholders read as placeholders; the embed follows the
 * reader's dark mode; links in dark mode meet WCAG AA contrast (4.5:1) on their background.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, launch } from "./browser.ts";
import { startServer, type TestServer } from "./server.ts";

let server: TestServer;
let light: BrowserContext;
let dark: BrowserContext;
beforeAll(async () => {
  server = await startServer();
  light = await launch({ width: 1400, height: 900 });
  dark = await launch({ width: 1400, height: 900, colorScheme: "dark" });
});
afterAll(async () => {
  await light?.close();
  await dark?.close();
  await server?.stop();
});

const get = (path: string) => fetch(`${server.url}${path}`);

async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  const res = await page.goto(`${server.url}${path}`);
  expect(res, path).not.toBeNull();
  return page;
}

describe("rough edges", () => {
  it("/embed/series without parameters is a readable page naming the parameters, not JSON", async () => {
    const res = await get("/embed/series");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain("<h1>Embed a Corridor chart</h1>");
    for (const name of ["indicator", "origin", "destination", "theme"]) expect(html).toContain(`<code>${name}</code>`);
    expect(html).toContain('href="/embed/series?indicator=remittances_received_usd&#38;origin=TJK&#38;destination=RUS"');
    // A bad value says what is wrong, on the same page.
    const bad = await (await get("/embed/series?indicator=remittances_received_usd&origin=Atlantis")).text();
    expect(bad).toMatch(/role="alert">This embed cannot be drawn: origin: [^<]*Atlantis/);
    // The example it offers works.
    expect((await get("/embed/series?indicator=remittances_received_usd&origin=TJK&destination=RUS")).status).toBe(200);
  });

  it("/observations opens on a form with the indicators to pick and an example, not on an error", async () => {
    const page = await open(light, "/observations");
    const main = await page.locator("main").innerText();
    expect(main).not.toMatch(/required/);
    expect(await page.getByTestId("observation-help").innerText()).toMatch(/Every value in the dashboard.s table links here/);
    const options = await page.locator("datalist#indicator-codes option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(expect.arrayContaining(["remittances_received_usd", "work_patents_issued"]));
    await page.getByRole("link", { name: /work patents issued, Tajikistan/ }).click();
    await page.getByTestId("observation-current").waitFor();
    await page.close();
  });

  it("?origin=XXX says there is no data for XXX and which corridor it shows", async () => {
    const page = await open(light, "/?origin=XXX");
    const notice = await page.getByTestId("fallback").innerText();
    expect(notice).toMatch(/No data for origin “XXX” — showing .+, Tajikistan → Russian Federation\./);
    await page.goto(`${server.url}/?origin=KGZ`);
    expect(await page.getByTestId("fallback").count()).toBe(0);
    await page.close();
  });

  it("From/To placeholders read as placeholders (a word, italic, muted), not as chosen years", async () => {
    for (const path of ["/explorer", "/events"]) {
      const page = await open(light, path);
      for (const name of ["from", "to"]) {
        const input = page.locator(`input[name="${name}"]`);
        const placeholder = (await input.getAttribute("placeholder")) ?? "";
        expect(placeholder, `${path} ${name}`).not.toMatch(/^\d{4}(-\d\d)?$/);
        expect(placeholder, `${path} ${name}`).toMatch(/earliest|latest|any/);
        const style = await input.evaluate((el) => {
          const p = getComputedStyle(el, "::placeholder");
          return { fontStyle: p.fontStyle, colour: p.color, text: getComputedStyle(el).color };
        });
        expect(style.fontStyle).toBe("italic");
        expect(style.colour).not.toBe(style.text);
      }
      await page.close();
    }
  });

  it("the explorer chart marks the corridors' events, and lists them with links", async () => {
    const page = await open(light, "/explorer?series=TJK-RUS,UZB-RUS&indicator=work_patents_issued");
    await page.locator("#explorer-chart, .recharts-wrapper").first().waitFor();
    const marks = page.locator(".recharts-wrapper .compare-event line, .recharts-wrapper .compare-event");
    await expect.poll(() => marks.count()).toBeGreaterThan(0);
    const list = page.getByTestId("explorer-events");
    await list.locator("summary").click();
    await page.screenshot({ path: `${ARTIFACTS}explorer-events.png`, fullPage: true });
    const links = await list.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    // Decree No. 791 of 2020 (it extends No. 274) is both corridors' event: listed once, a link.
    expect(links).toContain("/events/decree-791-2020");
    expect(new Set(links).size).toBe(links.length);
    await page.close();
  });

  it("the embed follows the reader's dark mode by default", async () => {
    const path = "/embed/series?indicator=work_patents_issued&origin=TJK&destination=RUS";
    const background = async (context: BrowserContext) => {
      const page = await open(context, path);
      // embed-frame.js swaps in the SVG drawn at the frame's width: read the one that stays.
      await page.waitForLoadState("networkidle");
      const { fill, body } = await page.evaluate(() => ({
        fill: getComputedStyle(document.querySelector("svg.corridor-chart rect.cr-bg")!).fill,
        // The page behind the figure too: below a short embed, <html> shows.
        body: [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.documentElement).backgroundColor].join(" / "),
      }));
      if (context === dark) await page.screenshot({ path: `${ARTIFACTS}embed-dark.png`, fullPage: true });
      await page.close();
      return { fill, body };
    };
    expect(await background(light)).toEqual({ fill: "rgb(255, 255, 255)", body: "rgb(255, 255, 255) / rgb(255, 255, 255)" });
    // DARK.background in chart-layers.tsx, #0b1120.
    expect(await background(dark)).toEqual({ fill: "rgb(11, 17, 32)", body: "rgb(11, 17, 32) / rgb(11, 17, 32)" });
    // theme=light still pins it light.
    const page = await open(dark, `${path}&theme=light`);
    await page.waitForLoadState("networkidle");
    expect(await page.evaluate(() => getComputedStyle(document.querySelector("rect.cr-bg")!).fill)).toBe("rgb(255, 255, 255)");
    await page.close();
    for (const [name, width] of [
      ["desktop", 1400],
      ["phone", 375],
    ] as const) {
      const context = await launch({ width, height: 900, colorScheme: "dark" });
      const p = await context.newPage();
      await p.goto(`${server.url}${path}`);
      await p.screenshot({ path: `${ARTIFACTS}embed-dark-${name}.png`, fullPage: true });
      await context.close();
    }
  });

  it.each(["/", "/events", "/events/decree-274-2020", "/explorer", "/imports", "/observations", "/login"])("links on %s in dark mode meet WCAG AA contrast", async (path) => {
    const page = await open(dark, path);
    const low = await page.evaluate(() => {
      const rgba = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number) as number[];
      const lum = ([r, g, b]: number[]) => {
        const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
      };
      // The colour behind an element: its own or its ancestors' backgrounds, blended down to the page's.
      const behind = (el: Element | null): number[] => {
        const layers: number[][] = [];
        for (let e = el; e; e = e.parentElement) {
          const c = rgba(getComputedStyle(e).backgroundColor);
          if (c.length >= 3 && (c[3] ?? 1) > 0) {
            layers.push(c);
            if ((c[3] ?? 1) >= 1) break;
          }
        }
        let base = [255, 255, 255];
        for (const c of layers.reverse()) {
          const a = c[3] ?? 1;
          base = base.map((v, i) => c[i]! * a + v * (1 - a));
        }
        return base;
      };
      const out: string[] = [];
      for (const a of document.querySelectorAll("main a, header a")) {
        const box = a.getBoundingClientRect();
        const text = a.textContent?.trim() ?? "";
        // Text links only: a chart's event markers (a glyph on the kind's colour, named by aria-label) are graphics.
        if (!box.width || !box.height || !text || a.closest("svg") || (a.getAttribute("aria-label") && a.getAttribute("aria-label") !== text)) continue;
        const fg = rgba(getComputedStyle(a).color);
        const [l1, l2] = [lum(fg), lum(behind(a))].sort((x, y) => y - x) as [number, number];
        const ratio = (l1 + 0.05) / (l2 + 0.05);
        if (ratio < 4.5) out.push(`${text.slice(0, 40)}: ${ratio.toFixed(2)}`);
      }
      return out;
    });
    expect(low).toEqual([]);
    await page.close();
  });
});
