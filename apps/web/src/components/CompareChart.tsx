"use client";
/** Several corridors' series of one indicator on a shared time axis: line, area or bars, linear or log. */
import { ComposedChart, Legend, ResponsiveContainer, Tooltip } from "recharts";
import { formatValue } from "@corridor/data/pure";
import type { ChartType, CompareRow } from "@/lib/explorer";
import { compareLayers } from "./chart-layers";

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
}

export function CompareChart({ id, rows, bars, series, chart, log, unit, ticks, domain }: CompareChartProps) {
  return (
    // The legend sits inside recharts' box: each corridor beyond three gets a line of height, so on a
    // phone (one legend entry a line) eight corridors do not squeeze the plot to nothing.
    <div className="w-full" style={{ height: 320 + 22 * Math.max(0, series.length - 3) }}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart id={id} data={chart === "bar" ? bars : rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          {compareLayers({ series, chart, log, ticks, domain, unit })}
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(_t, p) => String((p?.[0]?.payload as { period?: string } | undefined)?.period ?? "")}
            formatter={(v: number, name: string) => [formatValue(v, unit, "tooltip"), name]}
          />
          <Legend />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
