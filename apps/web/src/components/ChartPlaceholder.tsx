/**
 * The main chart as the server sends it: the same geometry as the interactive recharts chart
 * (plot margins, domains, ticks, lanes) drawn without any client JavaScript, and fluid in width —
 * x positions are percentages of the plot, lines sit in a stretched SVG with non-scaling strokes,
 * dots, labels and markers are HTML at those percentages. Markers are real links to the event
 * pages. ChartOnDemand swaps in the interactive chart when the reader reaches for it.
 */
import type { Frequency } from "@corridor/data/periods";
import { buildChartModel, MIN_TARGET_SPACING, isKeyEvent, isUnverified, markStyle, MAX_LABEL_ROWS, placeLabels, yearTicks, type ChartEvent, type ChartPoint } from "@/lib/chart-model";
import { KIND_COLOUR, KIND_GLYPH, SERIES_COLOUR } from "@/lib/palette";
import { formatValue } from "@corridor/data/pure";
import { AXIS, FadeGradients, LANE, eventLabel, fadeId, isHollowCluster, isRelatedCluster, markState, markerName } from "./chart-layers";
import type { MarkWords } from "@/lib/chart-words";
import { EN_CHART_WORDS } from "@/lib/chart-words-en";

// The interactive chart's layout (EventChart: margin and YAxis width), so the swap does not move anything.
const TOP = 8;
const LEFT = 80;
const RIGHT = 16;
const PLOT = 1000; // model units across the plot; percentages below
/**
 * The narrowest plot each breakpoint draws (the page's and card's padding, LEFT and RIGHT taken off):
 * a 320-px phone, a 640-px tablet, a 1024-px desktop. Year ticks and lane markers are spaced for it,
 * shown only there: the server cannot measure.
 */
const WIDTH_CLASSES = [
  { width: 160, className: "sm:hidden" },
  { width: 480, className: "hidden sm:block lg:hidden" },
  { width: 860, className: "hidden lg:block" },
];

