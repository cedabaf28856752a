"use client";
/**
 * The event-annotated time-series chart: recharts draws the series on a real time axis, spans as
 * ReferenceArea bands and point events as ReferenceLine markers; under the plot, one lane per event
 * kind with markers (clustered when close) laid out by the pure chart model.
 */
import { useRouter } from "next/navigation";
import { useMemo, useState, type KeyboardEvent } from "react";
import {
  CartesianGrid, ComposedChart, Customized, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis,
} from "recharts";
import type { Frequency } from "@corridor/data/periods";
import { buildChartModel, snapEvent, type ChartEvent, type ChartPoint, type Cluster, type Kind } from "@/lib/chart-model";
import { KIND_COLOUR, KIND_LABEL, SERIES_COLOUR } from "@/lib/palette";
import { EventMarker } from "./EventMarker";
import { compact, dateRange, full } from "@/lib/format";

export interface EventChartProps {
  id: string;
  points: ChartPoint[];
  events: ChartEvent[];
  frequency: Frequency | null;
  unit: string;
  label: string;
  hiddenKinds?: string[];
  height?: number;
}

const LANE = 22;
const AXIS = 24;

interface Hover {
  cluster: Cluster;
  x: number;
  y: number;
  pinned: boolean;
}

export function EventChart({ id, points, events, frequency, unit, label, hiddenKinds = [], height = 320 }: EventChartProps) {
  const router = useRouter();
  const [hover, setHover] = useState<Hover | null>(null);
  const visible = useMemo(() => events.filter((e) => !hiddenKinds.includes(e.kind)), [events, hiddenKinds]);
  // Domains and ticks come from the model (width-free), so server and client agree.
  const model = useMemo(() => buildChartModel({ points, events: visible, frequency, width: 1000, height: 400 }), [points, visible, frequency]);
  const data = model.points.map((p) => ({ t: p.t, value: p.value, period: p.period, flag: p.flag }));
  const kinds = model.lanes.map((l) => l.kind);
  const ticks = model.xTicks.map((t) => Date.UTC(Number(t.label), 0, 1));
  const lanesHeight = kinds.length * LANE;

  const open = (event: ChartEvent) => router.push(`/events/${event.id}`);

  return (
    <div className="relative" onMouseLeave={() => setHover((h) => (h?.pinned ? h : null))}>
      <div style={{ height: height + lanesHeight }} className="w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart id={id} data={data} margin={{ top: 8, right: 16, bottom: lanesHeight + 4, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} className="stroke-tremor-border dark:stroke-dark-tremor-border" />
            <XAxis dataKey="t" type="number" scale="time" domain={model.xDomain} ticks={ticks} tickFormatter={(t: number) => String(new Date(t).getUTCFullYear())} tick={{ fontSize: 12 }} height={AXIS} allowDataOverflow />
            <YAxis width={72} domain={model.yDomain} ticks={model.yTicks.map((t) => t.value)} tickFormatter={compact} tick={{ fontSize: 12 }} allowDataOverflow />
            {model.spans.map((s) => (
              <ReferenceArea key={`span-${s.event.id}`} x1={s.t} x2={s.t2!} fill={KIND_COLOUR[s.event.kind]} fillOpacity={0.12} ifOverflow="hidden" />
            ))}
            {visible.map((e) => (
              <ReferenceLine key={`line-${e.id}`} x={snapEvent(e.startsOn, frequency).t} stroke={KIND_COLOUR[e.kind]} strokeDasharray="4 3" strokeWidth={1.5} ifOverflow="hidden" />
            ))}
            <Tooltip
              isAnimationActive={false}
              formatter={(v: number) => [`${full(v)} ${unit}`, label]}
              labelFormatter={(_t, payload) => {
                const p = payload?.[0]?.payload as { period?: string; flag?: string } | undefined;
                return p ? `${p.period}${p.flag ? ` (${p.flag})` : ""}` : "";
              }}
            />
            <Line dataKey="value" name={label} stroke={SERIES_COLOUR} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} connectNulls={false} />
            {/* An element, not a component defined in render: a stable type keeps keyboard focus across re-renders. */}
            <Customized component={<LaneLayer points={points} events={visible} frequency={frequency} onHover={setHover} onOpen={open} />} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      {hover && (
        <div
          role="tooltip"
          data-testid="event-tooltip"
          className="absolute z-10 max-w-xs rounded-tremor-default border border-tremor-border bg-tremor-background p-3 text-tremor-default shadow-tremor-dropdown dark:border-dark-tremor-border dark:bg-dark-tremor-background"
          style={{ left: Math.max(0, hover.x - 120), top: hover.y + 14 }}
        >
          {hover.cluster.events.map(({ event, snappedPeriod, exactDate }) => (
            <div key={event.id} className="mb-2 last:mb-0">
              <a href={`/events/${event.id}`} className="font-semibold text-tremor-content-strong underline-offset-2 hover:underline dark:text-dark-tremor-content-strong">
                {event.title}
              </a>
              <div className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                {KIND_LABEL[event.kind as Kind]} · {exactDate}
                {snappedPeriod && snappedPeriod !== event.startsOn ? ` · shown at ${snappedPeriod}` : ""}
              </div>
              {event.documentRef && <div className="text-tremor-label text-tremor-content-subtle dark:text-dark-tremor-content-subtle">{event.documentRef}</div>}
            </div>
          ))}
          {hover.pinned && (
            <button type="button" className="mt-1 text-tremor-label underline" onClick={() => setHover(null)}>
              Close
            </button>
          )}
        </div>
      )}
    </div>
  );
}

