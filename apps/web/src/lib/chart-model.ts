/**
 * The event-annotated time-series chart as pure geometry: a real time axis (uneven periods and gaps
 * keep their width), events snapped to the period that contains them, one lane per event kind under
 * the plot, and close markers of a kind clustered into a count badge. No DOM, no measurement: give
 * it a width and height and the same model draws the page and a server-side SVG.
 */
import { periodContaining, type Frequency } from "@corridor/data/periods";
import type { EventKind } from "@corridor/data/pure";

// Display order (legend, filters); `satisfies` keeps it to the data package's kinds.
export const KIND_ORDER = ["talks", "agreement", "decree", "law", "restriction", "enforcement", "economic", "other"] as const satisfies readonly EventKind[];
export type Kind = EventKind;

export interface ChartPoint {
  period: string;
  start: string;
  end: string;
  value: number;
  flag?: string;
}

export interface ChartEvent {
  id: string;
  title: string;
  kind: Kind;
  startsOn: string;
  endsOn: string | null;
  datePrecision?: "day" | "month" | "year";
  documentRef?: string | null;
}

export interface ChartInput {
  points: ChartPoint[];
  events: ChartEvent[];
  frequency: Frequency | null;
  width: number;
  height: number;
  hiddenKinds?: readonly string[];
  log?: boolean;
  /** Markers of one kind closer than this (px) share a badge. */
  minMarkerGap?: number;
  laneHeight?: number;
  margin?: { top: number; right: number; bottom: number; left: number };
}

export interface PlacedPoint extends ChartPoint {
  t: number;
  x: number;
  y: number;
}

export interface PlacedEvent {
  event: ChartEvent;
  /** The series period the event's date falls in (null when the chart has no frequency). */
  snappedPeriod: string | null;
  /** Exact date for tooltips: "2021-04-19 – 2021-04-20". */
  exactDate: string;
  /** Time (ms) of the marker, or of a span's start; `t2` where a span ends. */
  t: number;
  t2: number | null;
  x: number;
  /** Spans: where the band ends. */
  x2: number | null;
  /** Where the event's marker line goes: the middle of the period it snaps to (its start date's). */
  xMarker: number;
}

export interface Cluster {
  x: number;
  events: PlacedEvent[];
}

export interface Lane {
  kind: Kind;
  /** Centre line of the lane. */
  y: number;
  clusters: Cluster[];
}

export interface Tick {
  x: number;
  label: string;
}

export interface ChartModel {
  plot: { left: number; top: number; width: number; height: number };
  xDomain: [number, number];
  yDomain: [number, number];
  xTicks: Tick[];
  yTicks: { y: number; value: number }[];
  points: PlacedPoint[];
  spans: PlacedEvent[];
  lanes: Lane[];
}

const DAY = 86_400_000;
const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
/** A period's place on the time axis: its middle, so a year's point sits mid-year. */
const middle = (start: string, end: string) => (ms(start) + ms(end) + DAY) / 2;

export function snapEvent(date: string, frequency: Frequency | null): { period: string | null; t: number } {
  if (!frequency || frequency === "D") return { period: frequency ? date : null, t: ms(date) + DAY / 2 };
  const p = periodContaining(date, frequency);
  return { period: p.period, t: middle(p.start, p.end) };
}

/** Rounded y-domain: flows and stocks start at zero; log scales need positive values. */
export function niceDomain(values: number[], log = false): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (finite.length === 0) return log ? [1, 10] : [0, 1];
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (log) return [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi))];
  lo = Math.min(0, lo);
  if (hi === lo) hi = lo + 1;
  const step = niceStep((hi - lo) / 5);
  return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 2.5 ? 2.5 : unit <= 5 ? 5 : 10) * power;
}

/** Year ticks at a step that leaves at least `minPx` between labels. */
export function yearTicks(domain: [number, number], width: number, minPx = 56): { t: number; label: string }[] {
  const first = new Date(domain[0]).getUTCFullYear();
  const last = new Date(domain[1]).getUTCFullYear();
  const years = Math.max(1, last - first + 1);
  const fit = Math.max(1, Math.floor(width / minPx));
  const step = [1, 2, 5, 10, 20, 25, 50, 100].find((s) => years / s <= fit) ?? 100;
  const ticks: { t: number; label: string }[] = [];
  for (let y = Math.ceil(first / step) * step; y <= last + 1; y += step) {
    const t = Date.UTC(y, 0, 1);
    if (t >= domain[0] && t <= domain[1]) ticks.push({ t, label: String(y) });
  }
  return ticks;
}

