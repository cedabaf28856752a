"use client";
/** An impact panel's chart on the event page: its-layers in a responsive frame, with a tooltip. */
import { ComposedChart, ResponsiveContainer, Tooltip } from "recharts";
import { formatValue } from "@corridor/data/pure";
import type { ItsChartModel } from "@/lib/its-chart";
import type { ChartEvent } from "@/lib/chart-model";
import { itsLayers } from "./its-layers";

const NAMES: Record<string, string> = { observed: "observed", fitted: "model fit", counterfactual: "without the event", band: "95 % band" };

export function ItsChart({ id, model, unit, event, label }: { id: string; model: ItsChartModel; unit: string; event: ChartEvent; label: string }) {
  return (
    <div className="h-72 w-full" role="img" aria-label={label} data-testid="its-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart id={id} data={model.rows} margin={{ top: 14, right: 12, bottom: 4, left: 0 }}>
          {itsLayers({ model, unit, event })}
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(_t, p) => String((p?.[0]?.payload as { period?: string } | undefined)?.period ?? "")}
            formatter={(v: number | [number, number], name: string, item: { dataKey?: unknown }) => [
              Array.isArray(v) ? `${formatValue(v[0], unit, "tooltip")} to ${formatValue(v[1], unit, "tooltip")}` : formatValue(v, unit, "tooltip"),
              NAMES[String(item.dataKey)] ?? name,
            ]}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
