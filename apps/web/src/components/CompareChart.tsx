"use client";
/** Several corridors' series of one indicator on a shared time axis: line, area or bars, linear or log. */
import { Area, Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { compact, full } from "@/lib/format";
import type { ChartType } from "@/lib/explorer";

// Okabe–Ito, in an order that keeps neighbours distinguishable.
const COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8c7a00", "#3d3d3d"];

export interface CompareChartProps {
  id: string;
  rows: { t: number; period: string; [key: string]: number | string | null }[];
  series: { key: string; label: string }[];
  chart: ChartType;
  log: boolean;
  unit: string;
  ticks: number[];
  domain: [number, number];
}

export function CompareChart({ id, rows, series, chart, log, unit, ticks, domain }: CompareChartProps) {
  return (
    <div className="h-80 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart id={id} data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid vertical={false} className="stroke-tremor-border dark:stroke-dark-tremor-border" />
          <XAxis dataKey="t" type="number" scale="time" domain={domain} ticks={ticks} tickFormatter={(t: number) => String(new Date(t).getUTCFullYear())} tick={{ fontSize: 12 }} />
          <YAxis width={72} scale={log ? "log" : "linear"} domain={log ? ["auto", "auto"] : [0, "auto"]} allowDataOverflow={log} tickFormatter={compact} tick={{ fontSize: 12 }} />
          <Tooltip isAnimationActive={false} labelFormatter={(_t, p) => String((p?.[0]?.payload as { period?: string } | undefined)?.period ?? "")} formatter={(v: number, name: string) => [`${full(v)} ${unit}`, name]} />
          <Legend />
          {series.map((s, i) => {
            const colour = COLOURS[i % COLOURS.length]!;
            if (chart === "bar") return <Bar key={s.key} dataKey={s.key} name={s.label} fill={colour} isAnimationActive={false} />;
            if (chart === "area") return <Area key={s.key} dataKey={s.key} name={s.label} stroke={colour} fill={colour} fillOpacity={0.15} connectNulls={false} isAnimationActive={false} />;
            return <Line key={s.key} dataKey={s.key} name={s.label} stroke={colour} strokeWidth={2} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />;
          })}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
