/**
 * Issue 18.5: the exported SVG renders the same in three independent renderers — resvg (our PNGs),
 * librsvg (`rsvg-convert`: GNOME, LibreOffice's import, most converters) and Chromium — compared
 * by image, not markup. Fonts differ between them (resvg gets Inter, the others the machine's), so
 * the comparison is of geometry that fonts cannot move: where the series line is drawn, where the
 * x axis is, where the last line of the footer ends. Synthetic data, not published figures.
 * Needs Debian's librsvg2-bin and chromium (.ci/run installs both).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChartData } from "@corridor/data";
import svgToPng from "../../render-worker.mjs";
import { CHROMIUM } from "../../e2e/browser";
import { nestedPlotSvg, renderSeriesSvg } from "./series-svg";
import { syntheticChartData, syntheticEvent } from "./test-data";

const event = (id: string, kind: string, startsOn: string, title: string) => syntheticEvent(id, kind, startsOn, title, { documentRef: null, sourceUrl: null });

const DATA: ChartData = syntheticChartData(
  2016,
  [80, 95, 100, 120, 40, 90, 150],
  [event("d1", "decree", "2020-03-18", "A decree with a long title that runs on to show the notes"), event("t1", "talks", "2021-04-19", "Talks")],
);

const SERIES = [0x00, 0x72, 0xb2] as const; // the light theme's series colour, #0072B2
const DECREE = [0xd5, 0x5e, 0x00] as const; // decree markers and lines, #D55E00

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

interface Geometry {
  /** Bounding box of the series colour below the legend. */
  series: Box;
  /** Bounding box of the decree colour below the legend: its line over the plot and its marker in the lane below. */
  decree: Box;
  /** The last row with any ink: the footer's last line. */
  lastInkRow: number;
}

function geometry(png: Buffer, legendBottom: number): Geometry {
  const { width, height, data } = PNG.sync.read(png);
  const near = (i: number, [r, g, b]: readonly number[], tolerance: number) => data[i + 3]! > 200 && Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) <= tolerance;
  const box = (): Box => ({ top: height, bottom: -1, left: width, right: -1 });
  const grow = (b: Box, x: number, y: number) => Object.assign(b, { top: Math.min(b.top, y), bottom: Math.max(b.bottom, y), left: Math.min(b.left, x), right: Math.max(b.right, x) });
  const series = box();
  const decree = box();
  let lastInkRow = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (y > legendBottom && near(i, SERIES, 40)) grow(series, x, y);
      if (y > legendBottom && near(i, DECREE, 40)) grow(decree, x, y);
      // Ink: anything clearly darker than the white background.
      if (data[i + 3]! > 200 && data[i]! + data[i + 1]! + data[i + 2]! < 600) lastInkRow = y;
    }
  }
  return { series, decree, lastInkRow };
}

function rsvg(svg: string): Buffer {
  const r = spawnSync("rsvg-convert", ["--format", "png", "--background-color", "white"], { input: svg });
  if (r.error || r.status !== 0) throw new Error(`rsvg-convert failed (Debian package librsvg2-bin; .ci/run installs it): ${r.error?.message ?? r.stderr}`);
  return r.stdout;
}

function resvg(svg: string): Buffer {
  // Our PNG renderer draws on a transparent background: put it on white as the others are.
  const png = PNG.sync.read(svgToPng({ svg }) as Buffer);
  for (let i = 0; i < png.data.length; i += 4) {
    const a = png.data[i + 3]! / 255;
    for (let c = 0; c < 3; c++) png.data[i + c] = Math.round(png.data[i + c]! * a + 255 * (1 - a));
    png.data[i + 3] = 255;
  }
  return PNG.sync.write(png);
}

const WIDTH = 800;
const HEIGHT = 600;
const svg = renderSeriesSvg(DATA, { width: WIDTH, height: HEIGHT, theme: "light", provenance: "test provenance" });
// The legend's own swatch is series-coloured too: measure the plot below it.
const legendBottom = Number(svg.match(/<g transform="translate\(0 ([\d.]+)\)">/)![1]);

let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
});
afterAll(async () => {
  await browser?.close();
});

async function inChromium(svgText: string): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), "corridor-svg-"));
  const file = join(dir, "chart.svg");
  writeFileSync(file, svgText);
  const page = await browser!.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
  await page.goto(`file://${file}`);
  const png = await page.screenshot({ clip: { x: 0, y: 0, width: WIDTH, height: HEIGHT } });
  await page.close();
  return png;
}

describe("the exported SVG in resvg, librsvg and Chromium", () => {
  it("draws the plot, the event marks and the footer at the same place in all three (within 2 px)", async () => {
    const images = { resvg: resvg(svg), librsvg: rsvg(svg), chromium: await inChromium(svg) };
    for (const [name, png] of Object.entries(images)) writeFileSync(join(tmpdir(), `corridor-export-${name}.png`), png);
    const [reference, ...others] = Object.entries(images).map(([name, png]) => ({ name, ...geometry(png, legendBottom) }));
    // The plot is where the layout put it: inside the image, above the footer.
    expect(reference!.series.bottom).toBeGreaterThan(legendBottom);
    expect(reference!.decree.bottom).toBeLessThan(reference!.lastInkRow);
    for (const other of others) {
      const label = `${other.name} vs ${reference!.name}`;
      for (const mark of ["series", "decree"] as const)
        for (const side of ["top", "bottom", "left", "right"] as const) expect(Math.abs(other[mark][side] - reference![mark][side]), `${label}: ${mark} ${side}`).toBeLessThanOrEqual(2);
      expect(Math.abs(other.lastInkRow - reference!.lastInkRow), `${label}: last footer row`).toBeLessThanOrEqual(4);
    }
  });

  it("nestedPlotSvg drops only the nested svg's style, keeping its size and content", () => {
    const plot = '<svg id="p" width="10" height="5" style="width:100%;height:100%" viewBox="0 0 10 5"><rect style="fill:red"/></svg>';
    expect(nestedPlotSvg(plot)).toBe('<svg id="p" width="10" height="5" viewBox="0 0 10 5"><rect style="fill:red"/></svg>');
    expect(() => nestedPlotSvg("<g/>")).toThrow(/expected an <svg>/);
  });
});
