/**
 * The server's PDFs, read back by an independent reader (poppler: pdfinfo, pdftotext, pdffonts,
 * pdfimages, pdftoppm — installed by .ci/run), on synthetic data (test values, not published figures).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import type { ChartData } from "@corridor/data";
import { renderSeriesSvg } from "./series-svg";
import { eventBriefPdf, svgToPdf, type EventBrief } from "./pdf";
import { briefLabels } from "@/server/brief-words";
import { syntheticChartData, syntheticEvent } from "./test-data";
import { LIGHT } from "@/components/chart-layers";

const dir = mkdtempSync(join(tmpdir(), "corridor-pdf-"));
let n = 0;
function file(pdf: Buffer): string {
  const path = join(dir, `${n++}.pdf`);
  writeFileSync(path, pdf);
  return path;
}
const run = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { encoding: "utf8" });
const text = (path: string) => run("pdftotext", "-layout", path, "-").replace(/\s+/g, " ");
const info = (path: string) =>
  Object.fromEntries(
    run("pdfinfo", path)
      .split("\n")
      .map((l) => [l.split(":")[0]!.trim(), l.slice(l.indexOf(":") + 1).trim()]),
  );
/** Every word's box on page 1, in pt from the top left, and the page's size. */
function words(path: string): { word: string; xMax: number; yMax: number; xMin: number; yMin: number }[] {
  const html = run("pdftotext", "-bbox", path, "-");
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    word: m[5]!,
  }));
}

const NOTE = "Decree No. 274 of the President of the Russian Federation of 28 December 2024 on measures to regulate the stay of foreign citizens, with a register of controlled persons";
const DATA: ChartData = syntheticChartData(
  2020,
  [40, 90, 150, 120, 130, 60],
  [syntheticEvent("d274", "decree", "2024-12-28", NOTE, { documentRef: "No. 274", sourceUrl: null, key: true, label: "Decree No. 274" })],
);
const SVG = renderSeriesSvg(DATA, { width: 960, theme: "light", provenance: "Corridor · data of 2026-11-28 · https://corridor.example/embed/series?indicator=entries&origin=TJK&destination=RUS" });

describe("svgToPdf", () => {
  it("is one vector page the chart's size, its words real text in embedded Inter", async () => {
    const path = file(await svgToPdf(SVG, { title: "Entries (synthetic)" }));
    const meta = info(path);
    expect(meta.Pages).toBe("1");
    expect(meta.Title).toBe("Entries (synthetic)");
    const height = Number(/height="([\d.]+)"/.exec(SVG)![1]);
    expect(meta["Page size"]).toMatch(new RegExp(`^720 x ${(height * 0.75).toFixed(2).replace(/\.?0+$/, "")}`));
    const words = text(path);
    expect(words).toContain("Entries (synthetic): Tajikistan → Russian Federation");
    // The whole note, not "Decree No. 274 of…".
    expect(words).toContain(`1. 28 Dec 2024 · Decrees: ${NOTE} (No. 274)`);
    // Publisher, release and licence (describeSource), said even when the source states none.
    expect(words).toContain("Source: Synthetic test source · release: not stated · licence: not stated.");
    expect(words).toContain("data of 2026-11-28");
    expect(run("pdffonts", path)).toMatch(/Inter-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    // Vectors, not a picture of the chart: no image in the file, and the line drawn in the series colour.
    expect(run("pdfimages", "-list", path).trim().split("\n")).toHaveLength(2);
    run("pdftoppm", "-png", "-r", "48", "-singlefile", path, join(dir, "chart"));
    const png = PNG.sync.read(await import("node:fs").then((fs) => fs.readFileSync(join(dir, "chart.png"))));
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(LIGHT.series.slice(i, i + 2), 16));
    let seriesPixels = 0;
    for (let i = 0; i < png.data.length; i += 4) if (Math.abs(png.data[i]! - r!) + Math.abs(png.data[i + 1]! - g!) + Math.abs(png.data[i + 2]! - b!) < 40) seriesPixels++;
    expect(seriesPixels).toBeGreaterThan(100);
  });

  it("refuses an SVG without a size, and one it cannot draw in full", async () => {
    await expect(svgToPdf("<svg/>", { title: "x" })).rejects.toThrow(/no width and height/);
    await expect(svgToPdf('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><path d="M 0 0 Q"/></svg>', { title: "x" })).rejects.toThrow(/did not convert to PDF/);
  });
});

