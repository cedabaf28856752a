/**
 * The public shapes of a series, declared once: the JSON object (`corridor series --json`,
 * GET /api/series, the chart's .json download) and the CSV table (GET /api/series.csv, the chart's
 * .csv download and the data.csv in its .zip). Pure: no database, so the renderer and browser code may use it.
 */
import { columnsCsv, type CsvColumn } from "./csv-writer.ts";
import { flagMeaning } from "./flags.ts";
import type { Frequency } from "./periods.ts";
import type { Series, SeriesPoint } from "./queries/series.ts";

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
    points: s.points.map(({ period, value, bound, flag, source, partial }) => ({
      period,
      value,
      ...(bound && { bound }),
      ...(flag && { flag, flag_meaning: flagMeaning(flag)! }),
      ...(source && { source }),
      ...(partial && { partial }),
    })),
    otherFrequencies: s.otherFrequencies ?? [],
    ...(events && { events }),
  };
}

/** A row of the series CSV: one point with the series it belongs to. */
export interface SeriesCsvRow {
  series: Series;
  point: SeriesPoint;
}

/**
 * The series CSV's columns, in order: one table, a row per point, each row complete on its own
 * (which corridor, indicator and unit, the period and its days, the value, its flag in words, its
 * source), so pandas, R and Excel read it as-is and rows from several files can be stacked.
 * Another column is one more entry here.
 */
export const SERIES_CSV_COLUMNS: readonly CsvColumn<SeriesCsvRow>[] = [
  { name: "indicator", description: "the indicator's code", value: (r) => r.series.indicator.code },
  { name: "indicator_name", description: "the indicator's name", value: (r) => r.series.indicator.name },
  { name: "unit", description: "the unit of `value`", value: (r) => r.series.indicator.unit },
  { name: "origin", description: "origin country, ISO 3166-1 alpha-3", value: (r) => r.series.origin },
  { name: "destination", description: "destination country, ISO 3166-1 alpha-3 (WLD: all partners)", value: (r) => r.series.destination },
  { name: "period", description: "the period as published: 2021, 2021-Q2, 2021-04 or 2021-04-16", value: (r) => r.point.period },
  { name: "period_start", description: "the period's first day (YYYY-MM-DD)", value: (r) => r.point.start },
  { name: "period_end", description: "the period's last day (YYYY-MM-DD)", value: (r) => r.point.end },
  { name: "value", description: "the value as published (not rounded)", value: (r) => r.point.value },
  {
    name: "bound",
    description: "lower when the source published the value as a minimum (\"more than 3 million\"), upper for a maximum (\"almost 65 thousand\"), empty when exact",
    value: (r) => r.point.bound,
  },
  { name: "flag", description: "the publisher's flag letter(s), empty when none", value: (r) => r.point.flag },
  { name: "flag_meaning", description: "the flag in words, from Corridor's flag glossary", value: (r) => flagMeaning(r.point.flag) },
  { name: "source", description: "who published the value, and where", value: (r) => r.point.source },
  {
    name: "partial",
    description: "true when the value is rolled up from an incomplete set of finer periods: not the whole period's figure",
    value: (r) => (r.point.partial ? "true" : ""),
  },
];

/** The series as one CSV table, one row per point (SERIES_CSV_COLUMNS; the README's Read API documents it). */
export function seriesCsv(s: Series): string {
  return columnsCsv(
    SERIES_CSV_COLUMNS,
    s.points.map((point) => ({ series: s, point })),
  );
}
