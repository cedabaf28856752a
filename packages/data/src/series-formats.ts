/**
 * The public shapes of a series, declared once: the JSON object (`corridor series --json`,
 * GET /api/series, the chart's .json download) and the CSV table (GET /api/series.csv and the first
 * table of the chart's .csv download). Pure: no database, so the renderer and browser code may use it.
 */
import { toCsv } from "./csv-writer.ts";
import { flagMeaning } from "./flags.ts";
import type { Frequency } from "./periods.ts";
import type { Series } from "./queries/series.ts";

export interface SeriesJsonPoint {
  period: string;
  value: number;
  /** "lower": published as "more than <value>"; "upper": "less than <value>". Absent: the value itself. */
  bound?: "lower" | "upper";
  flag?: string;
  /** The flag in words, from the one glossary (flags.ts): a download never carries a bare letter. */
  flag_meaning?: string;
  source?: string;
  partial?: true;
}

export interface SeriesJson {
  indicator: { code: string; name: string; unit: string };
  origin: string;
  destination: string;
  frequency: Frequency | null;
  points: SeriesJsonPoint[];
  /** Values stored at other frequencies than `frequency` in the range, coarsest first ([] when none). */
  otherFrequencies: { frequency: Frequency; count: number }[];
}

/** A series as published: the indicator's public fields and each point without its internal dates. */
export function seriesJson(s: Series): SeriesJson;
/** …with the events beside it (GET /api/series). */
export function seriesJson<E>(s: Series, events: E[]): SeriesJson & { events: E[] };
export function seriesJson<E>(s: Series, events?: E[]): SeriesJson & { events?: E[] } {
  return {
    indicator: { code: s.indicator.code, name: s.indicator.name, unit: s.indicator.unit },
    origin: s.origin,
    destination: s.destination,
    frequency: s.frequency,
    // Absent fields stay absent (no nulls), so the JSON is as small as the data.
    points: s.points.map(({ period, value, bound, flag, source, partial }) => ({ period, value, ...(bound && { bound }), ...(flag && { flag, flag_meaning: flagMeaning(flag)! }), ...(source && { source }), ...(partial && { partial }) })),
    otherFrequencies: s.otherFrequencies ?? [],
    ...(events && { events }),
  };
}

/** The series as one CSV table, `period,value,bound,flag,flag_meaning,source` (the README's Read API documents it). */
export function seriesCsv(s: Series): string {
  return toCsv(["period", "value", "bound", "flag", "flag_meaning", "source"], s.points.map((p) => [p.period, p.value, p.bound, p.flag, flagMeaning(p.flag), p.source]));
}
