/**
 * What the renderer draws: a chart's data — a series with its events, or the explorer's
 * comparison — with its parameters and provenance. Declared here, beside the code that draws it,
 * so server/ (which loads the data) depends on render/ and never the reverse.
 */
import type { ChartData } from "@corridor/data";
import type { Frequency } from "@corridor/data/periods";
import type { ChartParams } from "@/lib/params";
import type { NotShown } from "@/lib/chart-model";

export interface CompareLine {
  key: string;
  label: string;
  points: { period: string; start: string; end: string; value: number }[];
}

/** A corridor the comparison could not draw: no value at the index base, or no values at all. */
export interface LeftOut {
  key: string;
  why: "no-index" | "no-values";
  /** The index's base period (no-index). */
  index?: string;
  /** The frequency drawn when it had none (no-values). */
  frequency?: Frequency | null;
  /** Values exist at other frequencies (said below the chart). */
  elsewhere?: boolean;
}

export interface CompareData {
  indicator: { code: string; name: string; unit: string };
  /** The unit drawn: the indicator's, or "index, 2015 = 100". */
  unit: string;
  /** The one frequency every line is drawn in (absent in snapshots published before it was). */
  frequency?: Frequency | null;
  lines: CompareLine[];
  /** Corridors left out or empty, said in words (English, as snapshots keep them). */
  notes: string[];
  /** The same as data, for a page or image in another language (absent in snapshots published before it was). */
  left?: LeftOut[];
  /** Values stored at other frequencies than the one drawn: said, never dropped silently. */
  notShown?: NotShown[];
  sources: string[];
}

export type ChartSource = SourceOf<"series", ChartData> | SourceOf<"compare", CompareData>;

interface SourceOf<K, D> {
  kind: K;
  chart: ChartParams;
  data: D;
  /** The footer line: "Corridor · data of 2026-11-28 · https://…/embed/series?…" (or the pinned snapshot and its date). */
  provenance: string;
  /** The day the data drawn last changed (latest import or undo; a snapshot's publication day); null before any import. */
  dataDate: string | null;
  /** The absolute address that shows this very chart again. */
  viewUrl: string;
  pinned: boolean;
}
