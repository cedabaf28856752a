/**
 * The recharts layers of the event-annotated chart, shared by the interactive chart (EventChart)
 * and the server-rendered SVG/PNG/embed (render/series-svg): one drawing, two hosts. No hooks and
 * no "use client", so both a client component and plain Node can import it.
 */
import type { KeyboardEvent, ReactElement } from "react";
import { Area, Bar, CartesianGrid, Line, ReferenceArea, ReferenceLine, XAxis, YAxis } from "recharts";
import type { Frequency } from "@corridor/data/periods";
import {
  buildChartModel,
  eventCaveats,
  isKeyEvent,
  isUnverified,
  KIND_ORDER,
  LABEL_FONT,
  LABEL_ROW,
  labelText,
  markStyle,
  MAX_LABEL_ROWS,
  placeLabels,
  type ChartEvent,
  type ChartModel,
  type ChartPoint,
  type Cluster,
  type Kind,
  type PlacedEvent,
  UNCERTAIN_DASH,
} from "@/lib/chart-model";
import { KIND_COLOUR, KIND_GLYPH, KIND_LABEL, SERIES_COLOUR } from "@/lib/palette";
import { formatValue } from "@corridor/data/pure";
import { dateRange } from "@/lib/format";
import { EventMarker } from "./EventMarker";

export const LANE = 24;
export const AXIS = 24;

/**
 * Explicit colours for a standalone SVG (a word processor has no stylesheet). Without them the
 * layers use Tremor's classes and follow the page's light/dark mode. Elements also carry `cr-*`
 * classes so an embed page can restyle them for `prefers-color-scheme`.
 */
export interface ChartColours {
  background: string;
  text: string;
  muted: string;
  grid: string;
  axis: string;
  series: string;
}

export const LIGHT: ChartColours = { background: "#ffffff", text: "#111827", muted: "#4b5563", grid: "#e5e7eb", axis: "#9ca3af", series: SERIES_COLOUR };
export const DARK: ChartColours = { background: "#0b1120", text: "#f3f4f6", muted: "#9ca3af", grid: "#1f2937", axis: "#4b5563", series: "#3a9ad9" };

export interface LayerInput {
  model: ChartModel;
  events: ChartEvent[];
  frequency: Frequency | null;
  label: string;
  /** The indicator's unit, for the value axis' ticks ("US$ 8 bn"). */
  unit?: string;
  colours?: ChartColours;
}

