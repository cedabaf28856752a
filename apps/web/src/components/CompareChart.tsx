"use client";
/**
 * Several corridors' series of one indicator on a shared time axis: line, area or bars, linear or
 * log; the corridors' own events as dashed lines in their kind's colour and glyph (on the chart's
 * own time axis, so they sit where the values do).
 */
import { ComposedChart, Legend, ReferenceLine, ResponsiveContainer, Tooltip } from "recharts";
import { formatValue } from "@corridor/data/pure";
import { barPeriodOf, type ChartType, type CompareRow } from "@/lib/explorer";
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
  return (
    // The legend sits inside recharts' box: each corridor beyond three gets a line of height, so on a
    // phone (one legend entry a line) eight corridors do not squeeze the plot to nothing.
    <div className="w-full" style={{ height: 320 + 22 * Math.max(0, series.length - 3) }}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart id={id} data={chart === "bar" ? bars : rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          {compareLayers({ series, chart, log, ticks, domain, unit, locale })}
          {events
            // On bars the x axis is the row of periods: an event stands on the bar whose period holds it.
            .map((e) => ({ ...e, x: chart === "bar" ? barPeriodOf(bars, new Date(e.t).toISOString().slice(0, 10)) : e.t >= domain[0] && e.t <= domain[1] ? e.t : null }))
            .filter((e) => e.x !== null)
            .map((e) => (
              <ReferenceLine
                key={e.id}
                x={e.x!}
                stroke={KIND_COLOUR[e.kind]}
                strokeDasharray="4 3"
                className="compare-event"
                label={{ value: KIND_GLYPH[e.kind], position: "insideTop", fill: KIND_COLOUR[e.kind], fontSize: 11 }}
              />
            ))}
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
