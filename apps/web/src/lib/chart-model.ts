/**
 * The event-annotated time-series chart as pure geometry: a real time axis (uneven periods and gaps
 * keep their width), each event drawn once at its true date (a span from its true start to its true
 * end), the data period that contains it kept aside as a hover highlight, one lane per event kind
 * under the plot, and close markers of a kind clustered into a count badge. No DOM, no measurement: give
 * it a width and height and the same model draws the page and a server-side SVG.
 */
import { periodContaining, type Frequency } from "@corridor/data/periods";
import { countryName, type Bound, type EventKind } from "@corridor/data/pure";
import { eventText, type EventTexts, type Locale } from "./event-text";

// Display order (legend, filters); `satisfies` keeps it to the data package's kinds.
export const KIND_ORDER = ["talks", "agreement", "decree", "law", "restriction", "enforcement", "economic", "other"] as const satisfies readonly EventKind[];
export type Kind = EventKind;

export interface ChartPoint {
  period: string;
  start: string;
  end: string;
  value: number;
  flag?: string;
  /** "> 3 million": the publication gives only a bound. */
  bound?: Bound;
}

export interface ChartEvent {
  id: string;
  title: string;
  kind: Kind;
  startsOn: string;
  endsOn: string | null;
  datePrecision?: "day" | "month" | "year";
  documentRef?: string | null;
  /** Labelled on the plot (analyst's choice; absent: by kind, see KEY_KINDS). */
  key?: boolean | null;
  /** Short text for the direct label (absent: the title, shortened). */
  label?: string | null;
  /**
   * Another corridor's event on the opt-in "related events" layer: what it concerns, in words
   * ("concerns Kyrgyzstan and Russian Federation"); drawn muted and outlined, never labelled.
   */
  related?: string | null;
  /** An unverified event is drawn dashed and hollow and says so (absent: verified, e.g. an editor draft). */
  verification?: string;
  verificationNote?: string | null;
  /** Dates that may be wrong: that end of the mark is drawn dotted and faded. */
  uncertainDates?: readonly string[];
}

/** What the chart needs of a stored event (the data package's EventSummary): a ChartEvent's fields as stored. */
export interface StoredEvent extends Omit<ChartEvent, "related" | "uncertainDates"> {
  /** Each language's title and label (absent in snapshots published before events had two). */
  texts?: EventTexts;
  countries?: readonly { code: string; role: string }[];
  related?: true;
  /** Absent in a snapshot published before date certainty existed: both dates read as sure. */
  uncertainDates?: readonly string[] | null;
}