export function buildChartModel(input: ChartInput): ChartModel {
  const margin = input.margin ?? { top: 12, right: 16, bottom: 28, left: 64 };
  const hidden = new Set(input.hiddenKinds ?? []);
  const visible = input.events.filter((e) => !hidden.has(e.kind));
  const kinds = KIND_ORDER.filter((k) => visible.some((e) => e.kind === k));
  const laneHeight = input.laneHeight ?? 22;
  const lanesHeight = kinds.length * laneHeight;
  const plot = {
    left: margin.left,
    top: margin.top,
    width: Math.max(1, input.width - margin.left - margin.right),
    height: Math.max(1, input.height - margin.top - margin.bottom - lanesHeight),
  };

  // Where each event is drawn, in time: a point event on its period's data point; a span's band over
  // the whole periods it touches, so it lines up with the data (exact days on a daily or unknown axis).
  const periodic = input.frequency && input.frequency !== "D" ? input.frequency : null;
  const timed = visible.map((event) => {
    const snap = snapEvent(event.startsOn, input.frequency);
    if (!event.endsOn) return { event, snap, t: snap.t, t2: null };
    const t = periodic ? ms(periodContaining(event.startsOn, periodic).start) : ms(event.startsOn);
    const t2 = periodic ? ms(periodContaining(event.endsOn, periodic).end) + DAY : ms(event.endsOn) + DAY;
    return { event, snap, t, t2 };
  });

  // Time domain: every point's period and every visible event, edge to edge, as dated and as drawn.
  const times: number[] = [];
  for (const p of input.points) times.push(ms(p.start), ms(p.end) + DAY);
  for (const { event: e, snap, t, t2 } of timed) times.push(ms(e.startsOn), ms(e.endsOn ?? e.startsOn) + DAY, snap.t, t, t2 ?? t);
  const xDomain: [number, number] = times.length ? [Math.min(...times), Math.max(...times)] : [0, 1];
  const x = (t: number) => plot.left + ((t - xDomain[0]) / (xDomain[1] - xDomain[0] || 1)) * plot.width;

  const yDomain = niceDomain(
    input.points.map((p) => p.value),
    input.log,
  );
  const y = (v: number) => {
    const [lo, hi] = yDomain;
    const f = input.log ? (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
    return plot.top + plot.height * (1 - f);
  };

  const points = input.points
    .filter((p) => !input.log || p.value > 0)
    .map((p) => {
      const t = middle(p.start, p.end);
      return { ...p, t, x: x(t), y: y(p.value) };
    });

  const placed = timed.map(({ event, snap, t, t2 }): PlacedEvent => {
    const exactDate = event.endsOn && event.endsOn !== event.startsOn ? `${event.startsOn} – ${event.endsOn}` : event.startsOn;
    return { event, snappedPeriod: snap.period, exactDate, t, t2, x: x(t), x2: t2 === null ? null : x(t2), xMarker: x(snap.t) };
  });

  const minGap = input.minMarkerGap ?? 14;
  const lanes: Lane[] = kinds.map((kind, i) => {
    const inLane = placed.filter((p) => p.event.kind === kind).sort((a, b) => a.x - b.x);
    const clusters: Cluster[] = [];
    for (const p of inLane) {
      const last = clusters[clusters.length - 1];
      // Spans sit in their lane at their start, like point events.
      if (last && p.x - last.events[last.events.length - 1]!.x < minGap) {
        last.events.push(p);
        last.x = last.events.reduce((s, e) => s + e.x, 0) / last.events.length;
      } else clusters.push({ x: p.x, events: [p] });
    }
    return { kind, y: plot.top + plot.height + margin.bottom + i * laneHeight + laneHeight / 2, clusters };
  });

  const yTicks: { y: number; value: number }[] = [];
  if (input.log) for (let v = yDomain[0]; v <= yDomain[1]; v *= 10) yTicks.push({ value: v, y: y(v) });
  else {
    const step = niceStep((yDomain[1] - yDomain[0]) / 5);
    for (let v = yDomain[0]; v <= yDomain[1] + step / 2; v += step) yTicks.push({ value: v, y: y(v) });
  }

  return {
    plot,
    xDomain,
    yDomain,
    xTicks: yearTicks(xDomain, plot.width).map((t) => ({ x: x(t.t), label: t.label })),
    yTicks,
    points,
    spans: placed.filter((p) => p.x2 !== null),
    lanes,
  };
}
