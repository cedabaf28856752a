/** textWidth/wrapText against the Inter font files themselves, and the frame's notes: wrapped, never cut. */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import * as fontkit from "fontkit";
import type { ChartData } from "@corridor/data";
import { GLYPH_WIDTHS } from "./glyph-widths";
import { textWidth, wrapText } from "./text-measure";
import { renderSeriesSvg } from "./series-svg";
import { syntheticChartData, syntheticEvent } from "./test-data";

const require = createRequire(import.meta.url);
const font = (file: string) => fontkit.openSync(require.resolve(file)) as fontkit.Font;
// Inter, which the PNG and PDF embed, and DejaVu Sans, the widest fallback a viewer without Inter uses.
const FONTS = {
  regular: [font("@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf"), font("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")],
  semibold: [font("@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf"), font("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf")],
};
const em = (f: fontkit.Font, cp: number) => Math.round((f.glyphForCodePoint(cp).advanceWidth / f.unitsPerEm) * 1000);

describe("glyph widths", () => {
  it("are the wider of Inter and DejaVu Sans, from the font files (run scripts/glyph-widths.mjs after a font update)", () => {
    for (const [weight, fonts] of Object.entries(FONTS)) {
      for (const [first, ...run] of GLYPH_WIDTHS[weight as keyof typeof FONTS].runs)
        run.forEach((w, i) => expect(w, `U+${(first! + i).toString(16)} ${weight}`).toBe(Math.max(...fonts.map((f) => em(f, first! + i)))));
    }
  });

  it("measure a line at least as wide as either font lays it out (kerning only narrows), and not much wider than the wider", () => {
    for (const text of ["Decree No. 274 of 28 December 2024 on the entry of foreign citizens", "Указ Президента Российской Федерации № 274", "WAVE, Tajikistan → Russia, 2002–2024: −71.2 %"]) {
      for (const [weight, fonts] of Object.entries(FONTS)) {
        const laidOut = fonts.map((f) => (f.layout(text).advanceWidth / f.unitsPerEm) * 12);
        const measured = textWidth(text, 12, weight as keyof typeof FONTS);
        for (const w of laidOut) expect(measured).toBeGreaterThanOrEqual(w - 0.05);
        expect(measured).toBeLessThan(Math.max(...laidOut) * 1.06);
      }
    }
  });

  it("counts a character outside the table as the widest glyph", () => {
    expect(textWidth("中", 10)).toBe((GLYPH_WIDTHS.regular.widest / 1000) * 10);
  });
});

describe("wrapText", () => {
  // Seeded pseudo-random text: words of varied length, a long address, Cyrillic.
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const words = ["Decree", "No.", "274", "of", "Федерации", "https://publication.pravo.gov.ru/document/0001202412280001?index=1&rangeSize=20", "—", "entry", "a", "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWW"];

  it("keeps every character, in order, and no line is wider than asked", () => {
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 30) }, () => words[Math.floor(random() * words.length)]).join(" ");
      const px = 40 + random() * 600;
      const size = 9 + random() * 10;
      const lines = wrapText(text, px, size);
      expect(lines.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
      for (const line of lines) expect(textWidth(line, size) <= px || [...line].length === 1, `${line} in ${px}`).toBe(true);
    }
  });

  it("breaks at spaces first, and a long address after a slash or ampersand", () => {
    expect(wrapText("one two three", textWidth("one two", 12) + 0.01, 12)).toEqual(["one two", "three"]);
    const url = "https://example.org/charts/series.svg?origin=TJK&destination=RUS&indicator=remittances";
    const lines = wrapText(url, 200, 12);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/[/?&=.\-_]$/);
  });

  it("refuses a width or size that is not positive", () => {
    expect(() => wrapText("x", 0, 12)).toThrow(/width 0/);
    expect(() => wrapText("x", 100, Number.NaN)).toThrow(/font size NaN/);
  });
});

describe("the exported chart's notes", () => {
  const NOTE =
    "Decree No. 274 of the President of the Russian Federation of 28 December 2024 on measures to regulate the stay of foreign citizens and stateless persons, including a register of controlled persons and expulsion without a court order";
  const data: ChartData = syntheticChartData(2022, [10, 12, 9, 11], [syntheticEvent("d274", "decree", "2024-12-28", NOTE, { documentRef: "Decree No. 274", sourceUrl: null })]);
  const footer = (svg: string) =>
    [...svg.matchAll(/<g class="notes">([^]*?)<\/g>/g)].flatMap(([, g]) =>
      [...g!.matchAll(/<text x="16" y="([\d.]+)" font-size="([\d.]+)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({ y: Number(m[1]), size: Number(m[2]), text: m[3]! })),
    );

  for (const width of [360, 640, 1200]) {
    it(`hold every word at ${width} px, each line within the image`, () => {
      const svg = renderSeriesSvg(data, { width, theme: "light", provenance: "Corridor · data of 2026-11-28 · https://corridor.example/?origin=TJK&destination=RUS&indicator=entries" });
      const lines = footer(svg);
      const text = lines.map((l) => l.text).join(" ");
      expect(text).toContain(NOTE.split(" ").slice(-6).join(" "));
      expect(text.replace(/\s/g, "")).toContain(`${NOTE} (Decree No. 274)`.replace(/\s/g, ""));
      expect(text).not.toContain("…");
      for (const l of lines) expect(16 + textWidth(l.text.replace(/&amp;/g, "&").replace(/&quot;/g, '"'), l.size)).toBeLessThanOrEqual(width - 16);
      // Lines are stacked, never on top of each other, and all inside the image's height.
      const height = Number(/height="([\d.]+)"/.exec(svg)![1]);
      lines.forEach((l, i) => i && expect(l.y).toBeGreaterThan(lines[i - 1]!.y));
      expect(lines.at(-1)!.y).toBeLessThanOrEqual(height);
    });
  }
});
