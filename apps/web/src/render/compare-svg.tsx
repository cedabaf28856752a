/**
 * The explorer's comparison as a standalone SVG: the same recharts layers as the explorer page,
 * in the same frame (title, legend, notes, sources) as the event chart's exports.
 */
import { ComposedChart } from "recharts";
import { compareModel, type ExplorerView } from "@/lib/explorer";
import { formatValue } from "@corridor/data/pure";
import { COMPARE_COLOURS, compareLayers } from "@/components/chart-layers";
import type { CompareData } from "./chart-source";
import { FREQUENCY_NAME, frameSvg, themeColours, type Theme } from "./series-svg";

export function compareTitle(data: CompareData, view: ExplorerView): { title: string; subtitle: string } {
  const labels = data.lines.map((l) => l.label);
  const title = `${data.indicator.name}: ${labels.length <= 3 ? labels.join(", ") : `${labels.length} corridors compared`}`;
  const periods = data.lines.flatMap((l) => l.points.map((p) => p.period)).sort();
  const span = periods.length ? `${periods[0]}–${periods.at(-1)}` : "no data";
  // The frequency drawn: asked for, or (as published) the one the corridors' values cover most.
  const drawn = view.frequency ?? data.frequency;
  const frequency = drawn ? `${FREQUENCY_NAME[drawn]}${view.frequency ? "" : " (as published)"}` : "as published";
  return { title, subtitle: `${data.unit}${view.log ? ", log scale" : ""}, ${frequency}, ${span}` };
}

export function renderCompareSvg(data: CompareData, view: ExplorerView, options: { width: number; height?: number; theme: Theme; provenance?: string }): string {
  const { width } = options;
  const colours = themeColours(options.theme);
  const { rows, bars, domain, ticks } = compareModel(data.lines, width);
  const { title, subtitle } = compareTitle(data, view);
  return frameSvg({
    width,
    height: options.height,
    colours,
    title,
    subtitle,
    description: `${title}. ${data.lines.map((l) => `${l.label}: ${l.points.map((p) => `${p.period} ${formatValue(p.value, data.unit, "tooltip")}`).join(", ")}`).join(". ")}.`,
    legend: data.lines.map((l, i) => ({ label: l.label, colour: COMPARE_COLOURS[i % COMPARE_COLOURS.length]!, line: view.chart === "line" })),
    notes: [...data.notes, ...(data.notShown ?? []).map((n) => `${n.sentence}.`)],
    sources: data.sources,
    events: false,
    provenance: options.provenance,
    chartMinimum: 200,
    chartPreferred: width * 0.45,
    chart: (height) => (
      <ComposedChart id="export-compare" width={width - 8} height={height} data={view.chart === "bar" ? bars : rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
        {compareLayers({ series: data.lines, chart: view.chart, log: view.log, ticks, domain, unit: data.unit, colours })}
      </ComposedChart>
    ),
  });
}
