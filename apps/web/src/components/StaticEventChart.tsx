/**
 * The chart model drawn as plain SVG on the server: no client JavaScript, the same geometry as the
 * interactive chart. Used for small multiples (the impact panels) and, later, exports.
 */
import type { Frequency } from "@corridor/data/periods";
import { buildChartModel, eventCaveats, markStyle, type ChartEvent, type ChartPoint } from "@/lib/chart-model";
import { KIND_COLOUR, SERIES_COLOUR } from "@/lib/palette";
import { formatValue } from "@corridor/data/pure";
import { FadeGradients, fadeId, markState } from "./chart-layers";

export function StaticEventChart({
  points,
  events,
  frequency,
  label,
  unit,
  width = 960,
  height = 220,
}: {
  points: ChartPoint[];
  events: ChartEvent[];
  frequency: Frequency | null;
  label: string;
  unit: string;
  width?: number;
  height?: number;
}) {
  const m = buildChartModel({ points, events, frequency, width, height, laneHeight: 0, margin: { top: 10, right: 12, bottom: 24, left: 56 } });
  const bottom = m.plot.top + m.plot.height;
  const path = m.points.map((p, i) => `${i ? "L" : "M"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join("");
  const description = `${label} (${unit}): ${m.points.map((p) => `${p.period} ${formatValue(p.value, unit, "tooltip")}`).join(", ")}`;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className="mt-2 h-auto w-full" role="img" aria-label={description}>
      {m.yTicks.map((t) => (
        <g key={t.value}>
          <line x1={m.plot.left} x2={m.plot.left + m.plot.width} y1={t.y} y2={t.y} className="stroke-tremor-border dark:stroke-dark-tremor-border" />
          <text x={m.plot.left - 6} y={t.y + 4} textAnchor="end" fontSize={11} className="fill-tremor-content dark:fill-dark-tremor-content">
            {formatValue(t.value, unit, "axis")}
          </text>
        </g>
      ))}
      <FadeGradients events={events} />
      {/* One mark per event at its true date: a band for a span, a dashed line for a day; unverified and uncertain dates drawn as markStyle says. */}
      {m.events.map((e) => {
        const colour = KIND_COLOUR[e.event.kind];
        const style = markStyle(e.event);
        const caveats = eventCaveats(e.event);
        const title = caveats.length ? <title>{`${e.event.title}: ${caveats.join("; ")}`}</title> : null;
        if (e.x2 === null)
          return (
            <line
              key={e.event.id}
              x1={e.x}
              x2={e.x}
              y1={m.plot.top}
              y2={bottom}
              stroke={colour}
              strokeDasharray={style.line.dash}
              strokeOpacity={style.line.opacity}
              strokeWidth={1.5}
              className={`event-mark${markState(e.event)}`}
            >
              {title}
            </line>
          );
        return (
          <g key={e.event.id} className={`event-mark${markState(e.event)}`}>
            {title}
            <rect
              x={e.x}
              y={m.plot.top}
              width={Math.max(1.5, e.x2 - e.x)}
              height={m.plot.height}
              fill={style.fade ? `url(#${fadeId(e.event.kind, style.fade)})` : colour}
              fillOpacity={style.fillOpacity * 1.6}
            />
            {(["start", "end"] as const).map((edge) => (
              <line
                key={edge}
                x1={edge === "start" ? e.x : e.x2!}
                x2={edge === "start" ? e.x : e.x2!}
                y1={m.plot.top}
                y2={bottom}
                stroke={colour}
                strokeDasharray={style[edge].dash}
                strokeOpacity={style[edge].opacity}
                strokeWidth={1.5}
              />
            ))}
          </g>
        );
      })}
      {m.xTicks.map((t) => (
        <text key={t.label} x={t.x} y={bottom + 16} textAnchor="middle" fontSize={11} className="fill-tremor-content dark:fill-dark-tremor-content">
          {t.label}
        </text>
      ))}
      <line x1={m.plot.left} x2={m.plot.left + m.plot.width} y1={bottom} y2={bottom} className="stroke-tremor-content-subtle" />
      <path d={path} fill="none" stroke={SERIES_COLOUR} strokeWidth={2} />
      {m.points.map((p) => (
        <circle key={p.period} cx={p.x} cy={p.y} r={3} fill="white" stroke={SERIES_COLOUR} strokeWidth={1.5}>
          <title>{`${p.period}: ${formatValue(p.value, unit, "tooltip")}`}</title>
        </circle>
      ))}
    </svg>
  );
}
