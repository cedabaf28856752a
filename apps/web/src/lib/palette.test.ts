/** Every colour a chart draws with must show on the light and on the dark background. */
import { describe, expect, it } from "vitest";
import { KIND_COLOUR, SERIES_COLOUR } from "./palette";
import { COMPARE_COLOURS, DARK, LIGHT } from "@/components/chart-layers";

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

describe("chart colours", () => {
  // 2:1, not WCAG's 3:1 for graphics: Okabe–Ito's orange and sky blue (2.3:1 on white) are kept for
  // colour-vision safety, and markers carry a glyph besides. A dark grey at 1.7:1 vanished in dark mode.
  it.each([...Object.entries(KIND_COLOUR), ...COMPARE_COLOURS.map((c, i) => [`compare ${i + 1}`, c]), ["series", SERIES_COLOUR]])("%s (%s) stands out on both backgrounds", (_name, colour) => {
    expect(contrast(colour, LIGHT.background)).toBeGreaterThanOrEqual(2);
    expect(contrast(colour, DARK.background)).toBeGreaterThanOrEqual(2);
  });
});
