/**
 * impact(): an indicator N periods before vs N periods after an event (its own period excluded),
 * with the same comparison one year earlier as a seasonality baseline. Says "not enough data",
 * and which periods are missing, rather than comparing incomplete windows.
 */
import type { CorridorDb } from "../db.ts";
import { periodContaining, shiftPeriod, yearEarlier, type Frequency, type Period } from "../periods.ts";
import { QueryArgumentError } from "../queries/resolve.ts";
import { series, type Series } from "../queries/series.ts";
import { getEvent } from "./store.ts";

export interface ImpactQuery {
  event: string;
  indicator: string;
  origin: string;
  destination?: string;
  /** Periods on each side (default 2). */
  window?: number;
  frequency?: Frequency;
  breakdown?: string;
}

export interface WindowStats {
  periods: string[];
  values: number[];
  mean: number;
  sum: number;
}

export type Comparison =
  | { status: "ok"; eventPeriod: string; before: WindowStats; after: WindowStats; changePct: number | null; change: number }
  | { status: "not enough data"; eventPeriod: string; missing: string[] };

export interface Impact {
  event: { id: string; title: string; startsOn: string };
  indicator: Series["indicator"];
  origin: string;
  destination: string;
  frequency: Frequency | null;
  window: number;
  comparison: Comparison;
  /** The same windows one year earlier: what change would be "normal" for the season. */
  baseline: Comparison;
}

function stats(periods: Period[], values: number[]): WindowStats {
  const sum = values.reduce((a, b) => a + b, 0);
  return { periods: periods.map((p) => p.period), values, sum, mean: sum / values.length };
}

export function compareAround(byPeriod: Map<string, number>, eventPeriod: Period, window: number): Comparison {
  const before = Array.from({ length: window }, (_, i) => shiftPeriod(eventPeriod, i - window));
  const after = Array.from({ length: window }, (_, i) => shiftPeriod(eventPeriod, i + 1));
  const missing = [...before, ...after].filter((p) => !byPeriod.has(p.period)).map((p) => p.period);
  if (missing.length > 0) return { status: "not enough data", eventPeriod: eventPeriod.period, missing };
  const b = stats(before, before.map((p) => byPeriod.get(p.period)!));
  const a = stats(after, after.map((p) => byPeriod.get(p.period)!));
  const change = a.mean - b.mean;
  return { status: "ok", eventPeriod: eventPeriod.period, before: b, after: a, change, changePct: b.mean === 0 ? null : (change / b.mean) * 100 };
}

export async function impact(db: CorridorDb, query: ImpactQuery): Promise<Impact> {
  const window = query.window ?? 2;
  if (!Number.isInteger(window) || window < 1 || window > 60) throw new QueryArgumentError(`window must be a whole number of periods, 1–60 (got ${query.window})`);
  const event = await getEvent(db, query.event);
  if (!event) throw new QueryArgumentError(`unknown event "${query.event}"`);
  const s = await series(db, { indicator: query.indicator, origin: query.origin, destination: query.destination, frequency: query.frequency, breakdown: query.breakdown });
  const result: Impact = {
    event: { id: event.id, title: event.title, startsOn: event.startsOn },
    indicator: s.indicator, origin: s.origin, destination: s.destination, frequency: s.frequency, window,
    comparison: { status: "not enough data", eventPeriod: "", missing: [] },
    baseline: { status: "not enough data", eventPeriod: "", missing: [] },
  };
  if (!s.frequency) return result;
  const byPeriod = new Map(s.points.map((p) => [p.period, p.value]));
  // An event dated to the day sits in the period that contains it; that period is in neither window.
  const eventPeriod = periodContaining(event.startsOn, s.frequency);
  result.comparison = compareAround(byPeriod, eventPeriod, window);
  result.baseline = compareAround(byPeriod, yearEarlier(eventPeriod), window);
  return result;
}