interface LaneLayerProps {
  offset?: { left: number; top: number; width: number; height: number };
  points: ChartPoint[];
  events: ChartEvent[];
  frequency: Frequency | null;
  onHover: (update: Hover | null | ((h: Hover | null) => Hover | null)) => void;
  onOpen: (event: ChartEvent) => void;
}

/** The event lanes under the plot, drawn inside recharts' SVG with the plot's real offset and width. */
function LaneLayer({ offset, points, events, frequency, onHover, onOpen }: LaneLayerProps) {
  if (!offset) return null;
  // The same model at the plot's real width: cluster distances are in real pixels.
  const laneModel = buildChartModel({ points, events, frequency, width: offset.width, height: 400, margin: { top: 0, right: 0, bottom: 0, left: 0 } });
  const top = offset.top + offset.height + AXIS;
  const keepPinned = (h: Hover | null) => (h?.pinned ? h : null);
  return (
    <g aria-label="Events by kind">
      {laneModel.lanes.map((lane, i) => {
        const y = top + i * LANE + LANE / 2;
        return (
          <g key={lane.kind}>
            <text x={offset.left - 8} y={y + 4} textAnchor="end" fontSize={11} className="fill-tremor-content dark:fill-dark-tremor-content">
              {KIND_LABEL[lane.kind]}
            </text>
            <line x1={offset.left} x2={offset.left + offset.width} y1={y} y2={y} strokeDasharray="2 3" className="stroke-tremor-border dark:stroke-dark-tremor-border" />
            {lane.clusters.map((cluster) => {
              const cx = offset.left + cluster.x;
              const single = cluster.events.length === 1 ? cluster.events[0]!.event : null;
              const show = () => onHover({ cluster, x: cx, y, pinned: false });
              const activate = () => (single ? onOpen(single) : onHover({ cluster, x: cx, y, pinned: true }));
              const onKey = (e: KeyboardEvent<SVGGElement>) => {
                if (e.key === "Enter" || e.key === " ") {
                  e.preventDefault();
                  activate();
                }
                if (e.key === "Escape") onHover(null);
              };
              const name = single
                ? `${KIND_LABEL[lane.kind]}: ${single.title}, ${dateRange(single.startsOn, single.endsOn, single.datePrecision)}`
                : `${cluster.events.length} ${KIND_LABEL[lane.kind].toLowerCase()}: ${cluster.events.map((e) => e.event.title).join("; ")}`;
              return (
                <g
                  key={cluster.events.map((e) => e.event.id).join("+")}
                  role={single ? "link" : "button"}
                  tabIndex={0}
                  aria-label={name}
                  data-event-ids={cluster.events.map((e) => e.event.id).join(" ")}
                  className="cursor-pointer outline-none focus-visible:[&>circle]:stroke-[3px]"
                  onMouseEnter={show}
                  onMouseLeave={() => onHover(keepPinned)}
                  onFocus={show}
                  onBlur={() => onHover(keepPinned)}
                  onClick={activate}
                  onKeyDown={onKey}
                >
                  <EventMarker x={cx} y={y} kind={lane.kind} count={cluster.events.length} />
                </g>
              );
            })}
          </g>
        );
      })}
    </g>
  );
}
