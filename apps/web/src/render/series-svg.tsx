/**
 * The event-annotated chart as one standalone SVG document for reports: title, subtitle, a legend
 * drawn in SVG (recharts' Legend is HTML), the chart from the same recharts layers as the page,
 * numbered event markers with footnotes, and the source line. Plain Node rendering
 * (renderToStaticMarkup): callable from tests and pages-router API routes, not from an App Router
 * route handler (the react-server build has no class components, which recharts needs).
 */
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ComposedChart, Customized } from "recharts";
import type { ChartData } from "@corridor/data";
import { boundMeaning, countryName, describeSource, flagMeaning, FREQUENCY_NAME, formatValue, indicatorName, mergeSources, seriesTitle, sourceLine } from "@corridor/data/pure";
import { caveatTranslator, fill, type ChartWords } from "@/lib/chart-words";
import { caveatLegendWords, eventCaveatWords } from "@/lib/caveat-words";
import { chartWords } from "@/server/chart-words";
import { buildChartModel, KIND_ORDER, toChartEvent, type ChartEvent } from "@/lib/chart-model";
import { KIND_COLOUR } from "@/lib/palette";
import { dateRange } from "@/lib/format";
import { textWidth, wrapText } from "./text-measure";
import { AXIS, DARK, LANE, LIGHT, LaneLayer, footnoteNumbers, plotLayers, type ChartColours } from "@/components/chart-layers";

export type Theme = "light" | "dark" | "auto";

export interface SeriesSvgOptions {
  width: number;
  /** Absent: tall enough for the plot and every event note. */
  height?: number;
  /** "auto" draws light colours and leaves `cr-*` classes for an embed's dark-mode stylesheet. */
  theme: Theme;
  hiddenKinds?: readonly string[];
  /** Footnotes under the chart, one per event (off for tiny embeds). */
  notes?: boolean;
  /** Absolute origin for event links (embeds); no links when absent. */
  linkBase?: string;
  /** The line under the source: data version or pinned snapshot. */
  provenance?: string;
  /** The language of every word and number drawn (`lang=ru`); English when absent. */
  lang?: "en" | "ru";
}

const FONT = "Inter, 'Liberation Sans', Arial, Helvetica, sans-serif";
const PAD = 16;
// The title and names are the data package's, shared with the dashboard and the explorer.
export { countryName, FREQUENCY_NAME };

export function chartTitle(data: ChartData, lang: "en" | "ru" = "en"): { title: string; subtitle: string } {
  return seriesTitle(data.series, lang);
}

export function chartEvents(data: ChartData, hidden: readonly string[] = [], lang: "en" | "ru" = "en"): ChartEvent[] {
  return data.events.filter((e) => !hidden.includes(e.kind)).map((e) => toChartEvent(e, lang));
}

export function sourcesOf(data: ChartData): string[] {
  return [...new Set(data.series.points.map((p) => p.source).filter((s): s is string => !!s))];
}

export interface FrameInput {
  width: number;
  height?: number;
  colours: ChartColours;
  title: string;
  subtitle: string;
  /** Text alternative: every value drawn, in words. */
  description: string;
  /**
   * `hollow`: an outlined, dashed ring (the related-events layer). `dash`: a stroked sample — a dashed
   * series line (line: true, the counterfactual) or a caveat mark (unverified, uncertain date).
   */
  legend: { label: string; colour: string; line: boolean; hollow?: boolean; dash?: string }[];
  /** Numbered event notes (already written), or corridor notes: each wraps onto the lines it needs, never cut. */
  notes: string[];
  sources: string[];
  /** Whether events are drawn (the source line then names the event register). */
  events: boolean;
  /** The frame's own words (source line); English when absent. */
  words?: ChartWords;
  provenance?: string;
  /** Least plot height, and the height the plot would like at this width. */
  chartMinimum: number;
  chartPreferred: number;
  /** recharts' SVG for the plot at the height the frame can give it. */
  chart: (height: number) => ReactElement;
}

/** Type sizes of the frame's text, and the line heights they are set on. */
const TITLE = { size: 17, line: 22 };
const NOTE = { size: 11.5, line: 16 };
const SOURCE = { size: 11, line: 15 };
const PROVENANCE = { size: 10.5, line: 15 };

