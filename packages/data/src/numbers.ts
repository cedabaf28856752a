/**
 * Number normaliser for published statistics: `1 316 569` (space or no-break space), `1,316,569`,
 * `21,1` with a decimal comma, `2.88E-05`. Missing markers are reported as missing, never zero.
 */
import { problem, type Problem } from "./import/problems.ts";

export type DecimalMark = "." | ",";

export type NumberResult =
  | { kind: "number"; value: number }
  | { kind: "missing" }
  | { kind: "error"; reason: string; problem: Problem };

/** Cells that mean "no value published". Compared after trimming and lower-casing; none is longer than 3 characters (parseNumber relies on it). */
export const MISSING_MARKERS = new Set(["", "..", "...", ":", "-", "–", "—", "n/a", "na", "x"]);

const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
// Digits grouped by thousands: the separator is whitespace (incl. NBSP, narrow NBSP), apostrophe (also the
// typographic ’ that Swiss locales print), or the mark that is *not* the decimal mark.
const SPACE_GROUPS = /^[+-]?\d{1,3}(?:[\s\u00a0\u202f'\u2019]\d{3})+(?:[.,]\d+)?$/;

const failed = ({ message, ...p }: Problem & { message: string }): NumberResult => ({ kind: "error", reason: message, problem: p });

/** A parsed value is stored only when it is the number the text means: not ±Infinity, not 1e-400 → 0. */
function checked(text: string, normalised: string, value: number): NumberResult {
  if (!Number.isFinite(value)) return failed(problem("number_too_large", { value: text }));
  if (value === 0 && /[1-9]/.test(normalised.split(/e/i)[0]!))
    return failed(problem("number_too_small", { value: text }));
  return { kind: "number", value };
}

export function parseNumber(raw: string, decimal: DecimalMark = "."): NumberResult {
  const text = raw.trim();
  // Every marker is at most 3 characters: longer cells skip the lower-casing.
  if (text.length <= 3 && MISSING_MARKERS.has(text.toLowerCase())) return { kind: "missing" };
  // Fast path: plain machine-written numbers (the vast majority of cells).
  if (decimal === "." && PLAIN.test(text)) return checked(text, text, Number(text));

  let normalised: string;
  if (SPACE_GROUPS.test(text)) {
    // Space-grouped thousands: whichever of . or , follows the groups is the decimal mark.
    normalised = text.replace(/[\s\u00a0\u202f'\u2019]/g, "").replace(",", ".");
  } else if (decimal === ",") {
    // Thousands may be grouped with dots (1.316.569,5); a single dot would be ambiguous.
    if (/^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(text)) normalised = text.replace(/\./g, "").replace(",", ".");
    else if (/^[+-]?\d+(?:,\d+)?(?:e[+-]?\d+)?$/i.test(text)) normalised = text.replace(",", ".");
    else if (/^[+-]?\d+\.\d+$/.test(text))
      return failed(problem("decimal_point", { value: text }));
    else return failed(problem("not_a_number", { value: text }));
  } else if (/^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(text)) {
    normalised = text.replace(/,/g, "");
  } else if (/^[+-]?\d+,\d+$/.test(text)) {
    return failed(problem("decimal_comma", { value: text }));
  } else {
    return failed(problem("not_a_number", { value: text }));
  }
  return checked(text, normalised, Number(normalised));
}

/**
 * Guess a file's decimal mark from sample cells. A comma followed by other than exactly three digits
 * (`21,1`) can only be a decimal comma; likewise for a point. Ambiguous samples fall back by delimiter:
 * semicolon- and tab-separated tables come from locales that write a decimal comma.
 */
export function detectDecimalMark(samples: string[], delimiter: string): DecimalMark {
  let commaVotes = 0;
  let pointVotes = 0;
  for (const raw of samples) {
    const text = raw.trim();
    const lastComma = text.lastIndexOf(",");
    const lastPoint = text.lastIndexOf(".");
    if (lastComma >= 0 && lastPoint >= 0) {
      if (lastComma > lastPoint) commaVotes++;
      else pointVotes++;
    } else if (/^[+-]?[\d\s\u00a0]*\d,(\d{1,2}|\d{4,})$/.test(text)) commaVotes++;
    else if (/^[+-]?\d*\.(\d{1,2}|\d{4,})(e[+-]?\d+)?$/i.test(text)) pointVotes++;
  }
  if (commaVotes !== pointVotes) return commaVotes > pointVotes ? "," : ".";
  return delimiter === "," ? "." : delimiter === ";" ? "," : ".";
}
