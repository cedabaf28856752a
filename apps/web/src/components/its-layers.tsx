/**
 * The recharts layers of an impact panel (interrupted time series), shared by the event page
 * (ItsChart) and the SVG/PNG exports (render/impact-svg): the observed series, the model's fitted
 * line, the counterfactual as a dashed line with its 95 % band after the event, and the event at its
 * true date. No hooks and no "use client", so both hosts can import it.
 */
import type { ReactElement } from "react";
import { Area, CartesianGrid, Customized, Line, ReferenceArea, ReferenceLine, XAxis, YAxis } from "recharts";
import { formatValue } from "@corridor/data/pure";
import type { ItsChartModel } from "@/lib/its-chart";
import { markStyle, type ChartEvent } from "@/lib/chart-model";
import { KIND_COLOUR } from "@/lib/palette";
import { FadeGradients, fadeId, markState, type ChartColours } from "./chart-layers";

const DAY = 86_400_000;
const dayT = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Okabe–Ito, like every other chart: the series blue, the counterfactual vermillion, the fit a grey that reads on both backgrounds. */
export const ITS_COLOURS = { observed: "#0072B2", fitted: "#7a7a7a", counterfactual: "#D55E00" } as const;
export const COUNTERFACTUAL_DASH = "6 4";

export const ITS_LEGEND = {
  observed: "Observed",
  fitted: "Model fit",
  counterfactual: "Without the event (counterfactual, 95 % band)",
} as const;

/**
 * The event is drawn as on every other chart: a line at its true start, a span to its true end, and
 * the same caveat styles (chart-model's markStyle): dashed when unverified, the span fading towards a
 * date that may be wrong.
 */
export function itsLayers({ model, unit, event, colours }: { model: ItsChartModel; unit: string; event: ChartEvent; colours?: ChartColours }): ReactElement[] {
  const eventColour = KIND_COLOUR[event.kind];
  const style = markStyle(event);
  const state = markState(event);
  const caveat = state.includes("unverified") ? " (unverified)" : "";
  const tick = { fontSize: 12, ...(colours && { fill: colours.muted }), className: "cr-muted" };
  return [
    <CartesianGrid key="grid" vertical={false} className={colours ? "cr-grid" : "stroke-tremor-border dark:stroke-dark-tremor-border"} {...(colours && { stroke: colours.grid })} />,
    <XAxis
      key="x"
      dataKey="t"
      type="number"
      scale="time"
      domain={model.xDomain}
      ticks={model.xTicks}
      tickFormatter={(t: number) => String(new Date(t).getUTCFullYear())}
      tick={tick}
      allowDataOverflow
      {...(colours && { stroke: colours.axis })}
    />,
    <YAxis
      key="y"
      width={84}
      domain={model.yDomain}
      ticks={model.yTicks}
      tickFormatter={(v: number) => formatValue(v, unit, "axis")}
      // A label is never wrapped: recharts breaks "−US$ 12 bn" over two lines when it measures it wider than the axis.
      tick={{ ...tick, width: 200 }}
      allowDataOverflow
      {...(colours && { stroke: colours.axis })}
    />,
    ...(event.endsOn
      ? [
          <Customized key="fade" component={() => <FadeGradients events={[event]} />} />,
          <ReferenceArea
            key="event-span"
            x1={model.eventT}
            x2={dayT(event.endsOn) + DAY}
            fill={style.fade ? `url(#${fadeId(event.kind, style.fade)})` : eventColour}
            fillOpacity={style.fade ? 1 : style.fillOpacity}
            stroke="none"
            ifOverflow="hidden"
            className={`event-mark${state}`}
          />,
        ]
      : []),
    <ReferenceLine
      key="event"
      x={model.eventT}
      stroke={eventColour}
      strokeWidth={1.5}
      strokeDasharray={style.start.dash || undefined}
      strokeOpacity={style.start.opacity}
      ifOverflow="hidden"
      className={`event-mark${state}`}
      label={{ value: `event${caveat}`, position: "insideTopLeft", fontSize: 11, fill: colours?.muted ?? eventColour }}
    />,
    // No estimate, no model lines: the chart then shows only what was observed.
    ...(model.fitted
      ? [
          <Area
            key="band"
            dataKey="band"
            name="95 % band"
            stroke="none"
            fill={ITS_COLOURS.counterfactual}
            fillOpacity={0.18}
            connectNulls={false}
            isAnimationActive={false}
            activeDot={false}
            className="its-band"
          />,
          <Line key="fitted" dataKey="fitted" name={ITS_LEGEND.fitted} stroke={ITS_COLOURS.fitted} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} className="its-fitted" />,
          <Line
            key="counterfactual"
            dataKey="counterfactual"
            name="Without the event"
            stroke={ITS_COLOURS.counterfactual}
            strokeWidth={2}
            strokeDasharray={COUNTERFACTUAL_DASH}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
            className="its-counterfactual"
          />,
        ]
      : []),
    <Line
      key="observed"
      dataKey="observed"
      name={ITS_LEGEND.observed}
      stroke={colours?.series ?? ITS_COLOURS.observed}
      strokeWidth={2}
      dot={{ r: 3, ...(colours && { fill: colours.background }) }}
      connectNulls={false}
      isAnimationActive={false}
      className="series-line"
    />,
  ];
}
