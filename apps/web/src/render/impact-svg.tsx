/**
 * An impact panel as a standalone SVG (and, through render/png, a PNG): the same drawing as the
 * event page (components/ItsPlot) in the frame every exported chart has — title, legend,
 * the readings, the other events in the window and the method's citation in the footer, wrapped
 * rather than cut — then sources and provenance.
 */
import { confounderReading, corridorWords, formatValue, frequencyName, indicatorName, levelReading, slopeReading, unitName } from "@corridor/data/pure";
import type { Impact } from "@corridor/data";
import { ITS_MARGIN, itsChartModel } from "@/lib/its-chart";
import { KIND_COLOUR } from "@/lib/palette";
import type { ChartEvent } from "@/lib/chart-model";
import { COUNTERFACTUAL_DASH, ITS_COLOURS, ItsPlot } from "@/components/ItsPlot";
import { chartWords, translatorFor } from "@/server/chart-words";
import { frameSvg, themeColours } from "./series-svg";

type Lang = "en" | "ru";

/** The method's short citation: the paper's reference stays as published, the sentence around it in the image's language. */
const ITS_REFERENCE = "Lopez Bernal, Cummins & Gasparrini, Int J Epidemiol 2017;46:348–355";

export interface ImpactExportData {
  impact: Impact;
  /** What the chart draws of the event: its true dates and their caveats (chart-model's ChartEvent), in the image's language. */
  event: ChartEvent;
  sources: string[];
}

/** The words under the chart: the readings (or why there is no estimate), the model's size, the other events, the citation. */
export function impactNotes({ impact: r, event }: ImpactExportData, lang: Lang = "en"): string[] {
  const its = r.its;
  const t = translatorFor(lang, "ImpactExport");
  const citation = t("citation", { reference: ITS_REFERENCE });
  const theEvent = t("theEvent", { title: event.title, date: event.startsOn });
  if (!its) return [theEvent, t("noIts"), citation];
  const control = its.control ? ` ${t("control", { control: corridorWords(its.control.origin, its.control.destination, lang) })}` : "";
  const other = its.confounders.length ? t("others", { list: its.confounders.join(", ") }) : null;
  if (its.status !== "ok")
    return [
      // The model's reason is the data package's English: said so off English images.
      `${t("notEnough", { period: its.eventPeriod, reason: its.reason })}${its.missing.length ? ` ${t("missing", { list: its.missing.join(", ") })}` : ""}${control}`,
      ...(other ? [other] : []),
      citation,
    ];
  // The readings in the image's language (impact() words them in English for the CLI and the JSON).
  const freq = r.frequency && r.frequency !== "D" ? r.frequency : null;
  const unit = r.indicator.unit;
  const reading =
    lang !== "en" && freq
      ? {
          level: levelReading(its.levelChange, unit, freq, r.indicator.kind, lang),
          slope: slopeReading(its.slopeChange, unit, freq, r.indicator.kind, lang),
          confounders: confounderReading(its.confounders.length, lang),
        }
      : its.reading;
  const lines = [
    theEvent,
    t("level", { reading: reading.level }),
    t("trend", { reading: reading.slope }),
    `${t("size", { n: its.n, from: its.from ?? "", to: its.to ?? "", period: its.eventPeriod, lags: its.lags, df: its.df })}${control}`,
  ];
  if (reading.confounders) lines.push(`${reading.confounders}: ${its.confounders.join(", ")}.`);
  lines.push(citation);
  return lines;
}

export function impactTitle({ impact: r, event }: ImpactExportData, lang: Lang = "en"): { title: string; subtitle: string } {
  const its = r.its;
  const t = translatorFor(lang, "ImpactExport");
  const minus = its?.control ? t("minus", { control: corridorWords(its.control.origin, its.control.destination, lang) }) : "";
  return {
    title: `${indicatorName(r.indicator, lang)}: ${corridorWords(r.origin, r.destination, lang)}${minus}`,
    // The event's title can be long: it is the first note, wrapped, not the subtitle.
    subtitle: t("subtitle", {
      date: event.startsOn,
      unit: unitName(r.indicator.unit, lang),
      frequency: frequencyName(r.frequency, lang),
      span: its?.from ? `, ${its.from}–${its.to}` : "",
    }),
  };
}

export function renderImpactSvg(data: ImpactExportData, options: { width: number; height?: number; theme: "light" | "dark"; provenance?: string; lang?: Lang }): string {
  const { width } = options;
  const lang = options.lang ?? "en";
  const colours = themeColours(options.theme);
  const its = data.impact.its;
  const unit = data.impact.indicator.unit;
  const { title, subtitle } = impactTitle(data, lang);
  const notes = impactNotes(data, lang);
  const legendWords = translatorFor(lang, "Impact");
  const t = translatorFor(lang, "ImpactExport");
  const plotWidth = width - 8;
  const model = its && its.observed.length ? itsChartModel(its, data.event.startsOn, plotWidth - ITS_MARGIN.left - ITS_MARGIN.right) : null;
  return frameSvg({
    width,
    height: options.height,
    colours,
    title,
    subtitle,
    description: `${title}. ${(its?.observed ?? []).map((o) => `${o.period} ${formatValue(o.value, unit, "tooltip", { locale: lang })}`).join(", ")}. ${notes.join(" ")}`,
    legend: [
      { label: legendWords("legend.observed"), colour: colours.series, line: true },
      ...(model?.fitted
        ? [
            { label: legendWords("legend.fitted"), colour: ITS_COLOURS.fitted, line: true },
            // The long label does not fit one legend row of a narrow image: the short one says the same.
            { label: legendWords(width < 640 ? "legend.counterfactualShort" : "legend.counterfactual"), colour: ITS_COLOURS.counterfactual, line: true, dash: COUNTERFACTUAL_DASH },
          ]
        : []),
      { label: t("eventLegend"), colour: KIND_COLOUR[data.event.kind], line: true },
    ],
    notes,
    sources: data.sources,
    events: true,
    provenance: options.provenance,
    words: chartWords(lang),
    chartMinimum: 200,
    chartPreferred: width * 0.42,
    chart: (height) =>
      model ? (
        <ItsPlot
          model={model}
          unit={unit}
          event={data.event}
          width={plotWidth}
          height={height}
          colours={colours}
          locale={lang}
          markWords={{ event: legendWords("eventMark"), unverified: legendWords("eventMarkUnverified") }}
        />
      ) : (
        <svg width={plotWidth} height={height} />
      ),
  });
}