export function ChartPlaceholder({
  points,
  events,
  frequency,
  height = 320,
  hiddenKinds = [],
  interactive = true,
  unit = "",
  words = EN_CHART_WORDS,
}: {
  points: ChartPoint[];
  events: ChartEvent[];
  frequency: Frequency | null;
  height?: number;
  hiddenKinds?: string[];
  /** false for previews (the event editor): markers only say what they are, and no click leaves the unsaved form. */
  interactive?: boolean;
  /** The indicator's unit, for the value axis' ticks. */
  unit?: string;
  /** The page's language's chart words (server/chart-words.ts); English when absent. */
  words?: MarkWords;
}) {
  const visible = events.filter((e) => !hiddenKinds.includes(e.kind));
  const lanes = buildChartModel({ points, events: visible, frequency, width: PLOT, height: 400 }).lanes.length;
  const total = height + lanes * LANE;
  const plotHeight = height - TOP - 4 - AXIS;
  const m = buildChartModel({
    points,
    events: visible,
    frequency,
    width: PLOT,
    height: TOP + plotHeight + AXIS + lanes * LANE,
    laneHeight: LANE,
    margin: { top: TOP, right: 0, bottom: AXIS, left: 0 },
  });
  const markerLanes = (width: number) =>
    buildChartModel({ points, events: visible, frequency, width: PLOT, height: 400, minMarkerGap: (MIN_TARGET_SPACING * PLOT) / width }).lanes.map((l, i) => ({ ...l, y: m.lanes[i]!.y }));
  const pct = (x: number) => `${((x / PLOT) * 100).toFixed(3)}%`;
  const bottom = m.plot.top + m.plot.height;
  const path = m.points.map((p, i) => `${i ? "L" : "M"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join("");
  return (
    <div className="relative w-full select-none" style={{ height: total }} data-testid="chart-placeholder">
      {m.yTicks.map((t) => (
        <span key={t.value} className="absolute text-xs text-tremor-content dark:text-dark-tremor-content" style={{ right: `calc(100% - ${LEFT - 8}px)`, top: t.y - 8 }}>
          {formatValue(t.value, unit, "axis", { locale: words.locale })}
        </span>
      ))}
      {m.lanes.map((l) => (
        <span key={l.kind} className="absolute text-[11px] text-tremor-content dark:text-dark-tremor-content" style={{ right: `calc(100% - ${LEFT - 8}px)`, top: l.y - 8 }}>
          {words.kinds[l.kind]}
        </span>
      ))}
      <div className="absolute inset-y-0" style={{ left: LEFT, right: RIGHT }}>
        <svg className="absolute inset-0 h-full w-full overflow-visible" viewBox={`0 0 ${PLOT} ${total}`} preserveAspectRatio="none" aria-hidden>
          {m.yTicks.map((t) => (
            <line key={t.value} x1={0} x2={PLOT} y1={t.y} y2={t.y} vectorEffect="non-scaling-stroke" className="stroke-tremor-border dark:stroke-dark-tremor-border" />
          ))}
          <FadeGradients events={visible} />
          {/* One mark per event at its true date: a band for a span, a dashed line for a day; caveats and related events (another corridor's) drawn as markStyle says. */}
          {m.events.map((e) => {
            const colour = KIND_COLOUR[e.event.kind];
            const style = markStyle(e.event);
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
                  vectorEffect="non-scaling-stroke"
                  className={`event-mark${markState(e.event)}`}
                />
              );
            return (
              <g key={e.event.id} className={`event-mark${markState(e.event)}`}>
                <rect
                  x={e.x}
                  y={m.plot.top}
                  width={Math.max(0.1, e.x2 - e.x)}
                  height={m.plot.height}
                  fill={style.fade ? `url(#${fadeId(e.event.kind, style.fade)})` : colour}
                  fillOpacity={style.fillOpacity}
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
                    vectorEffect="non-scaling-stroke"
                  />
                ))}
              </g>
            );
          })}
          <line x1={0} x2={PLOT} y1={bottom} y2={bottom} vectorEffect="non-scaling-stroke" className="stroke-tremor-content-subtle" />
          <line x1={0} x2={0} y1={m.plot.top} y2={bottom} vectorEffect="non-scaling-stroke" className="stroke-tremor-content-subtle" />
          {m.lanes.map((l) => (
            <line key={l.kind} x1={0} x2={PLOT} y1={l.y} y2={l.y} strokeDasharray="2 3" vectorEffect="non-scaling-stroke" className="stroke-tremor-border dark:stroke-dark-tremor-border" />
          ))}
          <path d={path} fill="none" stroke={SERIES_COLOUR} strokeWidth={2} vectorEffect="non-scaling-stroke" />
        </svg>
        {m.points.map((p) => (
          <span key={p.period} className="chart-dot" style={{ left: pct(p.x), top: p.y, borderColor: SERIES_COLOUR }} />
        ))}
        {/* Direct labels placed for the narrowest plot of each width class (label widths in model units), like the ticks and markers. */}
        {WIDTH_CLASSES.map(({ width, className }) => (
          <div key={width} className={className} aria-hidden data-label-set={width}>
            {placeLabels(
              m.events
                .filter((e) => isKeyEvent(e.event))
                .map((e) => ({ id: e.event.id, x: e.x, width: ((eventLabel(e.event, words).length * 11 * 0.56 + 8) * PLOT) / width, priority: e.event.key ? 1 : 0 })),
              { left: 0, right: PLOT, maxRows: MAX_LABEL_ROWS },
            ).map((l) => (
              <span
                key={l.id}
                data-label-for={l.id}
                className="chart-label"
                // A label pushed left of its event ends at the event: anchored by its right edge, as the
                // reserved width (for the class's narrowest plot) is wider than the text on a wider one.
                style={l.left < l.x ? { right: `${(100 - ((l.left + l.width) / PLOT) * 100).toFixed(3)}%`, top: m.plot.top + 2 + l.row * 15 } : { left: pct(l.left), top: m.plot.top + 2 + l.row * 15 }}
              >
                {eventLabel(m.events.find((e) => e.event.id === l.id)!.event, words)}
              </span>
            ))}
          </div>
        ))}
        {/* Year ticks for the width the plot is drawn at — the server cannot measure, so one set per
            breakpoint: the desktop's every-other-year ran "2002200420062008…" together on a phone. */}
        {WIDTH_CLASSES.map(({ width, className }) =>
          yearTicks(m.xDomain, width).map((t) => (
            <span
              key={`${width}-${t.label}`}
              data-tick-set={width}
              className={`absolute -translate-x-1/2 text-xs text-tremor-content dark:text-dark-tremor-content ${className}`}
              style={{ left: `${(((t.t - m.xDomain[0]) / (m.xDomain[1] - m.xDomain[0])) * 100).toFixed(3)}%`, top: bottom + 6 }}
            >
              {t.label}
            </span>
          )),
        )}
        {/* Markers a finger (and WCAG's 24-px target spacing) can tell apart at each width: closer ones join a count badge. */}
        {WIDTH_CLASSES.map(({ width, className: widthClass }) => (
          <div key={width} className={`pointer-events-none absolute inset-0 ${widthClass}`} data-marker-set={width}>
            {markerLanes(width).flatMap((l) =>
              l.clusters.map((c) => {
                const single = c.events.length === 1 ? c.events[0]!.event : null;
                const name = markerName(l.kind, c, words);
                // Unverified or related (another corridor's): hollow, a dashed ring in the kind's colour (as EventMarker draws it).
                const hollow = isHollowCluster(c);
                const style = hollow ? { left: pct(c.x), top: l.y, borderColor: KIND_COLOUR[l.kind], color: KIND_COLOUR[l.kind] } : { left: pct(c.x), top: l.y, backgroundColor: KIND_COLOUR[l.kind] };
                const size = single ? "h-[15px] min-w-[15px]" : "h-[19px] min-w-[19px]";
                const caveat = `${c.events.every((e) => isUnverified(e.event)) ? " event-unverified" : ""}${isRelatedCluster(c) ? " related-marker" : ""}`;
                const look = hollow ? `chart-marker-hollow${caveat}` : "chart-marker-solid";
                const className = `chart-marker ${size} ${look}`;
                const ids = c.events.map((e) => e.event.id).join(" ");
                const key = `${width}-${ids}`;
                const label = single ? KIND_GLYPH[l.kind] : String(c.events.length);
                if (!interactive)
                  return (
                    <span key={key} role="img" aria-label={name} title={name} data-event-ids={ids} className={className} style={style}>
                      {label}
                    </span>
                  );
                // A single event is a link before any script runs; a cluster opens once the chart is interactive.
                return single ? (
                  <a key={key} href={`${words.locale === "en" ? "" : `/${words.locale}`}/events/${single.id}`} aria-label={name} title={name} data-event-ids={ids} className={className} style={style}>
                    {label}
                  </a>
                ) : (
                  <span key={key} role="button" tabIndex={0} aria-label={name} title={name} data-event-ids={ids} className={className} style={style}>
                    {label}
                  </span>
                );
              }),
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
