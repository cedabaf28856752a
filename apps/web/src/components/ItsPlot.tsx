/**
 * An impact panel's chart (interrupted time series) as plain SVG from its pure geometry
 * (lib/its-chart itsPlotGeometry): the observed series, the model's fitted line, the counterfactual
 * dashed with its 95 % band after the event only, and the event at its true date with the same
 * caveat styles as every chart. No hooks, no charting library: the event page draws it on the
 * server and ships none of it, and the SVG/PNG/PDF exports draw the very same markup.
 * Without `colours` it takes the page's theme classes (light and dark); with them, fixed colours.
 */
import { formatValue } from "@corridor/data/pure";
import { itsPlotGeometry, type ItsChartModel } from "@/lib/its-chart";
import { markStyle, type ChartEvent } from "@/lib/chart-model";
import { KIND_COLOUR } from "@/lib/palette";
import { FadeGradients, fadeId, markState, type ChartColours } from "./chart-layers";

/** Okabe–Ito, like every other chart: the series blue, the counterfactual vermillion, the fit a grey that reads on both backgrounds. */
export const ITS_COLOURS = { observed: "#0072B2", fitted: "#7a7a7a", counterfactual: "#D55E00" } as const;
export const COUNTERFACTUAL_DASH = "6 4";

export const ITS_LEGEND = {
  observed: "Observed",
  fitted: "Model fit",
  counterfactual: "Without the event (counterfactual, 95 % band)",
} as const;

export function ItsPlot({
  model,
  unit,
  event,
  width,
  height,
  colours,
  className,
  locale = "en",
  markWords = { event: "event", unverified: "event (unverified)" },
}: {
  model: ItsChartModel;
  unit: string;
  event: ChartEvent;
  width: number;
  height: number;
  colours?: ChartColours;
  className?: string;
  /** The language of the axis numbers ("2,5 млрд $"). */
  locale?: string;
  /** The event line's label in that language (the catalog's Impact.eventMark*). */
  markWords?: { event: string; unverified: string };
}) {
  const g = itsPlotGeometry(model, width, height, event.endsOn);
  const style = markStyle(event);
  const state = markState(event);
  const eventColour = KIND_COLOUR[event.kind];
  const muted = colours ? { fill: colours.muted } : { className: "fill-tremor-content dark:fill-dark-tremor-content" };
  const grid = colours ? { stroke: colours.grid } : { className: "stroke-tremor-border dark:stroke-dark-tremor-border" };
  const axis = colours ? { stroke: colours.axis } : { className: "stroke-tremor-content-subtle dark:stroke-dark-tremor-content-subtle" };
  const { plot } = g;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} className={className} aria-hidden fontSize={12} fontFamily="inherit">
      <FadeGradients events={[event]} />
      {g.yTicks.map((t) => (
        <g key={t.value}>
          <line x1={plot.left} x2={plot.right} y1={t.y} y2={t.y} {...grid} />
          <text x={plot.left - 6} y={t.y} dy="0.32em" textAnchor="end" {...muted}>
            {formatValue(t.value, unit, "axis", { locale })}
          </text>
        </g>
      ))}
      <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} {...axis} />
      {g.xTicks.map((t) => (
        <text key={t.label} x={t.x} y={plot.bottom + 16} textAnchor="middle" {...muted}>
          {t.label}
        </text>
      ))}
      {g.event.x2 !== null && g.event.x2 > g.event.x && (
        <rect
          x={g.event.x}
          y={plot.top}
          width={g.event.x2 - g.event.x}
          height={plot.bottom - plot.top}
          fill={style.fade ? `url(#${fadeId(event.kind, style.fade)})` : eventColour}
          fillOpacity={style.fade ? 1 : style.fillOpacity}
          className={`event-mark${state}`}
        />
      )}
      <line
        x1={g.event.x}
        x2={g.event.x}
        y1={plot.top}
        y2={plot.bottom}
        stroke={eventColour}
        strokeWidth={1.5}
        strokeDasharray={style.start.dash || undefined}
        strokeOpacity={style.start.opacity}
        className={`event-mark${state}`}
      />
      <text x={g.event.x + 4} y={plot.top + 10} fontSize={11} {...(colours ? { fill: colours.muted } : { fill: eventColour })}>
        {state.includes("unverified") ? markWords.unverified : markWords.event}
      </text>
      {g.band && <path d={g.band} fill={ITS_COLOURS.counterfactual} fillOpacity={0.18} className="its-band" />}
      {g.fitted && (
        <g className="its-fitted">
          <path d={g.fitted} fill="none" stroke={ITS_COLOURS.fitted} strokeWidth={2} />
        </g>
      )}
      {g.counterfactual && (
        <g className="its-counterfactual">
          <path d={g.counterfactual} fill="none" stroke={ITS_COLOURS.counterfactual} strokeWidth={2} strokeDasharray={COUNTERFACTUAL_DASH} />
        </g>
      )}
      <g className="series-line">
        <path d={g.observed} fill="none" stroke={colours?.series ?? ITS_COLOURS.observed} strokeWidth={2} />
        {g.dots.map((d) => (
          <circle
            key={d.row}
            cx={d.x}
            cy={d.y}
            r={3}
            stroke={colours?.series ?? ITS_COLOURS.observed}
            strokeWidth={1.5}
            {...(colours ? { fill: colours.background } : { className: "fill-white dark:fill-dark-tremor-background" })}
          />
        ))}
      </g>
    </svg>
  );
}