/** Grid, axes, one mark per event at its true date (a band for a span, a line for a day) and the series line. */
export function plotLayers({ model, label, unit = "", colours }: LayerInput): ReactElement[] {
  const ticks = model.xTicks.map((t) => Date.UTC(Number(t.label), 0, 1));
  const tick = { fontSize: 12, ...(colours && { fill: colours.muted }), className: "cr-muted" };
  return [
    <CartesianGrid key="grid" vertical={false} className={colours ? "cr-grid" : "stroke-tremor-border dark:stroke-dark-tremor-border"} {...(colours && { stroke: colours.grid })} />,
    <XAxis
      key="x"
      dataKey="t"
      type="number"
      scale="time"
      domain={model.xDomain}
      ticks={ticks}
      tickFormatter={(t: number) => String(new Date(t).getUTCFullYear())}
      tick={tick}
      height={AXIS}
      allowDataOverflow
      {...(colours && { stroke: colours.axis })}
    />,
    <YAxis
      key="y"
      width={72}
      domain={model.yDomain}
      ticks={model.yTicks.map((t) => t.value)}
      tickFormatter={(v: number) => formatValue(v, unit, "axis")}
      tick={tick}
      allowDataOverflow
      {...(colours && { stroke: colours.axis })}
    />,
    ...model.events.flatMap((e) => {
      const colour = KIND_COLOUR[e.event.kind];
      const style = markStyle(e.event);
      // markState also names a related event's mark (another corridor's: dotted and unfilled, markStyle).
      const state = markState(e.event);
      if (e.t2 === null)
        return [
          <ReferenceLine
            key={`mark-${e.event.id}`}
            x={e.t}
            stroke={colour}
            strokeDasharray={style.line.dash}
            strokeOpacity={style.line.opacity}
            strokeWidth={1.5}
            ifOverflow="hidden"
            className={`event-mark${state}`}
          />,
        ];
      // A span's band from its true start to its true end, fading towards an uncertain end; its edges
      // are lines of their own (dotted where the date is uncertain), which also keep a two-day span visible on a decade.
      return [
        <ReferenceArea
          key={`mark-${e.event.id}`}
          x1={e.t}
          x2={e.t2}
          fill={style.fade ? `url(#${fadeId(e.event.kind, style.fade)})` : colour}
          fillOpacity={style.fillOpacity}
          stroke="none"
          ifOverflow="hidden"
          className={`event-mark${state}`}
        />,
        ...(["start", "end"] as const).map((edge) => (
          <ReferenceLine
            key={`edge-${edge}-${e.event.id}`}
            x={edge === "start" ? e.t : e.t2!}
            stroke={colour}
            strokeDasharray={style[edge].dash}
            strokeOpacity={style[edge].opacity}
            strokeWidth={1.5}
            ifOverflow="hidden"
            className={`event-edge event-edge-${edge}${style[edge].dash === UNCERTAIN_DASH ? " event-edge-uncertain" : ""}`}
          />
        )),
      ];
    }),
    <Line
      key="series"
      dataKey="value"
      name={label}
      stroke={colours?.series ?? SERIES_COLOUR}
      strokeWidth={2}
      dot={{ r: 3, ...(colours && { fill: colours.background }) }}
      isAnimationActive={false}
      connectNulls={false}
      className="series-line"
    />,
  ];
}

// Okabe–Ito, in an order that keeps neighbours distinguishable.
export const COMPARE_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8c7a00", "#8a8a8a"];

/** The explorer's comparison: one line or area per corridor on a shared time axis, or bars per period. */
export function compareLayers({
  series,
  chart,
  log,
  ticks,
  domain,
  unit = "",
  colours,
}: {
  series: { key: string; label: string }[];
  chart: "line" | "area" | "bar";
  log: boolean;
  ticks: number[];
  domain: [number, number];
  unit?: string;
  colours?: ChartColours;
}): ReactElement[] {
  const tick = { fontSize: 12, ...(colours && { fill: colours.muted }) };
  return [
    <CartesianGrid key="grid" vertical={false} className={colours ? "cr-grid" : "stroke-tremor-border dark:stroke-dark-tremor-border"} {...(colours && { stroke: colours.grid })} />,
    chart === "bar" ? (
      // Bars stand on a row of periods (compareModel's `bars`, gaps kept as empty periods): on a
      // time axis recharts sizes bars by the gap between dates, and a single date got no bar at all.
      <XAxis key="x" dataKey="period" type="category" interval="preserveStartEnd" minTickGap={12} tick={tick} {...(colours && { stroke: colours.axis })} />
    ) : (
      <XAxis
        key="x"
        dataKey="t"
        type="number"
        scale="time"
        domain={domain}
        ticks={ticks}
        tickFormatter={(t: number) => String(new Date(t).getUTCFullYear())}
        tick={tick}
        allowDataOverflow
        {...(colours && { stroke: colours.axis })}
      />
    ),
    <YAxis
      key="y"
      width={72}
      scale={log ? "log" : "linear"}
      domain={log ? ["auto", "auto"] : [0, "auto"]}
      allowDataOverflow={log}
      tickFormatter={(v: number) => formatValue(v, unit, "axis")}
      tick={tick}
      {...(colours && { stroke: colours.axis })}
    />,
    ...series.map((s, i) => {
      const colour = COMPARE_COLOURS[i % COMPARE_COLOURS.length]!;
      if (chart === "bar") return <Bar key={s.key} dataKey={s.key} name={s.label} fill={colour} isAnimationActive={false} />;
      if (chart === "area") return <Area key={s.key} dataKey={s.key} name={s.label} stroke={colour} fill={colour} fillOpacity={0.15} connectNulls={false} isAnimationActive={false} />;
      return <Line key={s.key} dataKey={s.key} name={s.label} stroke={colour} strokeWidth={2} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} className="series-line" />;
    }),
  ];
}

