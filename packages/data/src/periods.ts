/**
 * Period normaliser: every way a publication writes a period → one canonical form
 * (`2021`, `2021-Q2`, `2021-04`, `2021-04-16`) with its frequency and first/last day.
 * Pure and cached by the caller; tested in periods.test.ts.
 */
/** Annual, half-yearly (Russian tables publish "I полугодие"), quarterly, monthly, daily. */
export type Frequency = "A" | "H" | "Q" | "M" | "D";

export interface Period {
  /** Canonical string: 2021, 2021-H1, 2021-Q2, 2021-04, 2021-04-16. */
  period: string;
  frequency: Frequency;
  /** ISO dates, inclusive. */
  start: string;
  end: string;
}

export type PeriodResult = { ok: true; value: Period } | { ok: false; reason: string };

const MIN_YEAR = 1800;
const MAX_YEAR = 2200;

// Null-prototype maps: text from a file is the key, and "constructor" must not be a month.
const MONTH_NAMES: Record<string, number> = Object.create(null);
// English (full and three-letter) and Russian (nominative, genitive, prepositional, short) month names.
const monthWords: string[][] = [
  ["january", "jan", "январь", "января", "январе", "янв"],
  ["february", "feb", "февраль", "февраля", "феврале", "фев"],
  ["march", "mar", "март", "марта", "марте", "мар"],
  ["april", "apr", "апрель", "апреля", "апреле", "апр"],
  ["may", "май", "мая", "мае"],
  ["june", "jun", "июнь", "июня", "июне", "июн"],
  ["july", "jul", "июль", "июля", "июле", "июл"],
  ["august", "aug", "август", "августа", "августе", "авг"],
  ["september", "sep", "sept", "сентябрь", "сентября", "сентябре", "сен", "сент"],
  ["october", "oct", "октябрь", "октября", "октябре", "окт"],
  ["november", "nov", "ноябрь", "ноября", "ноябре", "ноя", "нояб"],
  ["december", "dec", "декабрь", "декабря", "декабре", "дек"],
];
monthWords.forEach((words, i) => words.forEach((w) => (MONTH_NAMES[w] = i + 1)));

const ROMAN_QUARTER: Record<string, number> = Object.assign(Object.create(null), { i: 1, ii: 2, iii: 3, iv: 4 });
const MONTH_WORD = "\\p{L}+\\.?";

/** "январь-март 2022": a quarter, half-year or year only when the months make exactly one. */
function monthRange(first: string, last: string, year: number): PeriodResult {
  const from = MONTH_NAMES[first.replace(/\.$/, "")];
  const to = MONTH_NAMES[last.replace(/\.$/, "")];
  if (!from || !to) return { ok: false, reason: `"${first}-${last}" is not a range of months` };
  if (from === 1 && to === 12) return build(year, {});
  if (to - from === 5 && (from === 1 || from === 7)) return build(year, { half: from === 1 ? 1 : 2 });
  if (to - from === 2 && (from - 1) % 3 === 0) return build(year, { quarter: (from - 1) / 3 + 1 });
  if (from === to) return build(year, { month: from });
  return { ok: false, reason: `${first}–${last} ${year} is not one quarter, half-year or year (a cumulative period cannot be stored)` };
}

const pad2 = (n: number) => String(n).padStart(2, "0");

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function annual(year: number): Period {
  return { period: String(year), frequency: "A", start: `${year}-01-01`, end: `${year}-12-31` };
}

export function halfYearly(year: number, half: number): Period {
  return {
    period: `${year}-H${half}`,
    frequency: "H",
    start: `${year}-${half === 1 ? "01" : "07"}-01`,
    end: `${year}-${half === 1 ? "06-30" : "12-31"}`,
  };
}

export function quarterly(year: number, quarter: number): Period {
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  return {
    period: `${year}-Q${quarter}`,
    frequency: "Q",
    start: `${year}-${pad2(firstMonth)}-01`,
    end: `${year}-${pad2(lastMonth)}-${pad2(daysInMonth(year, lastMonth))}`,
  };
}

export function monthly(year: number, month: number): Period {
  return {
    period: `${year}-${pad2(month)}`,
    frequency: "M",
    start: `${year}-${pad2(month)}-01`,
    end: `${year}-${pad2(month)}-${pad2(daysInMonth(year, month))}`,
  };
}

export function daily(year: number, month: number, day: number): Period {
  const iso = `${year}-${pad2(month)}-${pad2(day)}`;
  return { period: iso, frequency: "D", start: iso, end: iso };
}

function checkYear(year: number): string | null {
  return year >= MIN_YEAR && year <= MAX_YEAR ? null : `year ${year} is outside ${MIN_YEAR}–${MAX_YEAR}`;
}

