/**
 * series(): one indicator on one corridor, in period order, optionally rolled up to a coarser
 * frequency by the indicator's kind (flow → sum, stock → last value, rate → mean).
 */
import { sql } from "drizzle-orm";
import type { SqlRunner } from "../runner.ts";
import {
  FREQUENCIES, isCoarserOrEqual, periodContaining, periodsPerCoarse, predominantFrequency,
  type Frequency, type Period,
} from "../periods.ts";
import type { Bound, IndicatorKind } from "../schema.ts";
import { periodArgument, resolveCountry, resolveIndicator } from "./resolve.ts";

export interface SeriesQuery {
  indicator: string;
  origin: string;
  destination?: string;
  frequency?: Frequency;
  /** Any period notation; bounds are inclusive. */
  from?: string;
  to?: string;
  breakdown?: string;
  /** Include rolled-up periods whose sub-periods are not all published, marked partial. */
  partial?: boolean;
}

export interface SeriesPoint {
  period: string;
  start: string;
  end: string;
  value: number;
  flag?: string;
  /** The publication gives only a bound: "more than" (lower) or "less than" (upper) this value. */
  bound?: Bound;
  source?: string;
  /** Rolled up from this many finer periods. */
  rolledUpFrom?: number;
  /** A roll-up over an incomplete set of sub-periods (only with `partial: true`). */
  partial?: true;
}

export interface Series {
  indicator: { code: string; name: string; unit: string; kind: IndicatorKind };
  origin: string;
  destination: string;
  breakdown: string;
  /** null when the series holds no observation at all. */
  frequency: Frequency | null;
  points: SeriesPoint[];
  /**
   * The other frequencies this corridor and indicator has values in within the range, coarsest
   * first, with how many values each: what a view at `frequency` does not show as such (finer ones
   * may be in its points as complete roll-ups). Absent in snapshots published before it existed.
   */
  otherFrequencies?: { frequency: Frequency; count: number }[];
  /**
   * Every frequency the series has values stored in within the range (the one drawn too), coarsest
   * first: how many, first and last period. What views say about values they do not show.
   */
  ranges?: FrequencyRange[];
}

export interface FrequencyRange {
  frequency: Frequency;
  count: number;
  first: string;
  last: string;
}

interface Row {
  period: string;
  frequency: Frequency;
  start: string;
  end: string;
  value: number;
  flag: string | null;
  bound: Bound | null;
  source: string | null;
}

/** Values per stored frequency, coarsest first, with the first and last period (rows are in period order). */
function frequencyRanges(rows: Row[]): FrequencyRange[] {
  const ranges = new Map<Frequency, FrequencyRange>();
  for (const r of rows) {
    const range = ranges.get(r.frequency);
    if (range) {
      range.count++;
      range.last = r.period;
    } else ranges.set(r.frequency, { frequency: r.frequency, count: 1, first: r.period, last: r.period });
  }
  return FREQUENCIES.filter((f) => ranges.has(f)).map((f) => ranges.get(f)!);
}

function toPoint(r: Row): SeriesPoint {
  const point: SeriesPoint = { period: r.period, start: r.start, end: r.end, value: r.value };
  if (r.flag) point.flag = r.flag;
  if (r.bound) point.bound = r.bound;
  if (r.source) point.source = r.source;
  return point;
}

/** Rolls `rows` (all of one finer frequency) up to `target`, one point per target period. */
export function rollUp(rows: Row[], target: Frequency, kind: IndicatorKind, includePartial: boolean): SeriesPoint[] {
  const groups = new Map<string, { period: Period; rows: Row[] }>();
  for (const r of rows) {
    const period = periodContaining(r.start, target);
    const group = groups.get(period.period) ?? { period, rows: [] };
    group.rows.push(r);
    groups.set(period.period, group);
  }
  const points: SeriesPoint[] = [];
  for (const { period, rows: members } of groups.values()) {
    const fine = members[0]!.frequency;
    const expected = periodsPerCoarse(fine, target, period);
    const last = members[members.length - 1]!;
    // A stock is complete when its period's last sub-period is published; flows and rates need all.
    const complete = kind === "stock" ? last.end === period.end : members.length === expected;
    if (!complete && !includePartial) continue;
    const value =
      kind === "flow"
        ? members.reduce((sum, r) => sum + r.value, 0)
        : kind === "stock"
          ? last.value
          : members.reduce((sum, r) => sum + r.value, 0) / members.length;
    const point: SeriesPoint = { period: period.period, start: period.start, end: period.end, value, rolledUpFrom: members.length };
    const flags = [...new Set(members.map((r) => r.flag).filter(Boolean))];
    if (flags.length) point.flag = flags.join("");
    // A sum, mean or last value of lower bounds (and exact values) is a lower bound; likewise upper.
    // Lower and upper mixed bound nothing either way: the roll-up is then left out, not shown as exact.
    const bounds = new Set(members.map((r) => r.bound).filter((b): b is Bound => b !== null));
    const bound = kind === "stock" ? last.bound : bounds.size === 1 ? [...bounds][0]! : null;
    if (kind !== "stock" && bounds.size > 1) continue;
    if (bound) point.bound = bound;
    const sources = [...new Set(members.map((r) => r.source).filter(Boolean))];
    if (sources.length === 1) point.source = sources[0]!;
    if (!complete) point.partial = true;
    points.push(point);
  }
  return points;
}

export async function series(db: SqlRunner, query: SeriesQuery): Promise<Series> {
  const indicator = await resolveIndicator(db, query.indicator);
  const origin = resolveCountry(query.origin);
  const destination = resolveCountry(query.destination ?? "WLD");
  const breakdown = query.breakdown ?? "total";
  const from = periodArgument(query.from, "from");
  const to = periodArgument(query.to, "to");

  const rows = await db.all<Row>(sql`
    SELECT period, frequency, period_start AS "start", period_end AS "end", value, flag, bound, source
    FROM observations
    WHERE indicator = ${indicator.code} AND origin = ${origin} AND destination = ${destination} AND breakdown = ${breakdown}
      ${from ? sql`AND period_start >= ${from.start}` : sql``} ${to ? sql`AND period_end <= ${to.end}` : sql``}
    ORDER BY period_start, period_end`);

  const ranges = frequencyRanges(rows);
  const frequency = query.frequency ?? predominantFrequency(ranges);
  const otherFrequencies = ranges.filter((r) => r.frequency !== frequency).map(({ frequency: f, count }) => ({ frequency: f, count }));
  const result: Series = {
    indicator: { code: indicator.code, name: indicator.name, unit: indicator.unit, kind: indicator.kind },
    origin, destination, breakdown, frequency, points: [], otherFrequencies, ranges,
  };
  if (!frequency) return result;

  const direct = rows.filter((r) => r.frequency === frequency).map(toPoint);
  const covered = new Set(direct.map((p) => p.period));
  // Fill periods not published at this frequency from the finest frequency that has data.
  const finer = (["D", "M", "Q", "H"] as Frequency[]).filter((f) => f !== frequency && isCoarserOrEqual(frequency, f));
  const rolled: SeriesPoint[] = [];
  if (indicator.kind !== "rate" || query.frequency) {
    for (const f of finer.reverse()) {
      const source = rows.filter((r) => r.frequency === f);
      if (source.length === 0) continue;
      for (const p of rollUp(source, frequency, indicator.kind, !!query.partial)) {
        if (!covered.has(p.period)) {
          covered.add(p.period);
          rolled.push(p);
        }
      }
    }
  }
  result.points = [...direct, ...rolled].sort((a, b) => a.start.localeCompare(b.start));
  return result;
}
