/**
 * How a value reads, driven by its indicator's unit: one module for the web pages, the chart
 * renderer (SVG/PNG/CSV notes, embeds) and the CLI. Values are stored exactly as published; this
 * only decides how many digits a reader sees and which words go around them.
 *
 * - `card`: 3 significant digits with a scale word ("US$ 2.19 bn", "787,000 patents").
 * - `axis`: 3 significant digits, currency kept, count words left to the axis title ("US$ 8 bn", "3 million").
 * - `tooltip`: 4 significant digits with the unit ("US$ 2.187 bn").
 * - `table`: the full published value with grouping ("2,186,807,504.32").
 */

import type { Bound } from "./schema.ts";

export type FormatUse = "card" | "axis" | "tooltip" | "table";
export type { Bound };

/** How a catalog unit is written: a currency with the factor its values carry, a percentage, or a count noun. */
type UnitSpec = { kind: "currency"; symbol: string; factor: number } | { kind: "percent"; suffix: string } | { kind: "count"; noun: string };

function unitSpec(unit: string): UnitSpec {
  const u = unit.trim();
  const currency = /^(?:current\s+)?(US\$|€|EUR|RUB|₽)(?:\s+(thousand|million|billion|bn))?$/i.exec(u);
  if (currency) {
    const factor = { thousand: 1e3, million: 1e6, billion: 1e9, bn: 1e9 }[currency[2]?.toLowerCase() as "thousand"] ?? 1;
    return { kind: "currency", symbol: currency[1]!, factor };
  }
  if (u.startsWith("%")) return { kind: "percent", suffix: u };
  return { kind: "count", noun: u };
}

// Scale words per locale: "bn" rather than "B" so a figure never reads as a byte count, and so Russian can say "млрд".
const SCALES: Record<string, { exp: number; word: string }[]> = {
  en: [
    { exp: 12, word: "tn" },
    { exp: 9, word: "bn" },
    { exp: 6, word: "million" },
  ],
  ru: [
    { exp: 12, word: "трлн" },
    { exp: 9, word: "млрд" },
    { exp: 6, word: "млн" },
  ],
};

const DIGITS: Record<Exclude<FormatUse, "table">, number> = { card: 3, axis: 3, tooltip: 4 };

function language(locale: string): string {
  return locale.split("-")[0]!.toLowerCase();
}

/** The number alone, scaled from a million up ("2.19 bn"), grouped below ("787,000"); never a sign. */
function magnitude(abs: number, use: FormatUse, locale: string): string {
  if (use === "table") return new Intl.NumberFormat(locale, { maximumFractionDigits: 20 }).format(abs);
  const digits = DIGITS[use];
  const scale = (SCALES[language(locale)] ?? SCALES.en!).find((s) => abs >= 10 ** s.exp * 0.9995);
  if (scale) return `${new Intl.NumberFormat(locale, { maximumSignificantDigits: digits }).format(abs / 10 ** scale.exp)} ${scale.word}`;
  // Below a million: whole numbers stay whole (787,000 patents, not 787 thousand), fractions get the digits.
  if (abs >= 10 ** digits) return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(abs);
  return new Intl.NumberFormat(locale, { maximumSignificantDigits: digits }).format(abs);
}

/**
 * `formatValue(2_186_807_504.32, "current US$", "card")` → "US$ 2.19 bn";
 * `formatValue(2500, "US$ million", "card", { bound: "lower" })` → "> US$ 2.5 bn".
 */
export function formatValue(value: number, unit: string, use: FormatUse, options: { locale?: string; bound?: Bound | null } = {}): string {
  if (!Number.isFinite(value)) return "—";
  const locale = options.locale ?? "en";
  const spec = unitSpec(unit);
  const scaled = spec.kind === "currency" ? value * spec.factor : value;
  // A table shows the value as published, in the unit it was published in.
  const number = use === "table" ? magnitude(Math.abs(value), use, locale) : magnitude(Math.abs(scaled), use, locale);
  const sign = value < 0 ? "−" : "";
  const bound = options.bound === "lower" ? "> " : options.bound === "upper" ? "< " : "";
  let text: string;
  if (use === "table") text = number;
  else if (spec.kind === "currency") text = `${spec.symbol} ${number}`;
  else if (spec.kind === "percent") text = use === "axis" ? `${number} %` : `${number} ${spec.suffix}`;
  else text = use === "axis" ? number : `${number} ${spec.noun}`;
  return `${bound}${sign}${text}`;
}

/** A bound in words, for notes and tooltips beside "> 3 million": one wording everywhere. */
export function boundMeaning(bound: Bound | null | undefined): string | null {
  return bound === "lower" ? "a lower bound (published as “more than”)" : bound === "upper" ? "an upper bound (published as “less than” or “almost”)" : null;
}

/** The unit as a chart's title or axis names it: "US$", "% of GDP", "persons". */
export function unitCaption(unit: string): string {
  const spec = unitSpec(unit);
  return spec.kind === "currency" ? spec.symbol : spec.kind === "percent" ? spec.suffix : spec.noun;
}

/**
 * An interval in one unit, the unit said once: "400–525 patents", "US$ 775 million–3.79 bn",
 * "9.33–21.4 % of GDP"; "−120 to 80 …" when it crosses zero (a dash beside a minus sign misreads).
 */
export function formatRange(low: number, high: number, unit: string, use: Exclude<FormatUse, "table"> = "card", options: { locale?: string } = {}): string {
  const spec = unitSpec(unit);
  const a = formatValue(low, unit, use, options);
  const b = formatValue(high, unit, use, options);
  const joiner = low < 0 || high < 0 ? " to " : "–";
  if (spec.kind === "currency") return `${a}${joiner}${b.replace(`${spec.symbol} `, "")}`;
  const suffix = ` ${spec.kind === "percent" ? spec.suffix : spec.noun}`;
  return `${a.endsWith(suffix) ? a.slice(0, -suffix.length) : a}${joiner}${b}`;
}
