/**
 * impact(): what an event did to an indicator. Always the plain comparison — N periods before vs N
 * after (its own period excluded), with the same comparison a year earlier as a seasonality
 * baseline; with `method: "its"` also an interrupted-time-series estimate (stats/its.ts) with its
 * uncertainty, optionally against a control corridor, listing the other events in its window.
 * Says "not enough data", and which periods are missing, rather than give a number it cannot support.
 */
import type { SqlRunner } from "../runner.ts";
import { periodContaining, shiftPeriod, yearEarlier, type Frequency, type Period } from "../periods.ts";
import { QueryArgumentError } from "../queries/resolve.ts";
import { series, type Series } from "../queries/series.ts";
import { events, getEvent } from "./store.ts";
import { confounderReading, levelReading, slopeReading } from "../stats/its-reading.ts";
import { fitIts, ITS_MIN_AFTER, ITS_MIN_BEFORE, type ItsFit, type ItsRow } from "../stats/its.ts";

export interface ImpactQuery {
  event: string;
  indicator: string;
  origin: string;
  destination?: string;
  /** Periods on each side (default 2). */
  window?: number;
  frequency?: Frequency;
  breakdown?: string;
  /** "before-after" (default): the window comparison only; "its": also the time-series estimate. */
  method?: ImpactMethod;
  /** Comparative ITS: the same model on treated − control over the periods both have. */
  control?: { origin: string; destination?: string };
}

export const IMPACT_METHODS = ["before-after", "its"] as const;
export type ImpactMethod = (typeof IMPACT_METHODS)[number];

/** The ITS window's default: ten years' worth of periods on each side. */
export const ITS_DEFAULT_WINDOW: Record<Exclude<Frequency, "D">, number> = { A: 10, H: 20, Q: 40, M: 120 };

export type ItsEstimate = ((ItsFit & { reading: { level: string; slope: string; confounders: string | null } }) | { status: "not enough data"; reason: string; missing: string[] }) & {
  eventPeriod: string;
  /** The window the model saw: up to `window` periods each side, cut to the data. */
  from: string | null;
  to: string | null;
  window: number;
  control: { origin: string; destination: string } | null;
  /** What the model sees in the window, the event's own period included: the series, or treated − control. */
  observed: { period: string; value: number }[];
  /** Other events of the corridor inside the window: their effects cannot be told apart from this one's. */
  confounders: string[];
};

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
  /** With method "its". */
  its?: ItsEstimate;
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

export async function impact(db: SqlRunner, query: ImpactQuery): Promise<Impact> {
  const method = query.method ?? "before-after";
  if (!(IMPACT_METHODS as readonly string[]).includes(method)) throw new QueryArgumentError(`method must be ${IMPACT_METHODS.join(" or ")} (got "${method}")`, "method");
  const window = query.window ?? 2;
  const maxWindow = method === "its" ? 240 : 60;
  if (!Number.isInteger(window) || window < 1 || window > maxWindow) throw new QueryArgumentError(`window must be a whole number of periods, 1–${maxWindow} (got ${query.window})`, "window");
  const event = await getEvent(db, query.event);
  if (!event) throw new QueryArgumentError(`unknown event "${query.event}"`);
  const s = await series(db, { indicator: query.indicator, origin: query.origin, destination: query.destination, frequency: query.frequency, breakdown: query.breakdown });
  const result: Impact = {
    event: { id: event.id, title: event.title, startsOn: event.startsOn },
    indicator: s.indicator, origin: s.origin, destination: s.destination, frequency: s.frequency, window: method === "its" ? 2 : window,
    comparison: { status: "not enough data", eventPeriod: "", missing: [] },
    baseline: { status: "not enough data", eventPeriod: "", missing: [] },
  };
  if (!s.frequency) return result;
  const byPeriod = new Map(s.points.map((p) => [p.period, p.value]));
  // An event dated to the day sits in the period that contains it; that period is in neither window.
  const eventPeriod = periodContaining(event.startsOn, s.frequency);
  result.comparison = compareAround(byPeriod, eventPeriod, result.window);
  result.baseline = compareAround(byPeriod, yearEarlier(eventPeriod), result.window);
  if (method === "its") result.its = await itsEstimate(db, query, s, byPeriod, eventPeriod, event.id);
  return result;
}