/** One line of text in the frame, where it is drawn. */
export interface FrameLine {
  text: string;
  y: number;
  size: number;
  weight: number;
  cls: string;
  colour: string;
}

/**
 * A chart as a standalone document: title, subtitle, legend in SVG, the plot, notes, sources and
 * the footer (the data's date and the view's address). Text is wrapped by the glyph widths of the
 * embedded Inter (text-measure.ts), never cut: when a fixed height cannot hold every note, whole
 * notes are left out and a line says how many and where to find them.
 */
export function frameSvg(input: FrameInput): string {
  const { width, colours } = input;
  const inner = width - 2 * PAD;
  let y = PAD + 15;
  const header: FrameLine[] = [];
  for (const line of wrapText(input.title, inner, TITLE.size, "semibold")) {
    header.push({ text: line, y, size: TITLE.size, weight: 600, cls: "cr-text", colour: colours.text });
    y += TITLE.line;
  }
  for (const line of wrapText(input.subtitle, inner, 12.5)) {
    header.push({ text: line, y: y - 2, size: 12.5, weight: 400, cls: "cr-muted", colour: colours.muted });
    y += 16;
  }
  const legend: { x: number; y: number; label: string; colour: string; line: boolean; hollow?: boolean; dash?: string }[] = [];
  let lx = PAD;
  for (const item of input.legend) {
    const w = 22 + textWidth(item.label, 12) + 14;
    if (lx + w > width - PAD && lx > PAD) {
      lx = PAD;
      y += 18;
    }
    legend.push({ x: lx, y, ...item });
    lx += w;
  }
  const chartTop = y + 10;

  const notes = input.notes.map((n) => wrapText(n, inner, NOTE.size));
  // Publisher, release, licence and address of each source (reports quoting the same figures merged).
  const words = input.words ?? chartWords("en");
  const sources = mergeSources(input.sources.map(describeSource)).map((info) => sourceLine(info, words.locale));
  const sourceLines = wrapText(`${fill(words.sourceLine, { sources: sources.length ? sources.join("; ") : "—" })}${input.events ? ` ${words.eventRegister}` : ""}`, inner, SOURCE.size);
  const provenance = input.provenance ? wrapText(input.provenance, inner, PROVENANCE.size) : [];
  const footerFixed = sourceLines.length * SOURCE.line + provenance.length * PROVENANCE.line + PAD;
  const noteLines = (list: string[][]) => list.reduce((n, lines) => n + lines.length, 0);
  const height = input.height ?? Math.round(chartTop + Math.max(input.chartMinimum, input.chartPreferred) + noteLines(notes) * NOTE.line + 8 + footerFixed);
  // The plot keeps its minimum; notes get the lines left, whole notes only, and say how many did not fit.
  const room = Math.max(0, Math.floor((height - chartTop - input.chartMinimum - footerFixed - 8) / NOTE.line));
  let shownNotes = notes;
  if (noteLines(notes) > room) {
    const more = (left: number) => wrapText(`… ${left} more note${left === 1 ? "" : "s"}: hover the markers, or download the CSV for every note`, inner, NOTE.size);
    shownNotes = [];
    for (const note of notes) {
      if (noteLines(shownNotes) + note.length + more(notes.length - shownNotes.length - 1).length > room) break;
      shownNotes.push(note);
    }
    shownNotes.push(more(notes.length - shownNotes.length));
  }
  const shownLines = shownNotes.flat();
  const footerHeight = shownLines.length * NOTE.line + (shownLines.length ? 8 : 0) + footerFixed;
  const chartHeight = Math.max(input.chartMinimum, height - chartTop - footerHeight);
  const chartMarkup = renderToStaticMarkup(input.chart(chartHeight));
  const chartSvg = nestedPlotSvg(chartMarkup.slice(chartMarkup.indexOf("<svg"), chartMarkup.lastIndexOf("</svg>") + 6));

  let fy = chartTop + chartHeight + 4;
  const footer: FrameLine[] = [];
  for (const line of shownLines) footer.push({ text: line, y: (fy += NOTE.line), size: NOTE.size, weight: 400, cls: "cr-text", colour: colours.text });
  if (shownLines.length) fy += 8;
  for (const line of sourceLines) footer.push({ text: line, y: (fy += SOURCE.line), size: SOURCE.size, weight: 400, cls: "cr-muted", colour: colours.muted });
  for (const line of provenance) footer.push({ text: line, y: (fy += PROVENANCE.line), size: PROVENANCE.size, weight: 400, cls: "cr-muted", colour: colours.muted });

  const svg = (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      fontFamily={FONT}
      role="img"
      aria-labelledby="chart-title chart-desc"
      className="corridor-chart"
    >
      <title id="chart-title">{input.title}</title>
      <desc id="chart-desc">{input.description}</desc>
      <rect width={width} height={height} fill={colours.background} className="cr-bg" />
      {header.map((h) => (
        <text key={h.text + h.y} x={PAD} y={h.y} fontSize={h.size} fontWeight={h.weight} fill={h.colour} className={h.cls}>
          {h.text}
        </text>
      ))}
      <g className="legend">
        {legend.map((l) => (
          <g key={l.label} data-legend={l.label}>
            {l.line ? (
              <line x1={l.x} x2={l.x + 16} y1={l.y - 4} y2={l.y - 4} stroke={l.colour} strokeWidth={2.5} strokeDasharray={l.dash} />
            ) : l.hollow ? (
              <circle cx={l.x + 8} cy={l.y - 4} r={5} fill="none" stroke={l.colour} strokeWidth={1.5} strokeDasharray="3 2" />
            ) : l.dash ? (
              <line x1={l.x} x2={l.x + 16} y1={l.y - 4} y2={l.y - 4} stroke={l.colour} strokeWidth={1.75} strokeDasharray={l.dash} />
            ) : (
              <circle cx={l.x + 8} cy={l.y - 4} r={5} fill={l.colour} />
            )}
            <text x={l.x + 22} y={l.y} fontSize={12} fill={colours.muted} className="cr-muted">
              {l.label}
            </text>
          </g>
        ))}
      </g>
      <g transform={`translate(0 ${chartTop})`} dangerouslySetInnerHTML={{ __html: chartSvg }} />
      <g className="notes">
        {footer.map((f) => (
          <text key={f.text + f.y} x={PAD} y={f.y} fontSize={f.size} fill={f.colour} className={f.cls}>
            {f.text}
          </text>
        ))}
      </g>
    </svg>
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderToStaticMarkup(svg)}`;
}

/**
 * recharts' `<svg>` made fit to nest in a standalone file: without its `style="width:100%;height:100%"`.
 * Chromium and resvg size a nested `<svg>` by its width/height attributes, but librsvg (GNOME,
 * LibreOffice's import, most converters) lets that CSS win: the plot took the whole image's size,
 * was scaled into it and slid down over the notes. Its width, height and viewBox already say its size.
 */
export function nestedPlotSvg(markup: string): string {
  const end = markup.indexOf(">");
  if (!markup.startsWith("<svg") || end < 0) throw new Error("nestedPlotSvg: expected an <svg> element");
  return markup.slice(0, end).replace(/\sstyle="[^"]*"/, "") + markup.slice(end);
}

export const themeColours = (theme: Theme): ChartColours => (theme === "dark" ? DARK : LIGHT);

/**
 * An event's footnote. Its caveats ("unverified", "end date uncertain") go before the title, where a
 * one-line note cannot truncate them away: an image carries the register's doubt about an event, not
 * only its page; the verification note follows the title (in full in the CSV/JSON notes).
 */
function eventNote(e: ChartEvent, number: number, words: ChartWords): string {
  const caveats = eventCaveatWords({ ...e, verificationNote: null }, caveatTranslator(words));
  const note = e.verification === "unverified" && e.verificationNote?.trim() ? ` — ${e.verificationNote.trim()}` : "";
  return `${number}. ${dateRange(e.startsOn, e.endsOn, e.datePrecision, words.locale)} · ${words.kinds[e.kind]}${e.related ? ` (${fill(words.relatedEvent, { corridor: e.related })})` : ""}${caveats.length ? ` (${caveats.join("; ")})` : ""}: ${e.title}${e.documentRef ? ` (${e.documentRef})` : ""}${note}`;
}

/** One line saying which values are bounds ("> = a lower bound (published as “more than”): 2017"), none when no value is. */
function boundNote(data: ChartData, words: ChartWords): string[] {
  const byBound = new Map<string, string[]>();
  for (const p of data.series.points) if (p.bound) byBound.set(p.bound, [...(byBound.get(p.bound) ?? []), p.period]);
  if (byBound.size === 0) return [];
  return [fill(words.bounds, { list: [...byBound].map(([b, periods]) => `${b === "lower" ? ">" : "<"} = ${boundMeaning(b as "lower" | "upper", words.locale)} (${periods.join(", ")})`).join("; ") })];
}

/** One line explaining every flag drawn ("Flags: a = approximate…: 2017, 2021"), none when nothing is flagged. */
function flagNote(data: ChartData, words: ChartWords): string[] {
  const byFlag = new Map<string, string[]>();
  for (const p of data.series.points) if (p.flag) byFlag.set(p.flag, [...(byFlag.get(p.flag) ?? []), p.period]);
  if (byFlag.size === 0) return [];
  return [fill(words.flags, { list: [...byFlag].map(([f, periods]) => `${f} = ${flagMeaning(f, words.locale)} (${periods.join(", ")})`).join("; ") })];
}

export function renderSeriesSvg(data: ChartData, options: SeriesSvgOptions): string {
  const { width } = options;
  const colours = themeColours(options.theme);
  const events = chartEvents(data, options.hiddenKinds, options.lang);
  const { frequency } = data.series;
  const words = chartWords(options.lang);
  const locale = words.locale;
  const { title, subtitle } = chartTitle(data, locale);
  const numbers = footnoteNumbers(events);
  const kinds = KIND_ORDER.filter((k) => events.some((e) => e.kind === k));
  const lanesHeight = kinds.length * LANE;
  const notes =
    options.notes === false
      ? []
      : events
          .filter((e) => numbers.has(e.id))
          .sort((a, b) => numbers.get(a.id)! - numbers.get(b.id)!)
          .map((e) => eventNote(e, numbers.get(e.id)!, words))
          .concat(boundNote(data, words), flagNote(data, words));
  // Year ticks spaced for the width drawn: at 360 px every year ran the labels together.
  const model = buildChartModel({ points: data.series.points, events, frequency, width: width - 8, height: 400 });
  const rows = model.points.map((p) => ({ t: p.t, value: p.value, period: p.period }));
  return frameSvg({
    width,
    height: options.height,
    colours,
    title,
    subtitle,
    description: `${title}. ${data.series.points.map((p) => `${p.period}: ${formatValue(p.value, data.series.indicator.unit, "tooltip", { bound: p.bound, locale })}${p.flag ? ` (${p.flag}: ${flagMeaning(p.flag, locale)})` : ""}`).join(", ")}. ${locale === "en" ? `${events.length} event${events.length === 1 ? "" : "s"} marked.` : fill(words.eventsMarked, { count: events.length })}`,
    legend: [
      { label: indicatorName(data.series.indicator, locale), colour: colours.series, line: true },
      ...kinds.map((k) => ({ label: words.kinds[k], colour: KIND_COLOUR[k], line: false })),
      ...(events.some((e) => e.related) ? [{ label: words.relatedLegend, colour: colours.muted, line: false, hollow: true }] : []),
      // Only for caveat marks actually drawn.
      ...caveatLegendWords(events, caveatTranslator(words)).map(({ label, dash }) => ({ label, colour: colours.muted, line: false, dash })),
    ],
    notes,
    sources: sourcesOf(data),
    events: true,
    words,
    provenance: options.provenance,
    chartMinimum: 160 + lanesHeight + AXIS + 12,
    chartPreferred: width * 0.38 + lanesHeight,
    // recharts' SVG at an explicit size (no ResponsiveContainer on a server).
    chart: (height) => (
      <ComposedChart id="export-chart" width={width - 8} height={height} data={rows} margin={{ top: 8, right: PAD, bottom: lanesHeight + 4, left: 8 }} accessibilityLayer={false}>
        {plotLayers({ model, events, frequency, label: indicatorName(data.series.indicator, locale), unit: data.series.indicator.unit, colours, locale })}
        <Customized component={<LaneLayer points={data.series.points} events={events} frequency={frequency} colours={colours} words={words} footnotes={numbers} linkBase={options.linkBase} />} />
      </ComposedChart>
    ),
  });
}
