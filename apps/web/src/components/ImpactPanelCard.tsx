/**
 * One impact panel of an event page (server component): what the event did to one indicator of one
 * corridor — the interrupted time series (reading, chart, confounders, control-corridor picker,
 * exports, how it is computed) and, beside it, the plain before/after comparison.
 */
import { ViewLink } from "@/i18n/navigation";
import type { ReactNode } from "react";
import { Card, Text, Title } from "@tremor/react";
import { confounderReading, countryName, formatValue as formatIn, frequencyName, indicatorName, levelReading, slopeReading, unitName } from "@corridor/data/pure";
import type { EventDetail } from "@corridor/data";
import { pct } from "@/lib/format";
import { ITS_MARGIN, itsChartModel, itsPlotGeometry, type ItsChartModel } from "@/lib/its-chart";
import { toChartEvent, type ChartEvent } from "@/lib/chart-model";
import { controlHref, IMPACT_FORMATS, impactExportHref, panelAnchor, panelKey } from "@/lib/impact-view";
import type { ImpactPanel } from "@/server/event-page-data";
import { eventText } from "@/lib/event-text";
import { getLocale, getTranslations } from "next-intl/server";
import type { Locale } from "@/i18n/routing";
import { chartActionLabels } from "@/server/chart-action-labels";
import { ChartActions } from "./ChartActions";
import { SourceFooter } from "./Sources";
import { COUNTERFACTUAL_DASH, ITS_COLOURS, ITS_LEGEND, ItsPlot } from "./ItsPlot";
import { PlotHover, type HoverRow } from "./PlotHover";
import { Static } from "./Static";

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.)]$/.test(text) ? "" : "."}`;

type Translate = Awaited<ReturnType<typeof getTranslations<"Impact">>>;

/** `<en>…</en>` in a message: text that stays in English (a paper's title, the model's own reason), marked so. */
const english = (chunks: ReactNode) => <span lang="en">{chunks}</span>;

export const ITS_CITATION =
  "Lopez Bernal J, Cummins S, Gasparrini A. Interrupted time series regression for the evaluation of public health interventions: a tutorial. Int J Epidemiol 2017;46(1):348–355.";

function MethodNote({ t }: { t: Translate }) {
  return (
    <Static as="details" className="mt-3 text-tremor-default" data-testid="its-method">
      <summary className="cursor-pointer font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{t("methodSummary")}</summary>
      <div className="mt-2 space-y-2">
        <p>{t("methodP1")}</p>
        <p>{t("methodP2")}</p>
        {/* The paper's own title: a citation, not translated. */}
        <p className="text-tremor-label">{t.rich("method", { citation: ITS_CITATION, en: english })}</p>
      </div>
    </Static>
  );
}

function Legend({ fitted, words }: { fitted: boolean; words: Record<keyof typeof ITS_LEGEND, string> }) {
  const item = "inline-flex items-center gap-1.5";
  return (
    <Static as="ul" className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-tremor-label" aria-hidden>
      <li className={item}>
        <svg width="18" height="8">
          <line x1="0" x2="18" y1="4" y2="4" stroke={ITS_COLOURS.observed} strokeWidth="2" />
        </svg>
        {words.observed}
      </li>
      {fitted && (
        <>
          <li className={item}>
            <svg width="18" height="8">
              <line x1="0" x2="18" y1="4" y2="4" stroke={ITS_COLOURS.fitted} strokeWidth="2" />
            </svg>
            {words.fitted}
          </li>
          <li className={item}>
            <svg width="18" height="10">
              <rect x="0" y="0" width="18" height="10" fill={ITS_COLOURS.counterfactual} fillOpacity="0.18" />
              <line x1="0" x2="18" y1="5" y2="5" stroke={ITS_COLOURS.counterfactual} strokeWidth="2" strokeDasharray={COUNTERFACTUAL_DASH} />
            </svg>
            {words.counterfactual}
          </li>
        </>
      )}
    </Static>
  );
}

/**
 * The panel (Card p-4) in a 1152-px page is about 1070 px wide on a desktop, 560–940 on a tablet and
 * 290–340 on a phone: one drawing per width class, so text keeps its size while the plot stretches.
 */
const PLOT_SIZES = [
  { width: 330, height: 230, className: "sm:hidden" },
  { width: 720, height: 288, className: "hidden sm:block lg:hidden" },
  { width: 1070, height: 288, className: "hidden lg:block" },
];

function hoverRows(model: ItsChartModel, width: number, height: number, unit: string, endsOn: string | null, t: Translate, locale: string): HoverRow[] {
  const g = itsPlotGeometry(model, width, height, endsOn);
  const value = (v: number) => formatIn(v, unit, "tooltip", { locale });
  return model.rows.map((r, i) => ({
    x: g.rowX[i]! / width,
    title: r.period,
    lines: [
      ...(r.observed !== null ? [`${t("legend.observed")}: ${value(r.observed)}`] : []),
      ...(r.fitted !== null ? [`${t("legend.fitted")}: ${value(r.fitted)}`] : []),
      ...(r.counterfactual !== null ? [t("withoutEvent", { value: value(r.counterfactual) })] : []),
      ...(r.band ? [t("band", { low: value(r.band[0]), high: value(r.band[1]) })] : []),
    ],
  }));
}

/** The panel's chart, drawn on the server at each width class, with its hover read-out. */
function ItsPanelChart({ its, event, unit, label, t, locale }: { its: NonNullable<ImpactPanel["impact"]["its"]>; event: ChartEvent; unit: string; label: string; t: Translate; locale: string }) {
  return (
    <div className="mt-2" data-testid="its-chart">
      {PLOT_SIZES.map((size) => {
        const model = itsChartModel(its, event.startsOn, size.width - ITS_MARGIN.left - ITS_MARGIN.right);
        return (
          <div key={size.width} className={size.className}>
            <PlotHover rows={hoverRows(model, size.width, size.height, unit, event.endsOn, t, locale)} label={label}>
              <Static>
                <ItsPlot
                  model={model}
                  unit={unit}
                  event={event}
                  width={size.width}
                  height={size.height}
                  className="h-auto w-full"
                  locale={locale}
                  markWords={{ event: t("eventMark"), unverified: t("eventMarkUnverified") }}
                />
              </Static>
            </PlotHover>
          </div>
        );
      })}
    </div>
  );
}

export async function ImpactPanelCard({
  panel,
  event,
  path,
  params,
  eventTitles,
}: {
  panel: ImpactPanel;
  event: EventDetail;
  path: string;
  params: URLSearchParams;
  eventTitles: Map<string, string>;
}) {
  const locale = (await getLocale()) as Locale;
  const t = await getTranslations("Impact");
  const formatValue = (v: number, u: string, use: "card" | "tooltip" | "table") => formatIn(v, u, use, { locale });
  const { impact: r, control, controlOptions } = panel;
  const id = { indicator: r.indicator.code, origin: r.origin, destination: r.destination };
  const unit = r.indicator.unit;
  const its = r.its;
  const c = r.comparison;
  const b = r.baseline;
  const used = its?.control ?? null;
  const model = its && its.observed.length > 0 ? itsChartModel(its, event.startsOn) : null;
  const around = c.status === "ok" ? [...c.before.periods, c.eventPeriod, ...c.after.periods] : [];
  const exportQuery = { event: event.id, ...id, control: used };
  const title = `${indicatorName(r.indicator, locale)}: ${countryName(r.origin, locale)} → ${countryName(r.destination, locale)}`;
  const last = its?.status === "ok" ? its.counterfactual.at(-1) : undefined;
  // The estimate in words, in the page's language (impact() words it in English for the CLI and the JSON).
  const freq = r.frequency && r.frequency !== "D" ? r.frequency : null;
  const reading =
    its?.status === "ok" && freq
      ? {
          level: levelReading(its.levelChange, unit, freq, r.indicator.kind, locale),
          slope: slopeReading(its.slopeChange, unit, freq, r.indicator.kind, locale),
          confounders: confounderReading(its.confounders.length, locale),
        }
      : its?.status === "ok"
        ? its.reading
        : null;
  const legend = { observed: t("legend.observed"), fitted: t("legend.fitted"), counterfactual: t("legend.counterfactual") };

  return (
    <Card id={panelAnchor(id)} className="p-4" data-testid="impact-panel" data-panel={panelKey(id)}>
      <Title>{title}</Title>
      <Text>
        {unitName(unit, locale)}; {r.frequency ? frequencyName(r.frequency, locale) : t("noData")}
        {used && t("minusControl", { corridor: `${r.origin} → ${r.destination}`, control: `${used.origin} → ${used.destination}` })}
      </Text>

      <h3 className="mt-3 text-tremor-default font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">{t("itsHeading")}</h3>
      {panel.controlError && (
        <p role="alert" className="mt-1 text-tremor-default text-amber-900 dark:text-amber-200">
          {t("controlError", { error: panel.controlError })}
        </p>
      )}
      {its?.status === "ok" && (
        <div className="mt-1 space-y-1 text-tremor-default" data-testid="its-reading">
          <p className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{sentence(reading!.level)}</p>
          <p>{sentence(reading!.slope)}</p>
          {last && its.relativeEffect !== null && !used && (
            <p>
              {t("ratio", {
                period: last.period,
                pct: pct(its.relativeEffect * 100, locale),
                fitted: formatValue(last.fitted, unit, "card"),
                counterfactual: formatValue(last.counterfactual, unit, "card"),
              })}
            </p>
          )}
          <p className="text-tremor-label">{t("nLine", { n: its.n, from: its.from ?? "", to: its.to ?? "", period: its.eventPeriod, k: its.k, lags: its.lags, df: its.df })}</p>
        </div>
      )}
      {its && its.status !== "ok" && (
        <p className="mt-1 text-tremor-default" data-testid="its-reading">
          <span className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{t("notEnough")}</span>
          {/* The model's reason is the data package's English, marked so. */}
          {t.rich("notEnoughAround", { period: its.eventPeriod, reason: its.reason, en: english })}
          {its.missing.length > 0 && t("missing", { list: its.missing.join(", ") })}
        </p>
      )}
      {!its && panel.itsError && (
        <p className="mt-1 text-tremor-default" data-testid="its-reading">
          {t.rich("noEstimate", { error: panel.itsError ?? "", en: english })}
        </p>
      )}

      {model && (
        <>
          <ItsPanelChart
            its={its!}
            event={toChartEvent(event, locale)}
            unit={unit}
            t={t}
            locale={locale}
            label={`${title}${used ? t("chartMinus", { control: `${used.origin} → ${used.destination}` }) : ""}: ${its!.observed.map((o) => `${o.period} ${formatValue(o.value, unit, "tooltip")}`).join(", ")}${model.fitted ? t("chartFit") : ""}`}
          />
          <Legend fitted={model.fitted} words={legend} />
        </>
      )}

      {its && its.confounders.length > 0 && (
        <Static as="details" className="mt-3 text-tremor-default" data-testid="its-confounders" open={its.confounders.length <= 4}>
          <summary className="cursor-pointer">{reading?.confounders ? sentence(reading.confounders) : t("confounders", { count: its.confounders.length })}</summary>
          <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-tremor-label">
            {its.confounders.map((cid) => (
              <li key={cid}>
                <a href={`/events/${cid}`} className="text-tremor-brand underline dark:text-dark-tremor-brand">
                  {eventTitles.get(cid) ?? cid}
                </a>
              </li>
            ))}
          </ul>
        </Static>
      )}

      {its && controlOptions.length > 0 && (
        <nav aria-label={t("controlFor", { title })} className="mt-3 text-tremor-default" data-testid="control-picker">
          <span className="font-medium">{t("against")}</span>
          <ul className="inline-flex flex-wrap gap-x-3 gap-y-1">
            {[{ origin: "", destination: "", name: t("none") }, ...controlOptions.map((o) => ({ ...o, name: `${countryName(o.origin, locale)} → ${countryName(o.destination, locale)}` }))].map((o) => {
              const current = o.origin ? control?.origin === o.origin && control.destination === o.destination : !control;
              return (
                <li key={o.name}>
                  <ViewLink
                    href={controlHref(path, params, id, o.origin ? o : null)}
                    scroll={false}
                    aria-current={current ? "page" : undefined}
                    className={current ? "font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong" : "text-tremor-brand underline dark:text-dark-tremor-brand"}
                  >
                    {o.name}
                  </ViewLink>
                </li>
              );
            })}
          </ul>
          <p className="text-tremor-label">{t("controlHint")}</p>
        </nav>
      )}

      {its && controlOptions.length === 0 && (
        <p className="mt-3 text-tremor-label" data-testid="control-picker">
          {t("noControl")}
        </p>
      )}

      {its && (
        <Static as="p" className="mt-3 text-tremor-label" data-testid="its-exports" data-print="hide">
          {t("download")}
          {IMPACT_FORMATS.map((f, i) => (
            <span key={f}>
              {i > 0 && " · "}
              <a
                className="underline"
                href={impactExportHref(f, exportQuery, { download: "1", ...(f === "png" && { scale: "2" }), ...(locale !== "en" && (f === "svg" || f === "png" || f === "pdf") && { lang: locale }) })}
              >
                {t(`exports.${f}`)}
              </a>
            </span>
          ))}
        </Static>
      )}
      {its && <MethodNote t={t} />}

      <div className="mt-4 flex flex-wrap items-start justify-between gap-2 border-t border-tremor-border pt-3 dark:border-dark-tremor-border">
        <h3 className="text-tremor-default font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
          {t("beforeAfter", { window: r.window, period: c.eventPeriod || t("theEvent") })}
        </h3>
        {around.length > 0 && (
          <ChartActions
            query={new URLSearchParams({ indicator: r.indicator.code, origin: r.origin, destination: r.destination, from: around[0]!, to: around.at(-1)!, events: event.id }).toString()}
            viewPath={`/events/${event.id}`}
            title={t("aroundTitle", { title, event: eventText(event, locale).title })}
            locale={locale}
            labels={await chartActionLabels()}
          />
        )}
      </div>
      <Static className="overflow-x-auto">
        <table className="mt-2 w-full text-left text-tremor-default">
          <thead className="border-b border-tremor-border dark:border-dark-tremor-border">
            <tr>
              <th scope="col" className="py-1.5">
                {t("comparison")}
              </th>
              <th scope="col">{t("before")}</th>
              <th scope="col">{t("after")}</th>
              <th scope="col">{t("change")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-tremor-border dark:divide-dark-tremor-border">
            <tr>
              <td className="py-1.5">{t("aroundEvent", { period: c.eventPeriod })}</td>
              {c.status === "ok" ? (
                <>
                  <td title={formatValue(c.before.mean, unit, "table")}>
                    {formatValue(c.before.mean, unit, "card")} ({c.before.periods.join(", ")})
                  </td>
                  <td title={formatValue(c.after.mean, unit, "table")}>
                    {formatValue(c.after.mean, unit, "card")} ({c.after.periods.join(", ")})
                  </td>
                  <td>{pct(c.changePct, locale)}</td>
                </>
              ) : (
                <td colSpan={3}>{t("notEnoughMissing", { list: c.missing.join(", ") })}</td>
              )}
            </tr>
            <tr>
              <td className="py-1.5">{t("yearEarlier", { period: b.eventPeriod })}</td>
              {b.status === "ok" ? (
                <>
                  <td>{formatValue(b.before.mean, unit, "card")}</td>
                  <td>{formatValue(b.after.mean, unit, "card")}</td>
                  <td>{pct(b.changePct, locale)}</td>
                </>
              ) : (
                <td colSpan={3}>{t("notEnoughMissing", { list: b.missing.join(", ") })}</td>
              )}
            </tr>
          </tbody>
        </table>
      </Static>
      <p className="mt-1 text-tremor-label">{t("plain")}</p>
      <SourceFooter sources={panel.sources} />
    </Card>
  );
}