/** "concerns Kyrgyzstan and Russian Federation": the parties of a related event (else every country it names). */
export function relatedNote(countries: readonly { code: string; role: string }[]): string {
  const named = countries.filter((c) => c.code !== "ALL");
  const parties = named.filter((c) => c.role === "party");
  const names = [...new Set((parties.length ? parties : named).map((c) => countryName(c.code)))];
  if (names.length === 0) return "concerns another corridor";
  return `concerns ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`}`;
}

/** A stored event as the chart draws it: one mapping for the dashboard, the images, the downloads and the impact panels. */
export function toChartEvent(e: StoredEvent, locale: Locale = "en"): ChartEvent {
  // Title and label in the reader's language, else the other's (eventText: one picker everywhere).
  const text = eventText(e, locale);
  return {
    id: e.id,
    title: text.title,
    kind: e.kind,
    startsOn: e.startsOn,
    endsOn: e.endsOn,
    datePrecision: e.datePrecision,
    documentRef: e.documentRef,
    key: e.key,
    label: text.label,
    verification: e.verification,
    verificationNote: e.verificationNote,
    uncertainDates: e.uncertainDates ?? [],
    ...(e.related && { related: relatedNote(e.countries ?? []) }),
  };
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
  /** Time (ms) of the true start (midnight UTC); `t2` the true end (the day after the last day) for spans. */
  t: number;
  t2: number | null;
  x: number;
  /** Spans: where the band ends. */
  x2: number | null;
  /**
   * The data period holding the event, shown only while the event is hovered or focused: a value
   * at one date stands for its whole period, and the highlight says so without a permanent band.
   */
  period: { t: number; t2: number; x: number; x2: number; note: string } | null;
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
  /** Rows of direct labels the plot keeps free above the data (0 without key events). */
  labelRows: number;
  xTicks: Tick[];
  yTicks: { y: number; value: number }[];
  points: PlacedPoint[];
  /** Every visible event, once, at its true date. */
  events: PlacedEvent[];
  spans: PlacedEvent[];
  lanes: Lane[];
}

const DAY = 86_400_000;
const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
/** A period's place on the time axis: its middle, so a year's point sits mid-year. */
const middle = (start: string, end: string) => (ms(start) + ms(end) + DAY) / 2;

const PERIOD_WORD: Record<string, string> = { A: "year", H: "half-year", Q: "quarter", M: "month" };

/** The tooltip line for a period highlight: "the 2021 value covers the whole year". */
export function periodNote(period: string, frequency: Frequency): string {
  return `the ${period} value covers the whole ${PERIOD_WORD[frequency] ?? "period"}`;
}

/** Least width of the time axis around a lone point or a few close dates, so nothing pins to an edge. */
export const MIN_DOMAIN = 365 * DAY;

/** Widen a time domain symmetrically to at least `min` (a lone point sits in the middle). */
export function padDomain([lo, hi]: [number, number], min = MIN_DOMAIN): [number, number] {
  if (hi - lo >= min) return [lo, hi];
  const mid = (lo + hi) / 2;
  return [mid - min / 2, mid + min / 2];
}

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

/** Direct labels: font size (px), row height (px), and how many rows a plot stacks at most. */
export const LABEL_FONT = 11;
export const LABEL_ROW = 15;
export const MAX_LABEL_ROWS = 3;
/**
 * The least plot height any host draws (small embeds, the dashboard on a phone): headroom is a
 * share of the plot's height, sized so `rows` label rows clear the data even there.
 */
export const HEADROOM_BASIS = 200;

/** The share of the plot's height above the highest value kept free for `rows` rows of labels. */
export function labelHeadroom(rows: number): number {
  return rows > 0 ? Math.min(0.5, (rows * LABEL_ROW + 6) / HEADROOM_BASIS) : 0;
}

/**
 * Raises a y-domain's top until the highest value sits at least `fraction` of the plot below it
 * (rounded up to a nice step; on a log scale, to a power of ten). Unchanged when it already does.
 */
export function withHeadroom(domain: [number, number], values: readonly number[], fraction: number, log = false): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (fraction <= 0 || finite.length === 0) return domain;
  const [lo, hi] = domain;
  const max = Math.max(...finite);
  if (log) {
    const [l, h, m] = [Math.log10(lo), Math.log10(hi), Math.log10(max)];
    if (h - m >= fraction * (h - l)) return domain;
    return [lo, 10 ** Math.ceil((m - fraction * l) / (1 - fraction))];
  }
  if (hi - max >= fraction * (hi - lo)) return domain;
  const top = (max - fraction * lo) / (1 - fraction);
  const step = niceStep((top - lo) / 5);
  return [lo, Math.ceil(top / step) * step];
}

/** A round step (1, 2, 2.5 or 5 × 10ⁿ) at least `raw`. */
export function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 2.5 ? 2.5 : unit <= 5 ? 5 : 10) * power;
}

/**
 * Year ticks at the smallest round step whose labels stand at least `minPx` apart at this width
 * (a four-digit year is ~30 px at 12 px Inter, so 56 leaves a clear gap): the tick count follows the
 * width, and a phone gets 2005, 2010, … where a desktop gets every other year.
 */
export function yearTicks(domain: [number, number], width: number, minPx = 56): { t: number; label: string }[] {
  const first = new Date(domain[0]).getUTCFullYear();
  const last = new Date(domain[1]).getUTCFullYear();
  const pxPerYear = width / Math.max(1, (domain[1] - domain[0]) / (365.25 * 86_400_000));
  const step = [1, 2, 5, 10, 20, 25, 50, 100].find((s) => s * pxPerYear >= minPx) ?? 100;
  const ticks: { t: number; label: string }[] = [];
  for (let y = Math.ceil(first / step) * step; y <= last + 1; y += step) {
    const t = Date.UTC(y, 0, 1);
    if (t >= domain[0] && t <= domain[1]) ticks.push({ t, label: String(y) });
  }
  return ticks;
}

/** WCAG 2.2 target size: markers smaller than 24 px need 24 px between centres, or they join a count badge. */
export const MIN_TARGET_SPACING = 24;

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

  // Each event is drawn once, at its true dates; the period that holds it is only a hover highlight.
  const periodic = input.frequency && input.frequency !== "D" ? input.frequency : null;
  const timed = visible.map((event) => {
    const t = ms(event.startsOn);
    const t2 = event.endsOn && event.endsOn !== event.startsOn ? ms(event.endsOn) + DAY : null;
    const holder = periodic ? periodContaining(event.startsOn, periodic) : null;
    return { event, t, t2, holder };
  });

  // Time domain: every point's period and every visible event's true dates, edge to edge, widened
  // around a lone point (or one day of snapshots) so the data sits inside the plot, not on its edge.
  const times: number[] = [];
  for (const p of input.points) times.push(ms(p.start), ms(p.end) + DAY);
  for (const { t, t2 } of timed) times.push(t, t2 ?? t + DAY);
  const xDomain: [number, number] = times.length ? padDomain([Math.min(...times), Math.max(...times)]) : [0, 1];
  const x = (t: number) => plot.left + ((t - xDomain[0]) / (xDomain[1] - xDomain[0] || 1)) * plot.width;

  // Direct labels sit in rows at the top of the plot: the data keeps below them, so a high line
  // never runs under a label (the rows a host may need: one per key event, at most MAX_LABEL_ROWS).
  const labelRows = Math.min(MAX_LABEL_ROWS, visible.filter(isKeyEvent).length);
  const values = input.points.map((p) => p.value);
  const yDomain = withHeadroom(niceDomain(values, input.log), values, labelHeadroom(labelRows), input.log);
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

  const placed = timed.map(({ event, t, t2, holder }): PlacedEvent => {
    // As precise as known: a law known only by its month reads "2024-06", not a made-up first day.
    const written = (iso: string) => (event.datePrecision === "month" ? iso.slice(0, 7) : event.datePrecision === "year" ? iso.slice(0, 4) : iso);
    const exactDate = event.endsOn && written(event.endsOn) !== written(event.startsOn) ? `${written(event.startsOn)} – ${written(event.endsOn)}` : written(event.startsOn);
    const period = holder && periodic ? { t: ms(holder.start), t2: ms(holder.end) + DAY, x: x(ms(holder.start)), x2: x(ms(holder.end) + DAY), note: periodNote(holder.period, periodic) } : null;
    const snappedPeriod = holder ? holder.period : input.frequency === "D" ? event.startsOn : null;
    return { event, snappedPeriod, exactDate, t, t2, x: x(t), x2: t2 === null ? null : x(t2), period };
  });

  const minGap = input.minMarkerGap ?? MIN_TARGET_SPACING;
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
    labelRows,
    xTicks: yearTicks(xDomain, plot.width).map((t) => ({ x: x(t.t), label: t.label })),
    yTicks,
    points,
    events: placed,
    spans: placed.filter((p) => p.x2 !== null),
    lanes,
  };
}

/** Kinds labelled on the plot unless an analyst sets `key: false`: the acts a reader asks about first. */
export const KEY_KINDS: readonly Kind[] = ["talks", "agreement", "decree", "law"];

export interface LabelledEvent {
  key?: boolean | null;
  label?: string | null;
  related?: string | null;
}

/** Whether an event carries a direct label: its own `key`, else its kind's default; a related event never (it is context). */
export const isKeyEvent = (e: Pick<ChartEvent, "kind"> & LabelledEvent) => !e.related && (e.key ?? KEY_KINDS.includes(e.kind));

/** The label's text: the analyst's short label, else the title cut to `max` characters; "(unverified)" is never cut. */
export function labelText(e: Pick<ChartEvent, "title" | "verification"> & LabelledEvent, max = 28): string {
  const text = e.label?.trim() || e.title;
  const short = text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
  return isUnverified(e) ? `${short} (unverified)` : short;
}

export const isUnverified = (e: Pick<ChartEvent, "verification">) => e.verification === "unverified";
export const startUncertain = (e: Pick<ChartEvent, "uncertainDates">) => !!e.uncertainDates?.includes("start");
/** Only a span has an end to be unsure of. */
export const endUncertain = (e: Pick<ChartEvent, "uncertainDates" | "endsOn">) => !!e.endsOn && !!e.uncertainDates?.includes("end");

/**
 * What a reader must be told beside an event wherever it is shown (tooltip, marker name, image
 * footnote): "unverified — <note>", "start date uncertain", "end date uncertain". One wording.
 */
export function eventCaveats(e: Pick<ChartEvent, "verification" | "verificationNote" | "uncertainDates" | "endsOn">): string[] {
  // The note's own full stop is dropped: the caveats are joined with "; " after it.
  const note = e.verificationNote?.trim().replace(/\.$/, "");
  return [...(isUnverified(e) ? [note ? `unverified — ${note}` : "unverified"] : []), ...dateCaveats(e)];
}

/** "start date uncertain" ("date uncertain" for a day), "end date uncertain". */
export function dateCaveats(e: Pick<ChartEvent, "uncertainDates" | "endsOn">): string[] {
  const out: string[] = [];
  if (startUncertain(e)) out.push(e.endsOn ? "start date uncertain" : "date uncertain");
  if (endUncertain(e)) out.push("end date uncertain");
  return out;
}

export interface EdgeStyle {
  /** SVG stroke-dasharray ("" solid). */
  dash: string;
  opacity: number;
}

/**
 * How an event's mark is drawn, by every host (recharts layers, the server placeholder, the static
 * panels): a sure, verified day is a dashed line, a span a band with solid edges. An unverified event
 * is lighter with dash-dot strokes; an uncertain date's edge is dotted and faint, and the band fades
 * towards it (`fade`: a gradient, see FadeGradients).
 */
export const UNVERIFIED_DASH = "8 3 2 3";
export const UNCERTAIN_DASH = "1.5 3";

/** A related event (another corridor's, on the opt-in layer) is context: a faint dotted mark, its span unfilled. */
export const RELATED_DASH = "1 3";

export function markStyle(e: ChartEvent): { line: EdgeStyle; start: EdgeStyle; end: EdgeStyle; fillOpacity: number; fade: "start" | "end" | "both" | null } {
  const unverified = isUnverified(e);
  const related = !!e.related;
  const sure: EdgeStyle = unverified ? { dash: UNVERIFIED_DASH, opacity: 0.65 } : related ? { dash: RELATED_DASH, opacity: 0.7 } : { dash: "", opacity: 0.9 };
  const unsure: EdgeStyle = { dash: UNCERTAIN_DASH, opacity: 0.55 };
  const start = startUncertain(e);
  const end = endUncertain(e);
  return {
    line: start ? unsure : unverified || related ? sure : { dash: "4 3", opacity: 1 },
    start: start ? unsure : sure,
    end: end ? unsure : sure,
    fillOpacity: related ? 0 : unverified ? 0.09 : 0.18,
    fade: start && end ? "both" : start ? "start" : end ? "end" : null,
  };
}

/** The legend entries for the caveat marks actually drawn (none when every event is verified and sure). */
export function caveatLegend(events: readonly ChartEvent[]): { label: string; dash: string }[] {
  const out: { label: string; dash: string }[] = [];
  if (events.some(isUnverified)) out.push({ label: "unverified event (hollow marker)", dash: UNVERIFIED_DASH });
  if (events.some((e) => startUncertain(e) || endUncertain(e))) out.push({ label: "uncertain date (faded end)", dash: UNCERTAIN_DASH });
  return out;
}

export interface LabelBox {
  id: string;
  /** The event's x: the label starts here (or ends here, when it would run off the right edge). */
  x: number;
  width: number;
  /** Placed first when rows run out: an analyst's `key: true` before a kind's default. */
  priority?: number;
}

export interface PlacedLabel extends LabelBox {
  /** Left edge of the box after keeping it inside [left, right]. */
  left: number;
  row: number;
}

/**
 * Direct labels without collisions: by priority, then left to right, each label goes into the
 * first row where it overlaps no box (with `gap` between); beyond `maxRows` it is left out (its
 * lane marker still names it). Boxes are kept inside [left, right]. Pure and width-based, so the
 * server SVG and the page agree.
 */
export function placeLabels(boxes: readonly LabelBox[], { left, right, maxRows = 3, gap = 6 }: { left: number; right: number; maxRows?: number; gap?: number }): PlacedLabel[] {
  const rows: { from: number; to: number }[][] = [];
  const placed: PlacedLabel[] = [];
  for (const box of [...boxes].sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0) || a.x - b.x || a.id.localeCompare(b.id))) {
    const width = Math.min(box.width, right - left);
    const start = box.x + width > right ? Math.max(left, box.x - width) : Math.max(left, box.x);
    const free = (row: { from: number; to: number }[]) => row.every((r) => start >= r.to + gap || start + width + gap <= r.from);
    let row = rows.findIndex(free);
    if (row === -1 && rows.length < maxRows) row = rows.push([]) - 1;
    if (row === -1) continue;
    rows[row]!.push({ from: start, to: start + width });
    placed.push({ ...box, width, left: start, row });
  }
  return placed.sort((a, b) => a.x - b.x || a.id.localeCompare(b.id));
}

/**
 * The series' shape in words when a line would mislead: none or one value ("one value, on 16 Apr
 * 2021"). Null for two values or more, where the usual first/last/peak sentence reads right.
 */
export function sparseSeriesSentence(points: readonly Pick<ChartPoint, "period" | "start" | "end">[], formatDay: (iso: string) => string): string | null {
  if (points.length === 0) return "no values";
  if (points.length > 1) return null;
  const p = points[0]!;
  return p.start === p.end ? `one value, on ${formatDay(p.start)}` : `one value, for ${p.period}`;
}

export const FREQUENCY_ADJECTIVE: Record<string, string> = { A: "annual", H: "half-yearly", Q: "quarterly", M: "monthly", D: "daily" };

export interface NotShown {
  frequency: Frequency;
  count: number;
  first: string;
  last: string;
  /** "2 quarterly values not shown (2017-Q3 to 2018-Q3)". */
  sentence: string;
}

/**
 * The series' values at frequencies other than the one drawn, so a view never drops them silently:
 * an annual chart of a series that also has quarters says how many quarters it leaves out.
 */
export function valuesNotShown(ranges: readonly { frequency: Frequency; first: string; last: string; count: number }[], shown: Frequency | null): NotShown[] {
  return ranges
    .filter((r) => r.frequency !== shown && r.count > 0)
    .map((r) => ({
      ...r,
      sentence: `${r.count} ${FREQUENCY_ADJECTIVE[r.frequency] ?? r.frequency} value${r.count === 1 ? "" : "s"} not shown (${r.first === r.last ? r.first : `${r.first} to ${r.last}`})`,
    }));
}

/** Several series' stored frequencies as one (counts added, the widest first–last): a view of many corridors. */
export function mergeRanges(ranges: readonly { frequency: Frequency; first: string; last: string; count: number }[]): { frequency: Frequency; first: string; last: string; count: number }[] {
  const merged = new Map<Frequency, { frequency: Frequency; first: string; last: string; count: number }>();
  for (const r of ranges) {
    const m = merged.get(r.frequency);
    if (!m) merged.set(r.frequency, { ...r });
    else {
      m.count += r.count;
      if (r.first < m.first) m.first = r.first;
      if (r.last > m.last) m.last = r.last;
    }
  }
  return (["A", "H", "Q", "M", "D"] as const).filter((f) => merged.has(f)).map((f) => merged.get(f)!);
}