function build(year: number, parts: { half?: number; quarter?: number; month?: number; day?: number }): PeriodResult {
  const yearError = checkYear(year);
  if (yearError) return { ok: false, reason: yearError };
  const { half, quarter, month, day } = parts;
  if (half !== undefined) {
    if (half < 1 || half > 2) return { ok: false, reason: `half-year ${half} is not 1–2` };
    return { ok: true, value: halfYearly(year, half) };
  }
  if (quarter !== undefined) {
    if (quarter < 1 || quarter > 4) return { ok: false, reason: `quarter ${quarter} is not 1–4` };
    return { ok: true, value: quarterly(year, quarter) };
  }
  if (month !== undefined) {
    if (month < 1 || month > 12) return { ok: false, reason: `month ${month} is not 1–12` };
    if (day !== undefined) {
      const last = daysInMonth(year, month);
      if (day < 1 || day > last) return { ok: false, reason: `day ${day} does not exist in ${year}-${pad2(month)}` };
      return { ok: true, value: daily(year, month, day) };
    }
    return { ok: true, value: monthly(year, month) };
  }
  return { ok: true, value: annual(year) };
}

// Each pattern is anchored and tried in order; the text is lower-cased and trimmed first.
const PATTERNS: Array<[RegExp, (m: RegExpMatchArray) => PeriodResult]> = [
  // 2021, 2021 год, 2021 г., 2021г
  [/^(\d{4})(?:\s*(?:год|г\.?))?$/u, (m) => build(+m[1]!, {})],
  // 2021-H1, 2021H2, H1 2021
  [/^(\d{4})\s*-?\s*h([1-9])$/, (m) => build(+m[1]!, { half: +m[2]! })],
  [/^h([1-9])\s*[-/ ]?\s*(\d{4})$/, (m) => build(+m[2]!, { half: +m[1]! })],
  // I полугодие 2021, 1-е полугодие 2021 г.
  [
    /^(i{1,2}|[1-9])(?:-?е)?\s+полугоди[ея]\s+(\d{4})(?:\s*(?:года|год|г\.?))?$/u,
    (m) => build(+m[2]!, { half: ROMAN_QUARTER[m[1]!] ?? +m[1]! }),
  ],
  // январь-март 2022, January–March 2022
  [
    new RegExp(`^(${MONTH_WORD})\\s*[-–—]\\s*(${MONTH_WORD})\\s+(\\d{4})(?:\\s*(?:года|год|г\\.?))?$`, "u"),
    (m) => monthRange(m[1]!, m[2]!, +m[3]!),
  ],
  // 2021-04-16, 2021/04/16
  [/^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/, (m) => build(+m[1]!, { month: +m[2]!, day: +m[3]! })],
  // 16.04.2021, 16/04/2021 (day first, as in Russian and European tables)
  [/^(\d{1,2})[./](\d{1,2})[./](\d{4})$/, (m) => build(+m[3]!, { month: +m[2]!, day: +m[1]! })],
  // 2021Q1, 2021-Q1, 2021 Q1, 2021:Q1
  [/^(\d{4})\s*[-: ]?\s*q([1-9])$/, (m) => build(+m[1]!, { quarter: +m[2]! })],
  // Q1 2021, Q1-2021, Q1/2021
  [/^q([1-9])\s*[-/ ]?\s*(\d{4})$/, (m) => build(+m[2]!, { quarter: +m[1]! })],
  // I квартал 2022, 1 квартал 2022 г., 1-й квартал 2022 года
  [
    /^(i{1,3}|iv|[1-9])(?:-?й)?\s+кв(?:артал|\.)?\s+(\d{4})(?:\s*(?:года|год|г\.?))?$/u,
    (m) => build(+m[2]!, { quarter: ROMAN_QUARTER[m[1]!] ?? +m[1]! }),
  ],
  // 2021-01, 2021/01, 2021M01, 2021M1, 2021-M01
  [/^(\d{4})(?:[-/]|-?m)(\d{1,2})$/, (m) => build(+m[1]!, { month: +m[2]! })],
  // 01.2021, 1.2021, 01/2021
  [/^(\d{1,2})[./](\d{4})$/, (m) => build(+m[2]!, { month: +m[1]! })],
  // Jan 2021, January 2021, январь 2022, янв. 2022, Jan-2021
  [
    /^(\p{L}+)\.?[\s-]+(\d{4})(?:\s*(?:года|год|г\.?))?$/u,
    (m) => {
      const month = MONTH_NAMES[m[1]!];
      return month ? build(+m[2]!, { month }) : { ok: false, reason: `"${m[1]}" is not a month name` };
    },
  ],
  // 2021 Jan, 2021-Jan
  [
    /^(\d{4})[\s-]+(\p{L}+)\.?$/u,
    (m) => {
      const month = MONTH_NAMES[m[2]!];
      return month ? build(+m[1]!, { month }) : { ok: false, reason: `"${m[2]}" is not a month name` };
    },
  ],
];

