/**
 * Ready for a briefing, against the built app on the seeded database: charts as vector PDFs, an
 * event's one-page brief, footers that give the data's date and the view's address, and pages that
 * print (chromium's page.pdf) without menus, buttons or forms, light even from a dark-mode system.
 * PDFs are read back by poppler (pdfinfo, pdftotext, pdfimages, pdftoppm; installed by .ci/run).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./server.ts";
import { ARTIFACTS, launch } from "./browser.ts";

const TALKS = "2021-04-19-russia-tajikistan-migration-talks";
const REMITTANCES = "indicator=remittances_received_usd&origin=TJK&destination=WLD";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(() => server?.stop());

const dir = mkdtempSync(join(tmpdir(), "corridor-briefing-"));
const run = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { encoding: "utf8" });
/** Each page's text, in order (poppler). */
function pageTexts(file: string): string[] {
  const pages = Number(/Pages:\s+(\d+)/.exec(run("pdfinfo", file))?.[1]);
  return Array.from({ length: pages }, (_, i) => run("pdftotext", "-f", String(i + 1), "-l", String(i + 1), "-layout", file, "-"));
}
/** No printed page may open with the tail of a source's details (its rows are kept together). */
function expectSourcesWhole(file: string) {
  for (const [i, text] of pageTexts(file).entries()) expect(text.trim().split("\n")[0], `page ${i + 1}`).not.toMatch(/^\s*(Release|Licence|Address|Imports)\b/);
}
async function pdfAt(path: string, name: string): Promise<string> {
  const r = await fetch(`${server.url}${path}`);
  expect(r.status, path).toBe(200);
  expect(r.headers.get("content-type")).toBe("application/pdf");
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, Buffer.from(await r.arrayBuffer()));
  // Looked at: e2e/artifacts/NAME.png
  run("pdftoppm", "-png", "-r", "80", "-singlefile", file, join(ARTIFACTS, name));
  return file;
}
const info = (file: string) =>
  Object.fromEntries(
    run("pdfinfo", file)
      .split("\n")
      .map((l) => [l.split(":")[0]!.trim(), l.slice(l.indexOf(":") + 1).trim()]),
  );
const words = (file: string) => run("pdftotext", "-layout", file, "-").replace(/\s+/g, " ");
const today = new Date().toISOString().slice(0, 10);

describe("footers", () => {
  it("say the data's date and the address that shows the chart again, not a version number", async () => {
    const svg = await (await fetch(`${server.url}/api/charts/series.svg?${REMITTANCES}&width=1200`)).text();
    // Seeded today: the latest import's date.
    expect(svg).toContain(`Corridor · data of ${today} · ${server.url}/embed/series?indicator=remittances_received_usd&amp;origin=TJK&amp;destination=WLD`);
    expect(svg).not.toMatch(/live data|version \d/);
    // The address works: it is the same chart.
    const again = await fetch(`${server.url}/embed/series?indicator=remittances_received_usd&origin=TJK&destination=WLD`);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("Personal remittances, received: Tajikistan, from all countries");
  });
});

describe("PDF", () => {
  it("a chart: one vector page, its text real text, with the whole notes and the footer", async () => {
    const file = await pdfAt(`/api/charts/series.pdf?${REMITTANCES}`, "briefing-chart-pdf");
    expect(info(file).Pages).toBe("1");
    const text = words(file);
    expect(text).toContain("Personal remittances, received: Tajikistan, from all countries");
    expect(text).toMatch(/19 Apr 2021 – 20 Apr 2021 · Talks: Russian–Tajik comprehensive talks on migration policy/);
    expect(text).toContain("Source: World Bank, World Development Indicators");
    expect(text).toContain(`data of ${today}`);
    expect(run("pdffonts", file)).toMatch(/Inter-Regular/);
    // Vectors: no raster image anywhere in the file.
    expect(run("pdfimages", "-list", file).trim().split("\n")).toHaveLength(2);
    // Linked from the chart's Download menu beside SVG and PNG.
    const download = await fetch(`${server.url}/api/charts/series.pdf?${REMITTANCES}&download=1`);
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="remittances_received_usd_TJK-WLD.pdf"');
  });

  it("an event's brief: one A4 page with title, dates, summary, the corridor's chart, before/after figures and sources", async () => {
    const file = await pdfAt(`/events/${TALKS}/brief.pdf`, "briefing-event-brief");
    const meta = info(file);
    expect(meta.Pages).toBe("1");
    expect(meta["Page size"]).toMatch(/\(A4\)/);
    const text = words(file);
    expect(text).toContain("Russian–Tajik comprehensive talks on migration policy");
    expect(text).toContain("19 Apr 2021 – 20 Apr 2021");
    expect(text).toContain("Before (mean)");
    expect(text).toMatch(/[+-]\d+\.\d%/);
    expect(text).toContain("Sources:");
    expect(text).toContain(`${server.url}/events/${TALKS}`);
    // The chart and the first row are the origin's own corridor (Tajikistan's), not Russia's remittances.
    const firstCorridor = /: (Tajikistan|Russian Federation)(?: →|, (?:from|to) all countries)/.exec(text);
    expect(firstCorridor?.[1]).toBe("Tajikistan");
    expect(run("pdfimages", "-list", file).trim().split("\n")).toHaveLength(2);
  });

  it("an unknown event's brief is a 404", async () => {
    const r = await fetch(`${server.url}/events/no-such-event/brief.pdf`);
    expect(r.status).toBe(404);
    expect((await r.json()).error).toContain("no-such-event");
  });
});

