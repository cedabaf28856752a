/**
 * The explorer's comparison as a standalone SVG: the same recharts layers as the explorer page,
 * in the same frame (title, legend, notes, sources) as the event chart's exports.
 */
import { ComposedChart } from "recharts";
import { compareModel, type ExplorerView } from "@/lib/explorer";
import { formatValue, frequencyName, indicatorName } from "@corridor/data/pure";
import { COMPARE_COLOURS, compareLayers } from "@/components/chart-layers";
import { chartWords, translatorFor } from "@/server/chart-words";
import type { CompareData } from "./chart-source";
import { compareUnit, leftOutNotes, lineLabel } from "@/server/compare-words";
import { frameSvg, themeColours, type Theme } from "./series-svg";

type Lang = "en" | "ru";

export function compareTitle(data: CompareData, view: ExplorerView, lang: Lang = "en"): { title: string; subtitle: string } {
  const t = translatorFor(lang, "Explorer");
  const labels = data.lines.map((l) => lineLabel(l, lang));
  const title = `${indicatorName(data.indicator, lang)}: ${labels.length <= 3 ? labels.join(labels.some((l) => l.includes(",")) ? "; " : ", ") : t("corridorsCompared", { count: labels.length })}`;
  const periods = data.lines.flatMap((l) => l.points.map((p) => p.period)).sort();
  const span = periods.length ? `${periods[0]}–${periods.at(-1)}` : t("noData");
  // The frequency drawn: asked for, or (as published) the one the corridors' values cover most.
  const drawn = view.frequency ?? data.frequency;
  const frequency = drawn ? `${frequencyName(drawn, lang)}${view.frequency ? "" : t("asPublishedSuffix")}` : t("asPublished").toLowerCase();
  return { title, subtitle: `${compareUnit(data.unit, view.index, lang)}${view.log ? t("logSuffix") : ""}, ${frequency}, ${span}` };
}

export function renderCompareSvg(data: CompareData, view: ExplorerView, options: { width: number; height?: number; theme: Theme; provenance?: string; lang?: Lang }): string {
  const { width } = options;
  const lang = options.lang ?? "en";
  const colours = themeColours(options.theme);
  const { rows, bars, domain, ticks } = compareModel(data.lines, width);
  const { title, subtitle } = compareTitle(data, view, lang);
  const labels = data.lines.map((l) => lineLabel(l, lang));
  const d = translatorFor(lang, "Dashboard");
  const freq = translatorFor(lang, "Frequency");
  // Values at other frequencies, said in the chart's language (the stored sentence is the English one).
  const notShown = (data.notShown ?? []).map((n) =>
    lang === "en" ? `${n.sentence}.` : `${d("notShown", { count: n.count, frequency: freq(n.frequency), range: n.first === n.last ? n.first : d("periodRange", { from: n.first, to: n.last }) })}.`,
  );
  return frameSvg({
    width,
    height: options.height,
    colours,
    title,
    subtitle,
    description: `${title}. ${data.lines.map((l, i) => `${labels[i]}: ${l.points.map((p) => `${p.period} ${formatValue(p.value, data.unit, "tooltip", { locale: lang })}`).join(", ")}`).join(". ")}.`,
    legend: data.lines.map((l, i) => ({ label: labels[i]!, colour: COMPARE_COLOURS[i % COMPARE_COLOURS.length]!, line: view.chart === "line" })),
    notes: [...leftOutNotes(data, lang).map((n) => n.text), ...notShown],
    sources: data.sources,
    events: false,
    provenance: options.provenance,
    words: chartWords(lang),
    chartMinimum: 200,
    chartPreferred: width * 0.45,
    chart: (height) => (
      <ComposedChart id="export-compare" width={width - 8} height={height} data={view.chart === "bar" ? bars : rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
        {compareLayers({ series: data.lines, chart: view.chart, log: view.log, ticks, domain, unit: data.unit, colours, locale: lang })}
      </ComposedChart>
    ),
  });
}