/** The ITS estimate for `s` around `eventPeriod` (see stats/its.ts for the model). */
async function itsEstimate(db: SqlRunner, query: ImpactQuery, s: Series, treated: Map<string, number>, eventPeriod: Period, eventId: string): Promise<ItsEstimate> {
  const frequency = s.frequency!;
  if (frequency === "D") throw new QueryArgumentError("an interrupted time series needs annual, half-yearly, quarterly or monthly periods (use frequency)", "frequency");
  const window = query.window ?? ITS_DEFAULT_WINDOW[frequency];
  let control: ItsEstimate["control"] = null;
  let values = treated;
  if (query.control) {
    const c = await series(db, { indicator: query.indicator, origin: query.control.origin, destination: query.control.destination, frequency, breakdown: query.breakdown });
    control = { origin: c.origin, destination: c.destination };
    const controlValues = new Map(c.points.map((p) => [p.period, p.value]));
    values = new Map([...treated].filter(([period]) => controlValues.has(period)).map(([period, v]) => [period, v - controlValues.get(period)!]));
  }
  const base = { eventPeriod: eventPeriod.period, window, control };

  // The window: up to `window` periods each side of the event, cut to the periods that have data.
  const span = Array.from({ length: 2 * window + 1 }, (_, i) => shiftPeriod(eventPeriod, i - window));
  const firstWith = span.findIndex((p) => values.has(p.period));
  const lastWith = span.findLastIndex((p) => values.has(p.period));
  const cut = firstWith === -1 ? [] : span.slice(firstWith, lastWith + 1);
  // The event period's index; outside the cut (before or after all data) it leaves one side empty.
  const t0 = window - firstWith;
  const seasons = frequency === "Q" ? 4 : frequency === "M" ? 12 : 1;
  const rows: ItsRow[] = cut.flatMap((p, t) =>
    t === t0 || !values.has(p.period) ? [] : [{ t, period: p.period, value: values.get(p.period)!, season: seasons === 1 ? 0 : seasonOf(p) }],
  );
  const observed = cut.filter((p) => values.has(p.period)).map((p) => ({ period: p.period, value: values.get(p.period)! }));
  const from = rows[0]?.period ?? null;
  const to = rows.at(-1)?.period ?? null;
  const confounders = from && to
    ? (await events(db, { corridor: { origin: s.origin, destination: s.destination }, from: cut[0]!.start, to: cut.at(-1)!.end })).map((e) => e.id).filter((id) => id !== eventId)
    : [];

  const fit = fitIts({ rows, t0, seasons });
  if (fit.status === "ok") {
    const { unit, kind } = s.indicator;
    const reading = { level: levelReading(fit.levelChange, unit, frequency, kind), slope: slopeReading(fit.slopeChange, unit, frequency, kind), confounders: confounderReading(confounders.length) };
    return { ...fit, reading, ...base, from, to, observed, confounders };
  }
  // Which periods next to the event would have to be there for the minimum.
  const needed = [
    ...Array.from({ length: ITS_MIN_BEFORE }, (_, i) => shiftPeriod(eventPeriod, i - ITS_MIN_BEFORE)),
    ...Array.from({ length: ITS_MIN_AFTER }, (_, i) => shiftPeriod(eventPeriod, i + 1)),
  ];
  const missing = needed.filter((p) => !values.has(p.period)).map((p) => p.period);
  return { ...fit, missing, ...base, from, to, observed, confounders };
}

const seasonOf = (p: Period) => (p.frequency === "Q" ? Math.floor((+p.start.slice(5, 7) - 1) / 3) : +p.start.slice(5, 7) - 1);
