/**
 * One impact panel of an event page (server component): what the event did to one indicator of one
 * corridor — the interrupted time series (reading, chart, confounders, control-corridor picker,
 * exports, how it is computed) and, beside it, the plain before/after comparison.
 */
import Link from "next/link";
import { Card, Text, Title } from "@tremor/react";
import { FREQUENCY_NAME, formatValue } from "@corridor/data/pure";
import type { EventDetail } from "@corridor/data";
import { pct } from "@/lib/format";
import { ITS_MARGIN, itsChartModel, itsPlotGeometry, type ItsChartModel } from "@/lib/its-chart";
import { toChartEvent, type ChartEvent } from "@/lib/chart-model";
import { controlHref, IMPACT_FORMATS, impactExportHref, panelAnchor, panelKey, type ImpactFormat } from "@/lib/impact-view";
import type { ImpactPanel } from "@/server/event-page-data";
import { getLocale } from "next-intl/server";
import type { Locale } from "@/i18n/routing";
import { chartActionLabels } from "@/server/chart-action-labels";
import { ChartActions } from "./ChartActions";
import { SourceFooter } from "./Sources";
import { COUNTERFACTUAL_DASH, ITS_COLOURS, ITS_LEGEND, ItsPlot } from "./ItsPlot";
import { PlotHover, type HoverRow } from "./PlotHover";
import { Static } from "./Static";

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.)]$/.test(text) ? "" : "."}`;

const EXPORT_LABEL: Record<ImpactFormat, string> = { csv: "CSV (the table)", json: "JSON (the estimates)", svg: "SVG", png: "PNG", pdf: "PDF (vector)" };

export const ITS_CITATION =
  "Lopez Bernal J, Cummins S, Gasparrini A. Interrupted time series regression for the evaluation of public health interventions: a tutorial. Int J Epidemiol 2017;46(1):348–355.";

function MethodNote() {
  return (
    <Static as="details" className="mt-3 text-tremor-default" data-testid="its-method">
      <summary className="cursor-pointer font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">How this is computed, and what it cannot tell</summary>
      <div className="mt-2 space-y-2">
        <p>
          A segmented regression on the periods around the event (up to ten years each side): a level and a trend before it, and a change in level and in trend after it; the event&rsquo;s own period
          is left out as the transition. Monthly and quarterly data get a term per season. The dashed line is the fit without the change — what the trend alone would have given — with its 95 % band.
          Standard errors allow for autocorrelation (Newey–West).
        </p>
        <p>
          What it cannot tell: with annual data a window holds a handful of points, so most intervals are wide or there is no estimate at all — that is the honest answer. With few periods and strongly
          autocorrelated data the intervals are somewhat too narrow. Other events in the same window (listed above) and shocks that arrived with this event — the 2015 patent regime came with the
          ruble&rsquo;s fall — cannot be told apart from it. A control corridor helps only if the event did not touch it and it would otherwise have moved like this one.
        </p>
        <p className="text-tremor-label">Method: {ITS_CITATION}</p>
      </div>
    </Static>
  );
}

function Legend({ fitted }: { fitted: boolean }) {
  const item = "inline-flex items-center gap-1.5";
  return (
    <Static as="ul" className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-tremor-label" aria-hidden>
      <li className={item}>
        <svg width="18" height="8">
          <line x1="0" x2="18" y1="4" y2="4" stroke={ITS_COLOURS.observed} strokeWidth="2" />
        </svg>
        {ITS_LEGEND.observed}
      </li>
      {fitted && (
        <>
          <li className={item}>
            <svg width="18" height="8">
              <line x1="0" x2="18" y1="4" y2="4" stroke={ITS_COLOURS.fitted} strokeWidth="2" />
            </svg>
            {ITS_LEGEND.fitted}
          </li>
          <li className={item}>
            <svg width="18" height="10">
              <rect x="0" y="0" width="18" height="10" fill={ITS_COLOURS.counterfactual} fillOpacity="0.18" />
              <line x1="0" x2="18" y1="5" y2="5" stroke={ITS_COLOURS.counterfactual} strokeWidth="2" strokeDasharray={COUNTERFACTUAL_DASH} />
            </svg>
            {ITS_LEGEND.counterfactual}
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

function hoverRows(model: ItsChartModel, width: number, height: number, unit: string, endsOn: string | null): HoverRow[] {
  const g = itsPlotGeometry(model, width, height, endsOn);
  return model.rows.map((r, i) => ({
    x: g.rowX[i]! / width,
    title: r.period,
    lines: [
      ...(r.observed !== null ? [`${ITS_LEGEND.observed}: ${formatValue(r.observed, unit, "tooltip")}`] : []),
      ...(r.fitted !== null ? [`${ITS_LEGEND.fitted}: ${formatValue(r.fitted, unit, "tooltip")}`] : []),
      ...(r.counterfactual !== null ? [`Without the event: ${formatValue(r.counterfactual, unit, "tooltip")}`] : []),
      ...(r.band ? [`95 % band: ${formatValue(r.band[0], unit, "tooltip")} to ${formatValue(r.band[1], unit, "tooltip")}`] : []),
    ],
  }));
}

/** The panel's chart, drawn on the server at each width class, with its hover read-out. */
function ItsPanelChart({ its, event, unit, label }: { its: NonNullable<ImpactPanel["impact"]["its"]>; event: ChartEvent; unit: string; label: string }) {
  return (
    <div className="mt-2" data-testid="its-chart">
      {PLOT_SIZES.map((size) => {
        const model = itsChartModel(its, event.startsOn, size.width - ITS_MARGIN.left - ITS_MARGIN.right);
        return (
          <div key={size.width} className={size.className}>
            <PlotHover rows={hoverRows(model, size.width, size.height, unit, event.endsOn)} label={label}>
              <Static>
                <ItsPlot model={model} unit={unit} event={event} width={size.width} height={size.height} className="h-auto w-full" />
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
  const { impact: r, originName, destinationName, control, controlOptions } = panel;
  const id = { indicator: r.indicator.code, origin: r.origin, destination: r.destination };
  const unit = r.indicator.unit;
  const its = r.its;
  const c = r.comparison;
  const b = r.baseline;
  const used = its?.control ?? null;
  const model = its && its.observed.length > 0 ? itsChartModel(its, event.startsOn) : null;
  const around = c.status === "ok" ? [...c.before.periods, c.eventPeriod, ...c.after.periods] : [];
  const exportQuery = { event: event.id, ...id, control: used };
  const title = `${r.indicator.name}: ${originName} → ${destinationName}`;
  const last = its?.status === "ok" ? its.counterfactual.at(-1) : undefined;

  return (
    <Card id={panelAnchor(id)} className="p-4" data-testid="impact-panel" data-panel={panelKey(id)}>
      <Title>{title}</Title>
      <Text>
        {unit}; {FREQUENCY_NAME[r.frequency ?? ""] ?? "no data"}
        {used && `; ${r.origin} → ${r.destination} minus the control ${used.origin} → ${used.destination}`}
      </Text>

      <h3 className="mt-3 text-tremor-default font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">Interrupted time series</h3>
      {panel.controlError && (
        <p role="alert" className="mt-1 text-tremor-default text-amber-900 dark:text-amber-200">
          {panel.controlError}. Shown without a control.
        </p>
      )}
      {its?.status === "ok" && (
        <div className="mt-1 space-y-1 text-tremor-default" data-testid="its-reading">
          <p className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{sentence(its.reading.level)}</p>
          <p>{sentence(its.reading.slope)}</p>
          {last && its.relativeEffect !== null && !used && (
            <p>
              In {last.period} the model&rsquo;s value is {pct(its.relativeEffect * 100)} against the counterfactual ({formatValue(last.fitted, unit, "card")} against{" "}
              {formatValue(last.counterfactual, unit, "card")}) — a ratio of two model values, given without an interval: it is only as sure as the two changes above.
            </p>
          )}
          <p className="text-tremor-label">
            n = {its.n} periods, {its.from}–{its.to}, the event&rsquo;s period {its.eventPeriod} left out; {its.k} coefficients, {its.lags} Newey–West lag{its.lags === 1 ? "" : "s"}, {its.df} degrees
            of freedom.
          </p>
        </div>
      )}
      {its && its.status !== "ok" && (
        <p className="mt-1 text-tremor-default" data-testid="its-reading">
          <span className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">Not enough data for an estimate</span> around {its.eventPeriod}: {its.reason}.
          {its.missing.length > 0 && <> Missing: {its.missing.join(", ")}.</>}
        </p>
      )}
      {!its && panel.itsError && (
        <p className="mt-1 text-tremor-default" data-testid="its-reading">
          No time-series estimate: {panel.itsError}.
        </p>
      )}

      {model && (
        <>
          <ItsPanelChart
            its={its!}
            event={toChartEvent(event, locale)}
            unit={unit}
            label={`${title}${used ? `, minus ${used.origin} → ${used.destination}` : ""}: ${its!.observed.map((o) => `${o.period} ${formatValue(o.value, unit, "tooltip")}`).join(", ")}${model.fitted ? "; with the model's fit and, after the event, the counterfactual and its 95 % band" : ""}`}
          />
          <Legend fitted={model.fitted} />
        </>
      )}

      {its && its.confounders.length > 0 && (
        <Static as="details" className="mt-3 text-tremor-default" data-testid="its-confounders" open={its.confounders.length <= 4}>
          <summary className="cursor-pointer">
            {its.status === "ok" && its.reading.confounders
              ? sentence(its.reading.confounders)
              : `Other events of this corridor in the window (${its.confounders.length}): their effects cannot be told apart from this one's.`}
          </summary>
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
        <nav aria-label={`Control corridor for ${title}`} className="mt-3 text-tremor-default" data-testid="control-picker">
          <span className="font-medium">Against a control corridor: </span>
          <ul className="inline-flex flex-wrap gap-x-3 gap-y-1">
            {[{ origin: "", destination: "", name: "none" }, ...controlOptions].map((o) => {
              const current = o.origin ? control?.origin === o.origin && control.destination === o.destination : !control;
              return (
                <li key={o.name}>
                  <Link
                    href={controlHref(path, params, id, o.origin ? o : null)}
                    scroll={false}
                    prefetch={false}
                    aria-current={current ? "page" : undefined}
                    className={current ? "font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong" : "text-tremor-brand underline dark:text-dark-tremor-brand"}
                  >
                    {o.name}
                  </Link>
                </li>
              );
            })}
          </ul>
          <p className="text-tremor-label">The model then runs on the difference between the two; pick a corridor the event did not touch.</p>
        </nav>
      )}

      {its && controlOptions.length === 0 && (
        <p className="mt-3 text-tremor-label" data-testid="control-picker">
          No control corridor to compare against: every other corridor with this indicator is one the event concerns.
        </p>
      )}

      {its && (
        <Static as="p" className="mt-3 text-tremor-label" data-testid="its-exports" data-print="hide">
          Download this estimate:{" "}
          {IMPACT_FORMATS.map((f, i) => (
            <span key={f}>
              {i > 0 && " · "}
              <a className="underline" href={impactExportHref(f, exportQuery, { download: "1", ...(f === "png" && { scale: "2" }) })}>
                {EXPORT_LABEL[f]}
              </a>
            </span>
          ))}
        </Static>
      )}
      {its && <MethodNote />}

      <div className="mt-4 flex flex-wrap items-start justify-between gap-2 border-t border-tremor-border pt-3 dark:border-dark-tremor-border">
        <h3 className="text-tremor-default font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
          Before and after: {r.window} periods each side of {c.eventPeriod || "the event"}, its own period excluded
        </h3>
        {around.length > 0 && (
          <ChartActions
            query={new URLSearchParams({ indicator: r.indicator.code, origin: r.origin, destination: r.destination, from: around[0]!, to: around.at(-1)!, events: event.id }).toString()}
            viewPath={`/events/${event.id}`}
            title={`${title}, around ${event.title}`}
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
                Comparison
              </th>
              <th scope="col">Before (mean)</th>
              <th scope="col">After (mean)</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-tremor-border dark:divide-dark-tremor-border">
            <tr>
              <td className="py-1.5">Around the event ({c.eventPeriod})</td>
              {c.status === "ok" ? (
                <>
                  <td title={formatValue(c.before.mean, unit, "table")}>
                    {formatValue(c.before.mean, unit, "card")} ({c.before.periods.join(", ")})
                  </td>
                  <td title={formatValue(c.after.mean, unit, "table")}>
                    {formatValue(c.after.mean, unit, "card")} ({c.after.periods.join(", ")})
                  </td>
                  <td>{pct(c.changePct)}</td>
                </>
              ) : (
                <td colSpan={3}>Not enough data: missing {c.missing.join(", ")}</td>
              )}
            </tr>
            <tr>
              <td className="py-1.5">A year earlier ({b.eventPeriod})</td>
              {b.status === "ok" ? (
                <>
                  <td>{formatValue(b.before.mean, unit, "card")}</td>
                  <td>{formatValue(b.after.mean, unit, "card")}</td>
                  <td>{pct(b.changePct)}</td>
                </>
              ) : (
                <td colSpan={3}>Not enough data: missing {b.missing.join(", ")}</td>
              )}
            </tr>
          </tbody>
        </table>
      </Static>
      <p className="mt-1 text-tremor-label">A plain comparison of means: it cannot tell an effect from a trend, a season or noise — the time series above can.</p>
      <SourceFooter sources={panel.sources} />
    </Card>
  );
}
