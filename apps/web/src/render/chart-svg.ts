/** Any chart kind to its standalone SVG and its words (title, summary), for images and embeds. */
import type { ChartSource } from "./chart-source";
import { formatValue } from "@corridor/data/pure";
import { chartTitle, renderSeriesSvg } from "./series-svg";
import { compareTitle, renderCompareSvg } from "./compare-svg";
import { dashboardHref } from "@/lib/params";
import { explorerHref } from "@/lib/explorer";

export function chartSvg(source: ChartSource, options: { linkBase?: string } = {}): string {
  const { chart, provenance } = source;
  const theme = chart.theme === "dark" ? "dark" : "light";
  if (source.kind === "compare") return renderCompareSvg(source.data, source.chart.compare!, { width: chart.width, height: chart.height, theme, provenance, lang: chart.lang });
  return renderSeriesSvg(source.data, { width: chart.width, height: chart.height, theme, hiddenKinds: chart.hide, notes: chart.notes, linkBase: options.linkBase, provenance, lang: chart.lang });
}

export function chartWords(source: ChartSource): { title: string; summary: string } {
  const locale = source.chart.lang;
  if (source.kind === "compare") {
    const { title } = compareTitle(source.data, source.chart.compare!, locale);
    return {
      title,
      summary: `${title}. ${source.data.lines.map((l) => `${l.label}: ${l.points.map((p) => `${p.period} ${formatValue(p.value, source.data.unit, "tooltip", { locale })}`).join(", ")}`).join(". ")}.`,
    };
  }
  const { title } = chartTitle(source.data, locale);
  return { title, summary: `${title}. ${source.data.series.points.map((p) => `${p.period}: ${formatValue(p.value, source.data.series.indicator.unit, "tooltip", { locale })}`).join(", ")}.` };
}

/** The app page that shows this chart: the embed's "open in Corridor", the downloads' `view`. */
export function chartViewHref(source: ChartSource): string {
  if (source.kind === "compare") return explorerHref(source.chart.compare!);
  const s = source.data.series;
  return dashboardHref({
    origin: s.origin,
    destination: s.destination === "WLD" ? "RUS" : s.destination,
    indicator: s.indicator.code,
    hide: source.chart.hide,
    related: !!source.chart.series?.related,
  });
}
