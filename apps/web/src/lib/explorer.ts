/**
 * The explorer's view in the URL (parsed to valid values or defaults, written with non-defaults
 * only) and its pure data steps: indexing to 100 and the merged table.
 */
import { CountryResolver, corridorWords, foldForSearch, parsePeriod, periodContaining, shiftPeriod, type Frequency } from "@corridor/data/pure";
import { padDomain, yearTicks } from "./chart-model";

const countries = new CountryResolver();

export const CHART_TYPES = ["line", "area", "bar"] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export interface ExplorerView {
  indicator: string;
  /** Corridors as ORIGIN-DESTINATION (TJK-WLD). */
  series: string[];
  frequency: Frequency | null;
  from: string | null;
  to: string | null;
  chart: ChartType;
  log: boolean;
  /** Base period for "index = 100"; null shows values as published. */
  index: string | null;
}

export const EXPLORER_DEFAULTS: ExplorerView = {
  indicator: "remittances_received_usd",
  series: ["KGZ-WLD", "TJK-WLD", "UZB-WLD"],
  frequency: null,
  from: null,
  to: null,
  chart: "line",
  log: false,
  index: null,
};

function corridor(raw: string): string | null {
  const [o, d = "WLD"] = raw.split("-");
  const origin = o ? countries.resolve(o) : undefined;
  const destination = countries.resolve(d);
  return origin?.ok && destination.ok ? `${origin.code}-${destination.code}` : null;
}

function period(raw: string | null): string | null {
  if (!raw) return null;
  const parsed = parsePeriod(raw);
  return parsed.ok ? parsed.value.period : null;
}

export function parseExplorerView(params: URLSearchParams, indicators: string[] = []): ExplorerView {
  const indicator = params.get("indicator");
  // Repeated (checkboxes) or comma-separated (shared links): both mean the same set.
  const series = [
    ...new Set(
      params
        .getAll("series")
        .join(",")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
        .map(corridor)
        .filter((s): s is string => s !== null),
    ),
  ];
  const frequency = params.get("frequency")?.toUpperCase();
  const chart = params.get("chart");
  return {
    indicator: indicator && (indicators.length === 0 || indicators.includes(indicator)) ? indicator : EXPLORER_DEFAULTS.indicator,
    // A set of corridors: sorted, so the same choice always makes the same link.
    series: series.length ? series.slice(0, 8).sort() : EXPLORER_DEFAULTS.series,
    frequency: frequency && ["A", "H", "Q", "M", "D"].includes(frequency) ? (frequency as Frequency) : null,
    from: period(params.get("from")),
    to: period(params.get("to")),
    chart: (CHART_TYPES as readonly string[]).includes(chart ?? "") ? (chart as ChartType) : "line",
    log: params.get("log") === "1",
    index: period(params.get("index")),
  };
}

export function explorerHref(view: ExplorerView): string {
  const p = new URLSearchParams();
  const d = EXPLORER_DEFAULTS;
  if (view.indicator !== d.indicator) p.set("indicator", view.indicator);
  if (view.series.join(",") !== d.series.join(",")) p.set("series", view.series.join(","));
  if (view.frequency) p.set("frequency", view.frequency);
  if (view.from) p.set("from", view.from);
  if (view.to) p.set("to", view.to);
  if (view.chart !== d.chart) p.set("chart", view.chart);
  if (view.log) p.set("log", "1");
  if (view.index) p.set("index", view.index);
  const q = p.toString();
  return q ? `/explorer?${q}` : "/explorer";
}

/** The picker's search words: in the URL beside the view (the form submits them), never part of it — the chart does not depend on them. */
export const FIND_PARAM = "find";

/** `href` (an explorerHref) with the picker's search words, when there are any. */
export function withFind(href: string, find: string | null): string {
  if (!find) return href;
  const url = new URL(href, "http://x");
  url.searchParams.set(FIND_PARAM, find);
  return `${url.pathname}${url.search}`;
}

/**
 * Up to this many corridors the picker lists them all as checkboxes; beyond (≈ 1,500 hold an
 * indicator at 10M observations), it lists the chosen ones and up to this many that match a search.
 */
export const PICKER_LIMIT = 24;

export interface CorridorPick<C> {
  /** The checkboxes to render, in the list's order: the chosen first when searching. */
  choices: C[];
  /** Corridors holding the indicator. */
  total: number;
  /** More corridors than the picker lists: it shows a search field. */
  searchable: boolean;
  /** How many match `find` (all of them, though at most PICKER_LIMIT are listed); null without a search. */
  matches: number | null;
}

/**
 * What the explorer's corridor picker offers from `all` (the corridors holding the indicator, keyed
 * ORIGIN-DESTINATION): every one when they are few, else the chosen ones and the first matches of
 * `find` — every word of it in the corridor's code, its label as shown, or its name in English or
 * Russian, whatever the case and accents — so the page never renders a checkbox per corridor in the database.
 */
export function pickCorridors<C extends { key: string; label: string }>(all: C[], chosen: readonly string[], find: string | null): CorridorPick<C> {
  if (all.length <= PICKER_LIMIT) return { choices: all, total: all.length, searchable: false, matches: null };
  const picked = all.filter((c) => chosen.includes(c.key));
  const words = foldForSearch(find ?? "")
    .split(/\s+/)
    .filter(Boolean);
  if (!words.length) return { choices: picked, total: all.length, searchable: true, matches: null };
  const found = all.filter((c) => {
    if (chosen.includes(c.key)) return false;
    const [origin, destination] = c.key.split("-") as [string, string];
    const hay = foldForSearch(`${c.key} ${c.label} ${corridorWords(origin, destination, "en")} ${corridorWords(origin, destination, "ru")}`);
    return words.every((w) => hay.includes(w));
  });
  return { choices: [...picked, ...found.slice(0, PICKER_LIMIT)], total: all.length, searchable: true, matches: found.length };
}

