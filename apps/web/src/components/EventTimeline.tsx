/**
 * Every event on one time axis, a lane per kind, drawn on the server from the chart model: spans as
 * bars, point events as dots, close ones of a kind as a count; each mark links to its event page.
 */
import { buildChartModel, type ChartEvent } from "@/lib/chart-model";
import { KIND_COLOUR, KIND_GLYPH, KIND_LABEL } from "@/lib/palette";
import { EventMarker } from "./EventMarker";
import { dateRange } from "@/lib/format";

export function EventTimeline({ events, width = 1100 }: { events: ChartEvent[]; width?: number }) {
  if (events.length === 0) return null;
  const lane = 30;
  const margin = { top: 4, right: 16, bottom: 0, left: 96 };
  const kinds = new Set(events.map((e) => e.kind)).size;
  const height = 24 + kinds * lane + margin.top;
  // No series: the plot collapses to the axis and the lanes carry everything.
  const m = buildChartModel({ points: [], events, frequency: null, width, height, laneHeight: lane, margin: { ...margin, bottom: 24 } });
  const axisY = m.plot.top + m.plot.height;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="group" aria-label="Timeline of events by kind">
      {m.xTicks.map((t) => (
        <g key={t.label}>
          <line x1={t.x} x2={t.x} y1={axisY + 20} y2={height} className="stroke-tremor-border dark:stroke-dark-tremor-border" />
          <text x={t.x} y={axisY + 14} textAnchor="middle" fontSize={12} className="fill-tremor-content dark:fill-dark-tremor-content">
            {t.label}
          </text>
        </g>
      ))}
      {m.lanes.map((l) => (
        <g key={l.kind}>
          <text x={margin.left - 10} y={l.y + 4} textAnchor="end" fontSize={12} className="fill-tremor-content-emphasis dark:fill-dark-tremor-content-emphasis">
            {KIND_LABEL[l.kind]}
          </text>
          {m.spans
            .filter((s) => s.event.kind === l.kind)
            .map((s) => (
              <rect key={`span-${s.event.id}`} x={s.x} y={l.y - 4} width={Math.max(2, s.x2! - s.x)} height={8} rx={3} fill={KIND_COLOUR[l.kind]} fillOpacity={0.3} />
            ))}
          {l.clusters.map((c) => {
            const first = c.events[0]!.event;
            const label = c.events.map((e) => `${e.event.title} (${dateRange(e.event.startsOn, e.event.endsOn, e.event.datePrecision)})`).join("; ");
            return (
              <a key={c.events.map((e) => e.event.id).join("+")} href={`/events/${first.id}`} aria-label={label}>
                <title>{label}</title>
                <EventMarker x={c.x} y={l.y} kind={l.kind} label={c.events.length > 1 ? String(c.events.length) : KIND_GLYPH[l.kind]} large={c.events.length > 1} size={8} />
              </a>
            );
          })}
        </g>
      ))}
    </svg>
  );
}
