/**
 * Which events belong beside a series, decided in one place: the store's date filter, the chart
 * data behind the API and downloads, the dashboard and the event editor's preview all use it.
 * Pure: no database, so browser code may use it.
 */
import { parsePeriod } from "../periods.ts";

/** Inclusive ISO-date bounds; a missing bound is open. */
export interface DateRange {
  from?: string;
  to?: string;
}

/** Overlap with the range: a span overlaps when it ends on/after `from`, a point event when it starts on/after it. */
export function eventInRange(event: { startsOn: string; endsOn: string | null }, range: DateRange): boolean {
  return (!range.to || event.startsOn <= range.to) && (!range.from || (event.endsOn ?? event.startsOn) >= range.from);
}

/**
 * The range a series is drawn over: the query's bounds when given (any period notation: 2021,
 * 2021-Q1, 2021-04-19), else the data's first and last day. An unparsable bound is left to the
 * caller's own validation (series() has already refused it).
 */
export function seriesRange(s: { points: readonly { start: string; end: string }[] }, query: { from?: string; to?: string } = {}): DateRange {
  const bound = (raw: string | undefined, side: "start" | "end") => {
    if (!raw) return undefined;
    const parsed = parsePeriod(raw);
    return parsed.ok ? parsed.value[side] : undefined;
  };
  const from = bound(query.from, "start") ?? s.points[0]?.start;
  const to = bound(query.to, "end") ?? s.points.at(-1)?.end;
  return { ...(from && { from }), ...(to && { to }) };
}