const BRIEF: EventBrief = {
  title: "Decree No. 274 on the stay of foreign citizens",
  facts: "Decrees · 28 Dec 2024 · verified · Tajikistan, Russian Federation",
  details: [
    ["Document", "No. 274"],
    ["In force", "28 Dec 2024"],
  ],
  summary: "A synthetic summary of the decree for the test: what it changes and for whom.",
  chartSvg: renderSeriesSvg(DATA, { width: 760, theme: "light" }),
  figures: [
    { what: "Entries (synthetic): Tajikistan → Russian Federation (people)", before: "135 (2022, 2023)", after: "95 (2025, 2026)", change: "-29.6%", yearEarlier: "+12.0%" },
    { what: "Remittances (synthetic): Tajikistan → World (US$)", before: "US$ 2.1 bn (2022, 2023)", after: "US$ 1.9 bn (2025, 2026)", change: "-9.5%", yearEarlier: "—" },
  ],
  method: "Before and after: the mean of the 2 periods before and the 2 after the event's period.",
  sources: ["event: No. 274, https://example.org/decree-274", "data: Synthetic test source", "events: Corridor event register"],
  footer: "Corridor · data of 2026-11-28 · https://corridor.example/events/d274",
  labels: briefLabels("en", 40),
};

describe("eventBriefPdf", () => {
  it("is one A4 page with the title, dates, summary, the chart and its whole note, the figures and sources", async () => {
    const path = file(await eventBriefPdf(BRIEF));
    const meta = info(path);
    expect(meta.Pages).toBe("1");
    expect(meta["Page size"]).toMatch(/^595\.2\d* x 841\.8\d* pts \(A4\)/);
    const words = text(path);
    for (const expected of [BRIEF.title, "28 Dec 2024", BRIEF.summary, NOTE, "135 (2022, 2023)", "-29.6%", "+12.0%", "https://example.org/decree-274", "Synthetic test source", BRIEF.footer])
      expect(words, expected).toContain(expected);
    // The chart's label for the event is on the plot.
    expect(words).toContain("Decree No. 274");
    expect(run("pdfimages", "-list", path).trim().split("\n")).toHaveLength(2);
  });

  it("stays on one page, nothing past the margins, however long the summary and table", async () => {
    const long: EventBrief = {
      ...BRIEF,
      title: `${BRIEF.title} `.repeat(4).trim(),
      summary: Array.from({ length: 120 }, (_, i) => `Sentence ${i} of a very long synthetic summary.`).join(" "),
      figures: Array.from({ length: 40 }, (_, i) => ({ ...BRIEF.figures[0]!, what: `Indicator ${i}: Tajikistan → Russian Federation (people)` })),
    };
    const path = file(await eventBriefPdf(long));
    expect(info(path).Pages).toBe("1");
    const all = words(path);
    expect(all.length).toBeGreaterThan(50);
    for (const w of all) {
      expect(w.xMin, w.word).toBeGreaterThanOrEqual(30);
      expect(w.xMax, w.word).toBeLessThanOrEqual(595.28 - 30);
      expect(w.yMax, w.word).toBeLessThanOrEqual(841.89 - 30);
    }
    const said = text(path);
    expect(said).toContain("continued on the event's page");
    expect(said).toMatch(/… \d+ more corridors and indicators on the event's page/);
    expect(said).toContain(BRIEF.footer);
    expect(said).toContain("Sources:");
  });

  it("says so when there are no figures and no chart", async () => {
    const path = file(await eventBriefPdf({ ...BRIEF, chartSvg: null, figures: [] }));
    expect(info(path).Pages).toBe("1");
    expect(text(path)).toContain("No before/after figures: not enough data around this event.");
  });

  it("draws its own words in Russian when the brief is Russian, plurals by Russian rules", async () => {
    const long: EventBrief = {
      ...BRIEF,
      summary: Array.from({ length: 120 }, (_, i) => `Предложение ${i} очень длинного синтетического описания.`).join(" "),
      figures: Array.from({ length: 40 }, (_, i) => ({ ...BRIEF.figures[0]!, what: `Показатель ${i}: Таджикистан → Россия (человек)` })),
      labels: briefLabels("ru", 40),
    };
    const path = file(await eventBriefPdf(long));
    expect(info(path).Pages).toBe("1");
    const said = text(path);
    for (const expected of ["Corridor · справка о событии", "Коридор и показатель", "До (среднее)", "Годом ранее", "(продолжение на странице события)", "Источники:"])
      expect(said, expected).toContain(expected);
    // However many rows were left off, the count agrees with its noun (21 коридор, 22 коридора, 25 коридоров).
    const more = /… ещё (\d+) (коридор|коридора|коридоров) и (показатель|показателя|показателей) — на странице события\./.exec(said.replace(/\s+/g, " "));
    expect(more, said).not.toBeNull();
    const n = Number(more![1]);
    const form = n % 10 === 1 && n % 100 !== 11 ? "коридор" : [2, 3, 4].includes(n % 10) && ![12, 13, 14].includes(n % 100) ? "коридора" : "коридоров";
    expect(more![2]).toBe(form);
    expect(said).not.toMatch(/Sources:|event brief|Corridor and indicator|continued on/);
  });
});