describe("print", () => {
  for (const scheme of ["light", "dark"] as const) {
    it(`the event page prints on A4 (${scheme} system): no menus, buttons or forms, a light page, nothing wider than the paper`, async () => {
      const context = await launch({ colorScheme: scheme, width: 1400 });
      try {
        const page = await context.newPage();
        await page.goto(`${server.url}/events/${TALKS}`, { waitUntil: "networkidle" });
        await page.emulateMedia({ media: "print" });
        const seen = await page.evaluate(() => {
          const visible = (el: Element) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden";
          };
          return {
            nav: [...document.querySelectorAll("nav, button, form, select, input, textarea")].filter(visible).length,
            background: getComputedStyle(document.body).backgroundColor,
            width: document.documentElement.scrollWidth,
            links: [...document.querySelectorAll("main a[href^='http']")].map((a) => getComputedStyle(a, "::after").content),
          };
        });
        expect(seen.nav).toBe(0);
        expect(seen.background).toBe("rgb(255, 255, 255)");
        const pdf = await page.pdf({ format: "A4", printBackground: true });
        const file = join(dir, `print-${scheme}.pdf`);
        writeFileSync(file, pdf);
        run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", file, join(ARTIFACTS, `briefing-print-event-${scheme}`));
        const text = words(file);
        expect(text).toContain("Russian–Tajik comprehensive talks on migration policy");
        expect(text).toContain("Before and after");
        for (const hidden of ["Dashboard", "Explorer", "Download", "Embed"]) expect(text).not.toContain(hidden);
        // Nothing cut at the paper's right edge: every word inside the page box.
        const boxes = [...run("pdftotext", "-bbox", file, "-").matchAll(/xMax="([\d.]+)"/g)].map((m) => Number(m[1]));
        expect(Math.max(...boxes)).toBeLessThanOrEqual(595.28);
        expect(seen.width).toBeLessThanOrEqual(1400);
        // A heading never ends a page alone: the impact section's heading shares its page with the first panel.
        const headed = pageTexts(file).find((t) => t.includes("What did the event do?"));
        expect(headed).toContain("Interrupted time series");
        expectSourcesWhole(file);
      } finally {
        await context.close();
      }
    });
  }

  it("the dashboard prints with its chart and cards, without the filters", async () => {
    const context = await launch({ width: 1400 });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/`, { waitUntil: "networkidle" });
      await page.emulateMedia({ media: "print" });
      const pdf = await page.pdf({ format: "A4", printBackground: true });
      const file = join(dir, "print-dashboard.pdf");
      writeFileSync(file, pdf);
      run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", file, join(ARTIFACTS, "briefing-print-dashboard"));
      const text = words(file);
      expect(text).not.toContain("Sign in");
      // As on a phone, the chart comes first: page 1 holds its title and year axis, the cards follow.
      const firstPage = run("pdftotext", "-f", "1", "-l", "1", "-layout", file, "-");
      expect(firstPage).toMatch(/Personal remittances, received: Tajikistan, from all countries/);
      expect(firstPage).toMatch(/2010/);
      const cards = firstPage.indexOf("latest published");
      if (cards >= 0) expect(firstPage.indexOf("Personal remittances, received: Tajikistan, from all countries")).toBeLessThan(cards);
      const boxes = [...run("pdftotext", "-bbox", file, "-").matchAll(/xMax="([\d.]+)"/g)].map((m) => Number(m[1]));
      expect(Math.max(...boxes)).toBeLessThanOrEqual(595.28);
      expectSourcesWhole(file);
    } finally {
      await context.close();
    }
  });
});