/** Footnote numbers for a static chart: lane by lane, in time order, so a cluster's numbers run on. */
export function footnoteNumbers(events: ChartEvent[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const kind of KIND_ORDER)
    for (const e of events.filter((x) => x.kind === kind).sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.id.localeCompare(b.id))) numbers.set(e.id, numbers.size + 1);
  return numbers;
}

/** What a marker says to a screen reader or in a native tooltip: the event with its caveats, or the cluster's events. */
export function markerName(kind: Kind, cluster: Cluster): string {
  const single = cluster.events.length === 1 ? cluster.events[0]!.event : null;
  const related = (e: ChartEvent) => (e.related ? ` (related event: ${e.related})` : "");
  const caveats = (e: ChartEvent) =>
    eventCaveats(e)
      .map((c) => ` (${c})`)
      .join("");
  return single
    ? `${KIND_LABEL[kind]}: ${single.title}, ${dateRange(single.startsOn, single.endsOn, single.datePrecision)}${related(single)}${caveats(single)}`
    : `${cluster.events.length} ${KIND_LABEL[kind].toLowerCase()}: ${cluster.events.map((e) => `${e.event.title}${related(e.event)}${caveats(e.event)}`).join("; ")}`;
}

/** Classes that say, in the markup, which caveat a mark draws (tests and embeds' stylesheets read them). */
export function markState(e: ChartEvent): string {
  const s = markStyle(e);
  return `${e.related ? " related-mark" : ""}${isUnverified(e) ? " event-unverified" : ""}${s.fade ? ` event-uncertain-${s.fade}` : ""}`;
}

export const fadeId = (kind: Kind, fade: "start" | "end" | "both") => `cr-fade-${fade}-${kind}`;

/** The gradients a fading band fills with (only those the events need): the colour thins out towards an uncertain date. */
export function FadeGradients({ events }: { events: readonly ChartEvent[] }) {
  const needed = new Map<string, { kind: Kind; fade: "start" | "end" | "both" }>();
  for (const e of events) {
    const fade = markStyle(e).fade;
    if (fade && e.endsOn) needed.set(fadeId(e.kind, fade), { kind: e.kind, fade });
  }
  if (needed.size === 0) return null;
  const stops = {
    end: [
      [0, 1],
      [0.45, 1],
      [1, 0.08],
    ],
    start: [
      [0, 0.08],
      [0.55, 1],
      [1, 1],
    ],
    both: [
      [0, 0.08],
      [0.35, 1],
      [0.65, 1],
      [1, 0.08],
    ],
  } as const;
  return (
    <defs>
      {[...needed].map(([id, { kind, fade }]) => (
        <linearGradient key={id} id={id} x1="0" x2="1" y1="0" y2="0">
          {stops[fade].map(([offset, opacity]) => (
            <stop key={offset} offset={offset} stopColor={KIND_COLOUR[kind]} stopOpacity={opacity} />
          ))}
        </linearGradient>
      ))}
    </defs>
  );
}

/** A marker drawn as a related event's: every event in it is another corridor's. */
export const isRelatedCluster = (cluster: Cluster) => cluster.events.every((e) => !!e.event.related);

/** A marker drawn as a dashed ring: every event in it is unverified or another corridor's (related). */
export const isHollowCluster = (cluster: Cluster) => cluster.events.every((e) => isUnverified(e.event) || !!e.event.related);

/** The legend entry of the related-events layer, where the chart has one. */
export const RELATED_LEGEND = "Related events (other corridors)";

export interface LaneHover {
  cluster: Cluster;
  x: number;
  y: number;
  pinned: boolean;
}

