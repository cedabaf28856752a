"use client";
/**
 * The event-annotated time-series chart: recharts draws the series on a real time axis and each
 * event once at its true date (a band for a span, a line for a day); hovering or focusing an event
 * highlights the data period that holds it. Under the plot, one lane per event kind with markers
 * (clustered when close) laid out by the pure chart model.
 */
import { useRouter } from "next/navigation";
import { startTransition, useEffect, useMemo, useRef, useState } from "react";
import { ComposedChart, Customized, Tooltip } from "recharts";
import type { Frequency } from "@corridor/data/periods";
import { buildChartModel, type ChartEvent, type ChartPoint, type Kind } from "@/lib/chart-model";
import { caveatTranslator, fill, type MarkWords } from "@/lib/chart-words";
import { eventCaveatWords } from "@/lib/caveat-words";
import { boundMeaning, flagMeaning, formatValue, type Bound } from "@corridor/data/pure";
import { LANE, LaneLayer, plotLayers, type LaneHover } from "./chart-layers";

export interface EventChartProps {
  id: string;
  points: ChartPoint[];
  events: ChartEvent[];
  frequency: Frequency | null;
  unit: string;
  label: string;
  hiddenKinds?: string[];
  height?: number;
  /** Focus this event's marker once drawn (keyboard focus carried over from the placeholder). */
  focusEvent?: string;
  /** The page's language's chart words (server/chart-words.ts). */
  words: MarkWords;
}

export function EventChart({ id, points, events, frequency, unit, label, hiddenKinds = [], height = 320, focusEvent, words }: EventChartProps) {
  const locale = words.locale;
  const router = useRouter();
  const [hover, setHover] = useState<LaneHover | null>(null);
  const visible = useMemo(() => events.filter((e) => !hiddenKinds.includes(e.kind)), [events, hiddenKinds]);
  // Domains come from the model; its year ticks from the width drawn (a 1000-px tick step ran
  // "2002200420062008…" together on a phone). The box is measured below; 1000 until then.
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const model = useMemo(() => buildChartModel({ points, events: visible, frequency, width: width || 1000, height: 400 }), [points, visible, frequency, width]);
  const data = model.points.map((p) => ({ t: p.t, value: p.value, period: p.period, flag: p.flag, bound: p.bound }));
  const lanesHeight = model.lanes.length * LANE;

  const open = (event: ChartEvent) => router.push(`/events/${event.id}`);

  // Our own width measurement instead of recharts' ResponsiveContainer: the chart's (large) render
  // then runs as a transition, which React splits into short slices, so hydrating the dashboard
  // never blocks the main thread for long. The server sends the box at its final height.
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      const next = Math.floor(element.clientWidth);
      startTransition(() => setWidth(next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    if (width > 0 && focusEvent) box.current?.querySelector<SVGGElement>(`[data-event-ids~="${CSS.escape(focusEvent)}"]`)?.focus();
  }, [width, focusEvent]);

  return (
    <div className="relative" data-interactive={width > 0 || undefined} onMouseLeave={() => setHover((h) => (h?.pinned ? h : null))}>
      <div ref={box} style={{ height: height + lanesHeight }} className="w-full">
        {width > 0 && (
          <ComposedChart id={id} width={width} height={height + lanesHeight} data={data} margin={{ top: 8, right: 16, bottom: lanesHeight + 4, left: 8 }} accessibilityLayer={false}>
            {plotLayers({ model, events: visible, frequency, label, unit, locale })}
            <Tooltip
              isAnimationActive={false}
              formatter={(v: number, _name, item) => [formatValue(v, unit, "tooltip", { bound: (item.payload as { bound?: Bound }).bound, locale }), label]}
              labelFormatter={(_t, payload) => {
                const p = payload?.[0]?.payload as { period?: string; flag?: string; bound?: Bound } | undefined;
                const notes = [p?.bound && boundMeaning(p.bound, locale), p?.flag && `${p.flag}: ${flagMeaning(p.flag, locale)}`].filter(Boolean);
                return p ? `${p.period}${notes.length ? ` (${notes.join("; ")})` : ""}` : "";
              }}
            />
            {/* An element, not a component defined in render: a stable type keeps keyboard focus across re-renders. */}
            <Customized
              component={<LaneLayer points={points} events={visible} frequency={frequency} words={words} onHover={setHover} onOpen={open} highlight={hover?.cluster.events.map((e) => e.event.id)} />}
            />
          </ComposedChart>
        )}
      </div>
      {hover && (
        <div
          role="tooltip"
          data-testid="event-tooltip"
          className="absolute z-10 max-w-xs rounded-tremor-default border border-tremor-border bg-tremor-background p-3 text-tremor-default shadow-tremor-dropdown dark:border-dark-tremor-border dark:bg-dark-tremor-background"
          style={{ left: Math.max(0, hover.x - 120), top: hover.y + 14 }}
        >
          {hover.cluster.events.map(({ event, period, exactDate }) => (
            <div key={event.id} className="mb-2 last:mb-0">
              <a href={`/events/${event.id}`} className="font-semibold text-tremor-content-strong underline-offset-2 hover:underline dark:text-dark-tremor-content-strong">
                {event.title}
              </a>
              <div className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                {words.kinds[event.kind as Kind]} · {exactDate}
              </div>
              {event.related && (
                <div className="text-tremor-label font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong" data-testid="related-note">
                  {fill(words.relatedNote, { corridor: event.related })}
                </div>
              )}
              {eventCaveatWords(event, caveatTranslator(words)).map((c) => (
                <div key={c} data-testid="event-caveat" className="text-tremor-label font-medium text-amber-800 dark:text-amber-300">
                  {c[0]!.toUpperCase() + c.slice(1)}
                </div>
              ))}
              {period && <div className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">{fill(words.shaded, { note: period.note })}</div>}
              {event.documentRef && <div className="text-tremor-label text-tremor-content-subtle dark:text-dark-tremor-content-subtle">{event.documentRef}</div>}
            </div>
          ))}
          {hover.pinned && (
            <button type="button" className="mt-1 text-tremor-label underline" onClick={() => setHover(null)}>
              {words.close}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
