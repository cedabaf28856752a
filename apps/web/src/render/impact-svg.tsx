/**
 * An impact panel as a standalone SVG (and, through render/png, a PNG): the same drawing as the
 * event page (components/ItsPlot) in the frame every exported chart has — title, legend,
 * the readings, the other events in the window and the method's citation in the footer, wrapped
 * rather than cut — then sources and provenance.
 */
import { corridorWords, FREQUENCY_NAME, formatValue } from "@corridor/data/pure";
import type { Impact } from "@corridor/data";
import { ITS_MARGIN, itsChartModel } from "@/lib/its-chart";
import { KIND_COLOUR } from "@/lib/palette";
import type { ChartEvent } from "@/lib/chart-model";
import { COUNTERFACTUAL_DASH, ITS_COLOURS, ITS_LEGEND, ItsPlot } from "@/components/ItsPlot";
import { frameSvg, themeColours } from "./series-svg";

export const ITS_CITATION_SHORT = "Method: interrupted time series (segmented regression, Newey–West errors) after Lopez Bernal, Cummins & Gasparrini, Int J Epidemiol 2017;46:348–355.";

export interface ImpactExportData {
  impact: Impact;
  /** What the chart draws of the event: its true dates and their caveats (chart-model's ChartEvent). */
  event: ChartEvent;
  sources: string[];
}

/** The words under the chart: the readings (or why there is no estimate), the model's size, the other events, the citation. */
export function impactNotes({ impact: r, event }: ImpactExportData): string[] {
  const its = r.its;
  const theEvent = `The event: "${event.title}", ${event.startsOn}.`;
  if (!its) return [theEvent, "No interrupted time series for this series.", ITS_CITATION_SHORT];
  const control = its.control ? ` Against the control ${corridorWords(its.control.origin, its.control.destination)}: the model runs on the difference.` : "";
  const other = its.confounders.length ? `Other events of this corridor in the window: ${its.confounders.join(", ")}.` : null;
  if (its.status !== "ok")
    return [
      `Not enough data for an estimate around ${its.eventPeriod}: ${its.reason}.${its.missing.length ? ` Missing: ${its.missing.join(", ")}.` : ""}${control}`,
      ...(other ? [other] : []),
      ITS_CITATION_SHORT,
    ];
  const lines = [
    theEvent,
    `Level: ${its.reading.level}.`,
    `Trend: ${its.reading.slope}.`,
    `n = ${its.n} periods (${its.from}–${its.to}, the event's period ${its.eventPeriod} left out), ${its.lags} Newey–West lags, ${its.df} degrees of freedom.${control}`,
  ];
  if (its.reading.confounders) lines.push(`${its.reading.confounders}: ${its.confounders.join(", ")}.`);
  lines.push(ITS_CITATION_SHORT);
  return lines;
}

export function impactTitle({ impact: r, event }: ImpactExportData): { title: string; subtitle: string } {
  const its = r.its;
  const minus = its?.control ? `, minus ${corridorWords(its.control.origin, its.control.destination)}` : "";
  return {
    title: `${r.indicator.name}: ${corridorWords(r.origin, r.destination)}${minus}`,
    // The event's title can be long: it is the first note, wrapped, not the subtitle.
    subtitle: `What the event of ${event.startsOn} did · ${r.indicator.unit}, ${FREQUENCY_NAME[r.frequency ?? ""] ?? "no data"}${its?.from ? `, ${its.from}–${its.to}` : ""}`,
  };
}

export function renderImpactSvg(data: ImpactExportData, options: { width: number; height?: number; theme: "light" | "dark"; provenance?: string }): string {
  const { width } = options;
  const colours = themeColours(options.theme);
  const its = data.impact.its;
  const unit = data.impact.indicator.unit;
  const { title, subtitle } = impactTitle(data);
  const plotWidth = width - 8;
  const model = its && its.observed.length ? itsChartModel(its, data.event.startsOn, plotWidth - ITS_MARGIN.left - ITS_MARGIN.right) : null;
  return frameSvg({
    width,
    height: options.height,
    colours,
    title,
    subtitle,
    description: `${title}. ${(its?.observed ?? []).map((o) => `${o.period} ${formatValue(o.value, unit, "tooltip")}`).join(", ")}. ${impactNotes(data).join(" ")}`,
    legend: [
      { label: ITS_LEGEND.observed, colour: colours.series, line: true },
      ...(model?.fitted
        ? [
            { label: ITS_LEGEND.fitted, colour: ITS_COLOURS.fitted, line: true },
            { label: ITS_LEGEND.counterfactual, colour: ITS_COLOURS.counterfactual, line: true, dash: COUNTERFACTUAL_DASH },
          ]
        : []),
      { label: "The event", colour: KIND_COLOUR[data.event.kind], line: true },
    ],
    notes: impactNotes(data),
    sources: data.sources,
    events: true,
    provenance: options.provenance,
    chartMinimum: 200,
    chartPreferred: width * 0.42,
    chart: (height) => (model ? <ItsPlot model={model} unit={unit} event={data.event} width={plotWidth} height={height} colours={colours} /> : <svg width={plotWidth} height={height} />),
  });
}