export interface LaneLayerProps {
  /** Set by recharts' Customized: the plot's real offset and width. */
  offset?: { left: number; top: number; width: number; height: number };
  points: ChartPoint[];
  events: ChartEvent[];
  frequency: Frequency | null;
  colours?: ChartColours;
  /** Interactive chart: hover, focus and open handlers. */
  onHover?: (update: LaneHover | null | ((h: LaneHover | null) => LaneHover | null)) => void;
  onOpen?: (event: ChartEvent) => void;
  /** Static chart: markers show footnote numbers and, when set, link to the event pages here. */
  footnotes?: Map<string, number>;
  linkBase?: string;
  /**
   * The hovered or focused event(s): the data period holding each is highlighted. Drawn here, not
   * as a recharts child, so hovering never changes recharts' children (that would remount the lane
   * markers and drop keyboard focus).
   */
  highlight?: readonly string[];
}

/** The event lanes under the plot, drawn inside recharts' SVG with the plot's real offset and width. */
export function LaneLayer({ offset, points, events, frequency, colours, onHover, onOpen, footnotes, linkBase, highlight = [] }: LaneLayerProps) {
  if (!offset) return null;
  // The same model at the plot's real width: cluster distances are in real pixels.
  const laneModel = buildChartModel({ points, events, frequency, width: offset.width, height: 400, margin: { top: 0, right: 0, bottom: 0, left: 0 } });
  const top = offset.top + offset.height + AXIS;
  const keepPinned = (h: LaneHover | null) => (h?.pinned ? h : null);
  return (
    <g aria-label="Events by kind" className="event-lanes">
      <FadeGradients events={events} />
      {laneModel.events
        .filter((e) => e.period && highlight.includes(e.event.id))
        .map((e) => {
          const x1 = Math.max(0, e.period!.x);
          const x2 = Math.min(offset.width, e.period!.x2);
          return (
            <rect
              key={`period-${e.event.id}`}
              x={offset.left + x1}
              y={offset.top}
              width={Math.max(0, x2 - x1)}
              height={offset.height}
              fill={KIND_COLOUR[e.event.kind]}
              fillOpacity={0.1}
              pointerEvents="none"
              className="event-period"
            />
          );
        })}
      <DirectLabels offset={offset} events={laneModel.events} colours={colours} />
      {laneModel.lanes.map((lane, i) => {
        const y = top + i * LANE + LANE / 2;
        return (
          <g key={lane.kind} data-kind={lane.kind}>
            <text
              x={offset.left - 8}
              y={y + 4}
              textAnchor="end"
              fontSize={11}
              className={colours ? "cr-muted" : "fill-tremor-content dark:fill-dark-tremor-content"}
              {...(colours && { fill: colours.muted })}
            >
              {KIND_LABEL[lane.kind]}
            </text>
            <line
              x1={offset.left}
              x2={offset.left + offset.width}
              y1={y}
              y2={y}
              strokeDasharray="2 3"
              className={colours ? "cr-grid" : "stroke-tremor-border dark:stroke-dark-tremor-border"}
              {...(colours && { stroke: colours.grid })}
            />
            {lane.clusters.map((cluster) => {
              const cx = offset.left + cluster.x;
              const ids = cluster.events.map((e) => e.event.id);
              const single = cluster.events.length === 1 ? cluster.events[0]!.event : null;
              const name = markerName(lane.kind, cluster);
              if (footnotes)
                return <StaticMarker key={ids.join("+")} x={cx} y={y} kind={lane.kind} cluster={cluster} name={name} footnotes={footnotes} linkBase={linkBase} background={colours?.background} />;
              const show = () => onHover?.({ cluster, x: cx, y, pinned: false });
              const activate = () => (single ? onOpen?.(single) : onHover?.({ cluster, x: cx, y, pinned: true }));
              const onKey = (e: KeyboardEvent<SVGGElement>) => {
                if (e.key === "Enter" || e.key === " ") {
                  e.preventDefault();
                  activate();
                }
                if (e.key === "Escape") onHover?.(null);
              };
              return (
                <g
                  key={ids.join("+")}
                  role={single ? "link" : "button"}
                  tabIndex={0}
                  aria-label={name}
                  data-event-ids={ids.join(" ")}
                  className="cursor-pointer outline-none focus-visible:[&>circle]:stroke-[3px]"
                  onMouseEnter={show}
                  onMouseLeave={() => onHover?.(keepPinned)}
                  onFocus={show}
                  onBlur={() => onHover?.(keepPinned)}
                  onClick={activate}
                  onKeyDown={onKey}
                >
                  <EventMarker
                    x={cx}
                    y={y}
                    kind={lane.kind}
                    label={cluster.events.length > 1 ? String(cluster.events.length) : KIND_GLYPH[lane.kind]}
                    large={cluster.events.length > 1}
                    hollow={isHollowCluster(cluster)}
                    background={colours?.background}
                  />
                </g>
              );
            })}
          </g>
        );
      })}
    </g>
  );
}

