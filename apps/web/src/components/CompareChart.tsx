"use client";
/**
 * Several corridors' series of one indicator on a shared time axis: line, area or bars, linear or
 * log; the corridors' own events as dashed lines in their kind's colour and glyph (on the chart's
 * own time axis, so they sit where the values do).
 */
import { BOOT_AT_LOAD } from "./boot-at-load";
import { ComposedChart, Legend, ReferenceLine, ResponsiveContainer, Tooltip } from "recharts";
import { formatValue } from "@corridor/data/pure";
import { barPeriodOf, glyphRows, type ChartType, type CompareRow } from "@/lib/explorer";
import { KIND_COLOUR, KIND_GLYPH } from "@/lib/palette";
import type { Kind } from "@/lib/chart-model";
import { compareLayers } from "./chart-layers";

export interface CompareEvent {
  id: string;
  title: string;
  kind: Kind;
  /** Milliseconds since the epoch: the event's first day, on the chart's time axis. */
  t: number;
}

export interface CompareChartProps {
  id: string;
  rows: CompareRow[];
  /** A bar chart's rows: one per period, gaps kept (compareModel). */
  bars: CompareRow[];
  series: { key: string; label: string }[];
  chart: ChartType;
  log: boolean;
  unit: string;
  ticks: number[];
  domain: [number, number];
  events?: CompareEvent[];
  locale?: string;
}

export function CompareChart({ id, rows, bars, series, chart, log, unit, ticks, domain, events = [], locale = "en" }: CompareChartProps) {
  // On bars the x axis is the row of periods: an event stands on the bar whose period holds it.
  const placed = events
    .map((e) => ({ ...e, x: chart === "bar" ? barPeriodOf(bars, new Date(e.t).toISOString().slice(0, 10)) : e.t >= domain[0] && e.t <= domain[1] ? e.t : null }))
    .filter((e): e is CompareEvent & { x: number | string } => e.x !== null);
  // 14 px of a plot about 700 px wide: letters closer than that take the next row.
  const rowOf = glyphRows(
    placed.map((e) => ({ id: e.id, at: typeof e.x === "number" ? (e.x - domain[0]) / (domain[1] - domain[0]) : (bars.findIndex((b) => b.period === e.x) + 0.5) / bars.length })),
    14 / 700,
  );
  return (
    // The legend sits inside recharts' box: each corridor beyond three gets a line of height, so on a
    // phone (one legend entry a line) eight corridors do not squeeze the plot to nothing.
    // Drawn in the browser only (recharts measures its box): the page's client code starts at load.
    <div className="w-full" style={{ height: 320 + 22 * Math.max(0, series.length - 3) }} {...{ [BOOT_AT_LOAD]: "" }}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart id={id} data={chart === "bar" ? bars : rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          {compareLayers({ series, chart, log, ticks, domain, unit, locale })}
          {placed.map((e) => {
            const row = rowOf.get(e.id) ?? null;
            return (
              <ReferenceLine
                key={e.id}
                x={e.x}
                stroke={KIND_COLOUR[e.kind]}
                strokeDasharray="4 3"
                className="compare-event"
                label={row === null ? undefined : { value: KIND_GLYPH[e.kind], position: "insideTop", offset: 5 + row * 12, fill: KIND_COLOUR[e.kind], fontSize: 11 }}
              />
            );
          })}
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(_t, p) => String((p?.[0]?.payload as { period?: string } | undefined)?.period ?? "")}
            formatter={(v: number, name: string) => [formatValue(v, unit, "tooltip", { locale }), name]}
          />
          <Legend />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