/** Parse any supported period notation. Never throws. */
export function parsePeriod(raw: string): PeriodResult {
  const text = raw.trim().toLowerCase().replace(/\s+/g, " ");
  if (text === "") return { ok: false, reason: "empty period" };
  for (const [pattern, make] of PATTERNS) {
    const match = text.match(pattern);
    if (match) return make(match);
  }
  return {
    ok: false,
    reason: "not a recognised period (expected e.g. 2021, 2021-Q2, 2021-04, 2021-04-16, Jan 2021, 01.2021)",
  };
}

/** Canonical period → Period, for values already stored (cheap, strict). */
export function periodFromCanonical(period: string): Period {
  const parsed = parsePeriod(period);
  if (!parsed.ok || parsed.value.period !== period) throw new Error(`not a canonical period: ${period}`);
  return parsed.value;
}

const FREQUENCY_RANK: Record<Frequency, number> = { D: 0, M: 1, Q: 2, H: 3, A: 4 };

/** True when `coarse` is the same as or coarser than `fine` (A ⊇ H ⊇ Q ⊇ M ⊇ D). */
export function isCoarserOrEqual(coarse: Frequency, fine: Frequency): boolean {
  return FREQUENCY_RANK[coarse] >= FREQUENCY_RANK[fine];
}

/** The period of frequency `target` that contains the ISO date `isoDate`. */
export function periodContaining(isoDate: string, target: Frequency): Period {
  const year = +isoDate.slice(0, 4);
  const month = +isoDate.slice(5, 7);
  const day = +isoDate.slice(8, 10);
  switch (target) {
    case "A":
      return annual(year);
    case "H":
      return halfYearly(year, month <= 6 ? 1 : 2);
    case "Q":
      return quarterly(year, Math.floor((month - 1) / 3) + 1);
    case "M":
      return monthly(year, month);
    case "D":
      return daily(year, month, day);
  }
}

/** How many periods of `coarse` one period of `fine` makes up (D has no fixed count). */
export function periodsPerCoarse(fine: Frequency, coarse: Frequency, coarsePeriod: Period): number {
  if (fine === coarse) return 1;
  if (fine === "M") return coarse === "Q" ? 3 : coarse === "H" ? 6 : 12;
  if (fine === "Q") return coarse === "H" ? 2 : 4;
  if (fine === "H") return 2;
  // Days: count them.
  const ms = Date.parse(coarsePeriod.end) - Date.parse(coarsePeriod.start);
  return Math.round(ms / 86_400_000) + 1;
}

export const FREQUENCIES: Frequency[] = ["A", "H", "Q", "M", "D"];

/** Nominal days per period: how much of the time axis one value of a frequency covers. */
const NOMINAL_DAYS: Record<Frequency, number> = { A: 365, H: 182, Q: 91, M: 30, D: 1 };

/**
 * The frequency a view draws when none is asked for: the one whose values cover the most time
 * (ties to the coarser). Counting values instead let four 2023 quarters outvote five years of
 * annual history, and the chart lost the years.
 */
export function predominantFrequency(counts: Iterable<{ frequency: Frequency; count: number }>): Frequency | null {
  const cover = new Map<Frequency, number>();
  for (const { frequency, count } of counts) cover.set(frequency, (cover.get(frequency) ?? 0) + count * NOMINAL_DAYS[frequency]);
  let best: Frequency | null = null;
  for (const f of FREQUENCIES) if ((cover.get(f) ?? 0) > (best ? cover.get(best)! : 0)) best = f;
  return best;
}
export function isFrequency(value: string): value is Frequency {
  return (FREQUENCIES as string[]).includes(value);
}

/** The period `steps` periods away of the same frequency (negative = earlier). */
export function shiftPeriod(p: Period, steps: number): Period {
  const year = +p.start.slice(0, 4);
  const month = +p.start.slice(5, 7);
  switch (p.frequency) {
    case "A":
      return annual(year + steps);
    case "H": {
      const index = year * 2 + (month - 1) / 6 + steps;
      return halfYearly(Math.floor(index / 2), (index % 2) + 1);
    }
    case "Q": {
      const index = year * 4 + (month - 1) / 3 + steps;
      return quarterly(Math.floor(index / 4), (index % 4) + 1);
    }
    case "M": {
      const index = year * 12 + (month - 1) + steps;
      return monthly(Math.floor(index / 12), (index % 12) + 1);
    }
    case "D": {
      const d = new Date(Date.parse(p.start) + steps * 86_400_000);
      return daily(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    }
  }
}

/** The same period one year earlier (29 February → 28 February). */
export function yearEarlier(p: Period): Period {
  const perYear = { A: 1, H: 2, Q: 4, M: 12 } as const;
  if (p.frequency !== "D") return shiftPeriod(p, -perYear[p.frequency]);
  const year = +p.start.slice(0, 4) - 1;
  const month = +p.start.slice(5, 7);
  const day = Math.min(+p.start.slice(8, 10), daysInMonth(year, month));
  return daily(year, month, day);
}