/** Static marker: footnote numbers ("3" or "3–5"), a native tooltip, and a link when a base URL is given. */
function StaticMarker({
  x,
  y,
  kind,
  cluster,
  name,
  footnotes,
  linkBase,
  background,
}: {
  x: number;
  y: number;
  kind: Kind;
  cluster: Cluster;
  name: string;
  footnotes: Map<string, number>;
  linkBase?: string;
  background?: string;
}) {
  const numbers = cluster.events.map((e) => footnotes.get(e.event.id) ?? 0).sort((a, b) => a - b);
  const label = numbers.length === 1 ? String(numbers[0]) : `${numbers[0]}–${numbers.at(-1)}`;
  const hollow = isHollowCluster(cluster);
  const unverified = cluster.events.every((e) => isUnverified(e.event));
  const mark = (
    <g className={`event-marker${unverified ? " event-unverified" : ""}${isRelatedCluster(cluster) ? " related-marker" : ""}`} data-event-ids={cluster.events.map((e) => e.event.id).join(" ")}>
      <title>{name}</title>
      <EventMarker x={x} y={y} kind={kind} label={label} large={numbers.length > 1} hollow={hollow} background={background} />
    </g>
  );
  if (!linkBase || cluster.events.length !== 1) return mark;
  return (
    <a href={`${linkBase}/events/${cluster.events[0]!.event.id}`} target="_top" aria-label={name}>
      {mark}
    </a>
  );
}

/**
 * Key events named on the plot itself, at the top, beside their mark; rows keep labels apart
 * (placeLabels). Decorative for assistive technology: the lane markers carry the same names.
 */
function DirectLabels({ offset, events, colours }: { offset: { left: number; top: number; width: number }; events: PlacedEvent[]; colours?: ChartColours }) {
  const byId = new Map(events.map((e) => [e.event.id, e]));
  const boxes = events.filter((e) => isKeyEvent(e.event)).map((e) => ({ id: e.event.id, x: e.x, width: labelText(e.event).length * LABEL_FONT * 0.56 + 8, priority: e.event.key ? 1 : 0 }));
  const placed = placeLabels(boxes, { left: 0, right: offset.width, maxRows: MAX_LABEL_ROWS });
  return (
    <g className="direct-labels" aria-hidden="true">
      {placed.map((p) => {
        const e = byId.get(p.id)!;
        const y = offset.top + 2 + p.row * LABEL_ROW;
        return (
          <g key={p.id} data-label-for={p.id}>
            <rect
              x={offset.left + p.left}
              y={y}
              width={p.width}
              height={LABEL_ROW - 2}
              rx={2}
              className={colours ? "cr-bg" : "fill-tremor-background dark:fill-dark-tremor-background"}
              {...(colours && { fill: colours.background })}
              fillOpacity={0.85}
            />
            <text
              x={offset.left + p.left + 4}
              y={y + LABEL_ROW - 5}
              fontSize={LABEL_FONT}
              className={colours ? "cr-text" : "fill-tremor-content-strong dark:fill-dark-tremor-content-strong"}
              {...(colours && { fill: colours.text })}
            >
              {labelText(e.event)}
            </text>
          </g>
        );
      })}
    </g>
  );
}
