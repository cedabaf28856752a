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

type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { many: string; other: string };

/**
 * The catalog's units in Russian: a count noun in each plural form ("1 патент, 2 патента,
 * 5 патентов"; after a scale word always the genitive plural: "787 тыс. патентов"), the currency
 * symbol as Russian texts write it after the number ("2,5 млрд $"), "% ВВП". A unit not listed here
 * keeps its catalogue spelling: the number is still right, only the word stays English.
 */
const RU_NOUNS: Record<string, PluralForms> = {
  patents: { one: "патент", few: "патента", many: "патентов", other: "патента" },
  registrations: { one: "регистрация", few: "регистрации", many: "регистраций", other: "регистрации" },
  entries: { one: "въезд", few: "въезда", many: "въездов", other: "въезда" },
  persons: { one: "человек", few: "человека", many: "человек", other: "человека" },
  permits: { one: "разрешение", few: "разрешения", many: "разрешений", other: "разрешения" },
};
const RU_CURRENCY: Record<string, string> = { "US$": "$", "€": "€", EUR: "€", RUB: "₽", "₽": "₽" };
const RU_PERCENT: Record<string, string> = { "% of GDP": "% ВВП", "%": "%" };

// Scale words per locale: "bn" rather than "B" so a figure never reads as a byte count, and so Russian can say "млрд".
// Russian also says thousands ("787 тыс."), as its statistics and press do; English keeps 787,000.
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
    { exp: 3, word: "тыс." },
  ],
};

const DIGITS: Record<Exclude<FormatUse, "table">, number> = { card: 3, axis: 3, tooltip: 4 };

function language(locale: string): string {
  return locale.split("-")[0]!.toLowerCase();
}

/** Russian keeps a number and its words on one line (no-break space), as its typography asks. */
const gap = (locale: string) => (language(locale) === "ru" ? "\u00a0" : " ");

/** The number alone, scaled ("2.19 bn", "787 тыс."), grouped below ("787,000"); never a sign. */
function magnitude(abs: number, use: FormatUse, locale: string): { text: string; scaled: boolean; number: number } {
  if (use === "table") return { text: new Intl.NumberFormat(locale, { maximumFractionDigits: 20 }).format(abs), scaled: false, number: abs };
  const digits = DIGITS[use];
  const scales = SCALES[language(locale)] ?? SCALES.en!;
  // A value just under a scale rounds up into it ("999,950" is "1 million", not "1,000 thousand").
  const scale = scales.find((s) => abs >= 10 ** s.exp * (1 - 0.5 * 10 ** -digits) && (s.exp >= 6 || abs >= 10 ** digits));
  if (scale) {
    const n = abs / 10 ** scale.exp;
    return { text: `${new Intl.NumberFormat(locale, { maximumSignificantDigits: digits }).format(n)}${gap(locale)}${scale.word}`, scaled: true, number: n };
  }
  // Below a million: whole numbers stay whole (787,000 patents, not 787 thousand), fractions get the digits.
  if (abs >= 10 ** digits) return { text: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(abs), scaled: false, number: abs };
  const text = new Intl.NumberFormat(locale, { maximumSignificantDigits: digits }).format(abs);
  return { text, scaled: false, number: Number(text.replace(/\s/g, "").replace(",", ".")) };
}

/** A count noun after a number in the locale: Russian agrees it with the number. */
function countNoun(noun: string, locale: string, number: number, scaled: boolean): string {
  if (language(locale) !== "ru") return noun;
  const forms = RU_NOUNS[noun.trim().toLowerCase()];
  if (!forms) return noun;
  if (scaled) return forms.many;
  return forms[new Intl.PluralRules("ru").select(number)] ?? forms.other;
}

/**
 * `formatValue(2_186_807_504.32, "current US$", "card")` → "US$ 2.19 bn" (Russian: "2,19 млрд $");
 * `formatValue(2500, "US$ million", "card", { bound: "lower" })` → "> US$ 2.5 bn".
 */