export interface Point {
  period: string;
  value: number;
}

/** Each value as a percentage of the base period's; null where there is no base value to divide by. */
export function indexTo100(points: Point[], base: string): Point[] | null {
  const baseValue = points.find((p) => p.period === base)?.value;
  if (baseValue === undefined || baseValue === 0) return null;
  return points.map((p) => ({ period: p.period, value: (p.value / baseValue) * 100 }));
}

export interface MergedRow {
  period: string;
  start: string;
  end: string;
  values: Record<string, number | null>;
}

/** One row per period across all series, for the table and the chart's data. */
export function mergeSeries(series: { key: string; points: (Point & { start: string; end: string })[] }[]): MergedRow[] {
  const rows = new Map<string, MergedRow>();
  for (const s of series) {
    for (const p of s.points) {
      const row = rows.get(p.period) ?? { period: p.period, start: p.start, end: p.end, values: Object.fromEntries(series.map((x) => [x.key, null])) };
      row.values[s.key] = p.value;
      rows.set(p.period, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.start.localeCompare(b.start));
}

export interface CompareRow {
  /** The period's middle on the time axis, as points sit on the dashboard's chart. */
  t: number;
  period: string;
  [key: string]: number | string | null;
}

const DAY = 86_400_000;
const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
/** Bars of more periods than this are too thin to read: the bar chart keeps only the published ones. */
const MAX_BARS = 400;

/**
 * Every period from the first row's to the last row's (rows of one frequency), with null values
 * in the gaps: bars stand in a row of periods, so a missing year stays a visible gap.
 */
export function barRows(merged: MergedRow[], keys: readonly string[]): CompareRow[] {
  const rows: CompareRow[] = merged.map((r) => ({ t: (ms(r.start) + ms(r.end) + DAY) / 2, period: r.period, ...r.values }));
  const first = merged[0];
  const last = merged.at(-1);
  const frequencies = new Set(merged.map((r) => frequencyOf(r.period)));
  const frequency = frequencies.size === 1 ? [...frequencies][0] : null;
  if (!first || !last || !frequency) return rows;
  const byPeriod = new Map(rows.map((r) => [r.period, r]));
  const filled: CompareRow[] = [];
  for (let p = periodContaining(first.start, frequency); p.start <= last.start; p = shiftPeriod(p, 1)) {
    if (filled.length >= MAX_BARS) return rows;
    filled.push(byPeriod.get(p.period) ?? { t: (ms(p.start) + ms(p.end) + DAY) / 2, period: p.period, ...Object.fromEntries(keys.map((k) => [k, null])) });
  }
  return filled;
}

/**
 * Where an event stands on a bar chart, whose x axis is its row of periods, not time: the bar
 * whose period holds the event's first day; null when no bar does (or the rows mix frequencies).
 */
export function barPeriodOf(bars: readonly CompareRow[], isoDate: string): string | null {
  const frequency = bars[0] ? frequencyOf(bars[0].period) : null;
  if (!frequency) return null;
  const period = periodContaining(isoDate, frequency).period;
  return bars.some((b) => b.period === period) ? period : null;
}

function frequencyOf(period: string): Frequency | null {
  const parsed = parsePeriod(period);
  return parsed.ok ? parsed.value.frequency : null;
}

/**
 * The comparison's chart data: merged rows on a real time axis, its domain (widened around a lone
 * date, as the dashboard's chart is, so a single-date indicator sits mid-plot, not on the y-axis),
 * year ticks, and the rows a bar chart draws (one per period, gaps kept).
 */
export function compareModel(
  lines: { key: string; points: (Point & { start: string; end: string })[] }[],
  width = 900,
): { merged: MergedRow[]; rows: CompareRow[]; bars: CompareRow[]; domain: [number, number]; ticks: number[] } {
  const merged = mergeSeries(lines);
  const rows = merged.map((r) => ({ t: (ms(r.start) + ms(r.end) + DAY) / 2, period: r.period, ...r.values }));
  const domain: [number, number] = merged.length ? padDomain([Math.min(...merged.map((r) => ms(r.start))), Math.max(...merged.map((r) => ms(r.end) + DAY))]) : [0, 1];
  return {
    merged,
    rows,
    bars: barRows(
      merged,
      lines.map((l) => l.key),
    ),
    domain,
    ticks: yearTicks(domain, width).map((t) => t.t),
  };
}

/**
 * Rows for the events' glyphs along the top of the explorer's plot, so close events' letters do not
 * print over one another ("DDDD"): each glyph takes the first of `rows` rows where it stands at least
 * `minGap` (a fraction of the plot's width) from the last glyph in that row; with no room, none
 * (its dashed line stays, and the events list under the chart names it). Positions are fractions.
 */
export function glyphRows(positions: readonly { id: string; at: number }[], minGap = 0.02, rows = 3): Map<string, number | null> {
  const lastInRow: number[] = [];
  const out = new Map<string, number | null>();
  for (const p of [...positions].sort((a, b) => a.at - b.at)) {
    let row: number | null = null;
    for (let r = 0; r < rows; r++)
      if (lastInRow[r] === undefined || p.at - lastInRow[r]! >= minGap) {
        row = r;
        break;
      }
    if (row !== null) lastInRow[row] = p.at;
    out.set(p.id, row);
  }
  return out;
}
