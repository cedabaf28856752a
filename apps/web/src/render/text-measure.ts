/**
 * Text in the exported charts measured by the glyph widths of the Inter faces the exports embed
 * (glyph-widths.ts, generated from the font files), and wrapped — never cut: every word of a note,
 * title or source reaches the reader. Kerning is ignored, which only makes a line measure wider
 * than it draws; a character outside the table counts as the widest glyph. Pure: the same lines on
 * a server, in a test and in the PDF.
 */
import { GLYPH_WIDTHS } from "./glyph-widths";

export type Weight = "regular" | "semibold";

const tables = Object.fromEntries(
  Object.entries(GLYPH_WIDTHS).map(([face, { widest, runs }]) => {
    const widths = new Map<number, number>();
    for (const [first, ...run] of runs) run.forEach((w, i) => widths.set(first! + i, w));
    return [face, { widest, widths }];
  }),
) as Record<Weight, { widest: number; widths: Map<number, number> }>;

/** Width in px of `text` set in Inter at `fontSize` px. */
export function textWidth(text: string, fontSize: number, weight: Weight = "regular"): number {
  const { widest, widths } = tables[weight];
  let em = 0;
  for (const ch of text) em += widths.get(ch.codePointAt(0)!) ?? widest;
  return (em / 1000) * fontSize;
}

/**
 * `text` as lines no wider than `px`, breaking at spaces; a word wider than a line (a long address)
 * is broken after a `/`, `?`, `&`, `-` or `.` where it can be, else between any two characters.
 */
export function wrapText(text: string, px: number, fontSize: number, weight: Weight = "regular"): string[] {
  if (!(px > 0) || !(fontSize > 0)) throw new RangeError(`wrapText: width ${px} and font size ${fontSize} must be positive`);
  const fits = (s: string) => textWidth(s, fontSize, weight) <= px;
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const joined = line ? `${line} ${word}` : word;
    if (fits(joined)) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    line = "";
    let rest = word;
    while (!fits(rest)) {
      const [head, tail] = splitWord(rest, fits);
      lines.push(head);
      rest = tail;
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

/** The longest head of `word` that fits, ending at a natural break when one is in its second half. */
function splitWord(word: string, fits: (s: string) => boolean): [string, string] {
  const chars = [...word];
  let n = 1; // at least one character per line, however narrow the line
  while (n < chars.length && fits(chars.slice(0, n + 1).join(""))) n++;
  for (let i = n; i > n / 2; i--) {
    if ("/?&-.=_".includes(chars[i - 1]!)) {
      n = i;
      break;
    }
  }
  return [chars.slice(0, n).join(""), chars.slice(n).join("")];
}