export function formatValue(value: number, unit: string, use: FormatUse, options: { locale?: string; bound?: Bound | null } = {}): string {
  if (!Number.isFinite(value)) return "—";
  const locale = options.locale ?? "en";
  const ru = language(locale) === "ru";
  const spec = unitSpec(unit);
  const scaled = spec.kind === "currency" ? value * spec.factor : value;
  // A table shows the value as published, in the unit it was published in.
  const m = use === "table" ? magnitude(Math.abs(value), use, locale) : magnitude(Math.abs(scaled), use, locale);
  const sign = value < 0 ? "−" : "";
  const g = gap(locale);
  const bound = options.bound === "lower" ? `>${g}` : options.bound === "upper" ? `<${g}` : "";
  let text: string;
  if (use === "table") text = `${sign}${m.text}`;
  else if (spec.kind === "currency") text = ru ? `${sign}${m.text}${g}${RU_CURRENCY[spec.symbol] ?? spec.symbol}` : `${sign}${spec.symbol} ${m.text}`;
  else if (spec.kind === "percent") text = `${sign}${m.text}${g}${use === "axis" ? "%" : ru ? (RU_PERCENT[spec.suffix] ?? spec.suffix) : spec.suffix}`;
  else text = use === "axis" ? `${sign}${m.text}` : `${sign}${m.text}${g}${countNoun(spec.noun, locale, m.number, m.scaled)}`;
  return `${bound}${text}`;
}

/** A bound in words, for notes and tooltips beside "> 3 million": one wording everywhere. */
export function boundMeaning(bound: Bound | null | undefined, locale = "en"): string | null {
  if (language(locale) === "ru")
    return bound === "lower" ? "нижняя граница (опубликовано как «более»)" : bound === "upper" ? "верхняя граница (опубликовано как «менее» или «почти»)" : null;
  return bound === "lower" ? "a lower bound (published as “more than”)" : bound === "upper" ? "an upper bound (published as “less than” or “almost”)" : null;
}

/** The unit as a chart's title or axis names it: "US$", "% of GDP", "persons" (Russian: "$", "% ВВП", "человек"). */
export function unitCaption(unit: string, locale = "en"): string {
  const spec = unitSpec(unit);
  if (language(locale) === "ru") {
    if (spec.kind === "currency") return RU_CURRENCY[spec.symbol] ?? spec.symbol;
    if (spec.kind === "percent") return RU_PERCENT[spec.suffix] ?? spec.suffix;
    return RU_NOUNS[spec.noun.trim().toLowerCase()]?.many ?? spec.noun;
  }
  return spec.kind === "currency" ? spec.symbol : spec.kind === "percent" ? spec.suffix : spec.noun;
}

/** The catalog's unit string in the locale's words, for "Value (…)" headers: "текущие US$" stays "$" in Russian. */
export function unitName(unit: string, locale = "en"): string {
  if (language(locale) !== "ru") return unit;
  const spec = unitSpec(unit);
  if (spec.kind === "currency") {
    const scale = /(thousand|million|billion|bn)$/i.exec(unit.trim())?.[1]?.toLowerCase();
    const word = scale ? { thousand: "тыс.", million: "млн", billion: "млрд", bn: "млрд" }[scale as "thousand"] : "";
    return `${word ? `${word} ` : ""}${RU_CURRENCY[spec.symbol] ?? spec.symbol}${/^current/i.test(unit.trim()) ? ", в текущих ценах" : ""}`;
  }
  return unitCaption(unit, locale);
}

/**
 * An interval in one unit, the unit said once: "400–525 patents", "US$ 775 million–3.79 bn",
 * "9.33–21.4 % of GDP"; "−120 to 80 …" when it crosses zero (a dash beside a minus sign misreads).
 * Russian: "400–525 патентов", "от −120 до 80 …".
 */
export function formatRange(low: number, high: number, unit: string, use: Exclude<FormatUse, "table"> = "card", options: { locale?: string } = {}): string {
  const locale = options.locale ?? "en";
  const ru = language(locale) === "ru";
  const spec = unitSpec(unit);
  const a = formatValue(low, unit, use, options);
  const b = formatValue(high, unit, use, options);
  const crosses = low < 0 || high < 0;
  const join = (x: string, y: string) => (crosses ? (ru ? `от ${x} до ${y}` : `${x} to ${y}`) : `${x}–${y}`);
  if (spec.kind === "currency" && !ru) return join(a, b.replace(`${spec.symbol} `, ""));
  // The unit goes once, after the second number.
  return join(use === "axis" ? a : stripUnit(a, spec, locale), b);
}

/** The first value of a range without its unit words (the scale word stays: "775 млн–3,79 млрд $"). */
function stripUnit(text: string, spec: UnitSpec, locale: string): string {
  const ru = language(locale) === "ru";
  if (spec.kind === "currency") return ru ? text.replace(new RegExp(`\\u00a0${escape(RU_CURRENCY[spec.symbol] ?? spec.symbol)}$`), "") : text;
  if (spec.kind === "percent") return text.replace(/[\s\u00a0]%.*$/, "");
  // A count: drop the noun (whichever plural form it took).
  return text.replace(/[\s\u00a0][^\s\u00a0]+$/, (word) => (/^[\s\u00a0](тыс\.|млн|млрд|трлн|million|bn|tn)$/.test(word) ? word : ""));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
