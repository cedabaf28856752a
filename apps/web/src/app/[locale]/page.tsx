/** The dashboard (`/`): renders one corridor's view; server/dashboard-data.ts loads it. */
import Form from "next/form";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link, ViewLink } from "@/i18n/navigation";
import { localePath } from "@/i18n/locale-path";
import type { Locale } from "@/i18n/routing";
import { Card, Metric, Text, Title } from "@tremor/react";
import { Sparkline } from "@/components/Sparkline";
import { ChartOnDemand } from "@/components/ChartOnDemand";
import { ChartPlaceholder } from "@/components/ChartPlaceholder";
import { CaveatLegend } from "@/components/CaveatLegend";
import { ChartActions } from "@/components/ChartActions";
import { Static } from "@/components/Static";
import { SourceFooter, SourcesSection } from "@/components/Sources";
import { dashboardChartQuery, dashboardFallbacks, dashboardHref, parseDashboardView, toSearchParams, type DashboardView } from "@/lib/params";
import { EventListItem } from "@/components/EventListItem";
import { KIND_COLOUR } from "@/lib/palette";
import { KIND_ORDER } from "@/lib/chart-model";
import { boundMeaning, flagMeaning, formatValue, indicatorName, seriesTitle, unitName, type Bound } from "@corridor/data/pure";
import { date, pct } from "@/lib/format";
import { observationHref } from "@/lib/observation-query";
import { requirePageReader } from "@/server/page-auth";
import { dashboardData } from "@/server/dashboard-data";
import { chartActionLabels } from "@/server/chart-action-labels";
import { chartWords } from "@/server/chart-words";
import { markWords } from "@/lib/chart-words";

// Reads the database on every request; nothing to prerender at build time.
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
type Translate = Awaited<ReturnType<typeof getTranslations<"Dashboard">>>;

export default async function Dashboard({ params: routeParams, searchParams }: { params: Promise<{ locale: string }>; searchParams: SearchParams }) {
  const locale = (await routeParams).locale as Locale;
  setRequestLocale(locale);
  const t = await getTranslations("Dashboard");
  const kinds = await getTranslations("Kinds");
  const freq = await getTranslations("Frequency");
  // Only the words the chart marks use travel to the client component.
  const words = markWords(chartWords(locale));
  const params = toSearchParams(await searchParams);
  await requirePageReader(localePath(params.size ? `/?${params}` : "/", locale));
  const view = parseDashboardView(params);
  const { origin, destination } = view;
  const { names, originName, destinationName, origins, destinations, kpis, main, events, inRange, notShown, mainSources, sources } = await dashboardData(view, locale);
  const fallbacks = dashboardFallbacks(params, view);
  const toggle = (kind: string): DashboardView => ({ ...view, hide: view.hide.includes(kind) ? view.hide.filter((k) => k !== kind) : [...view.hide, kind] });

  // On a phone the main chart comes right after the corridor's name, the cards below it (the
  // cards first put the chart two screens down); from `sm` up the order is the source order.
  return (
    <div className="flex flex-col gap-6">
      {fallbacks.length > 0 && (
        <Card className="p-3" decoration="left" decorationColor="amber" role="status" data-testid="fallback">
          <Text>
            {fallbacks.map((f) => (f.parameter === "indicator" ? t("noIndicator", { asked: f.asked }) : t("noDataFor", { parameter: f.parameter, asked: f.asked }))).join("; ")} —{" "}
            {t("showingInstead", { what: main ? `${indicatorName(main.indicator, locale)}, ` : "", origin: originName, destination: destinationName })}
          </Text>
        </Card>
      )}
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
            {originName} → {destinationName}
          </h1>
          <Text>{t("tagline")}</Text>
        </div>
        <Form key={dashboardHref(view)} action={localePath("/", locale)} prefetch={false} className="flex w-full flex-wrap items-end gap-2 sm:w-auto sm:flex-nowrap" aria-label={t("chooseCorridor")}>
          {/* On a phone From takes a row and To shares one with Show: "Russian Federation" whole, not "Russian Federa". */}
          <label className="basis-full text-tremor-label sm:basis-auto">
            {t("from")}
            <select
              name="origin"
              defaultValue={origin}
              className="mt-1 block w-full rounded-tremor-small sm:w-auto sm:max-w-[14rem] border-tremor-border py-1 text-tremor-default dark:bg-dark-tremor-background"
            >
              {origins.map((c) => (
                <option key={c} value={c}>
                  {names.get(c) ?? c}
                </option>
              ))}
            </select>
          </label>
          <label className="min-w-0 flex-1 text-tremor-label sm:flex-none">
            {t("to")}
            <select
              name="destination"
              defaultValue={destination}
              className="mt-1 block w-full rounded-tremor-small sm:w-auto sm:max-w-[14rem] border-tremor-border py-1 text-tremor-default dark:bg-dark-tremor-background"
            >
              {destinations.map((c) => (
                <option key={c} value={c}>
                  {names.get(c) ?? c}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="shrink-0 rounded-tremor-small bg-tremor-brand px-3 py-1.5 text-tremor-default text-white">
            {t("show")}
          </button>
        </Form>
      </div>

      {kpis.length === 0 && (
        <Card>
          <Text>{t("noData")}</Text>
        </Card>
      )}
      {/* Static: server markup the browser keeps as it came, not hydrated (no client code inside). */}
      <Static as="section" aria-label={t("latestFigures")} className="grid gap-4 max-sm:order-1 print:order-1 sm:grid-cols-2 lg:grid-cols-3">
        {kpis.map(({ latest: k, destination: side, points: spark, stale }) => {
          const unit = k.indicator.unit;
          const comparison = k.yearAgo ?? k.previous;
          const delta = comparison?.comparable ? comparison.changePct : null;
          return (
            <Card key={`${k.indicator.code}>${side}`} className="min-w-0 p-4" data-testid="kpi-card">
              <div className="flex items-start justify-between gap-2">
                <Text className="font-medium">
                  <Link href={dashboardHref({ ...view, indicator: k.indicator.code })} className="hover:underline">
                    {indicatorName(k.indicator, locale)}
                  </Link>{" "}
                  {side === "WLD" ? t("fromAllCountries", { origin: originName }) : t("corridor", { origin: originName, destination: destinationName })}
                </Text>
                {delta !== null && delta !== undefined && (
                  <span
                    className={`shrink-0 rounded-tremor-small px-1.5 py-0.5 text-tremor-label font-medium ${delta > 0 ? "bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200" : delta < 0 ? "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200" : "bg-gray-100 text-gray-800"}`}
                    title={t("changeOn", { change: pct(delta, locale), period: comparison?.period ?? "" })}
                  >
                    {delta > 0 ? "▲" : delta < 0 ? "▼" : "="} {pct(delta, locale)}
                  </span>
                )}
              </div>
              <Metric className="mt-1" data-testid="kpi-value">
                {formatValue(k.value, unit, "card", { bound: k.bound, locale })}
                {k.flag ? (
                  <sup title={flagMeaning(k.flag, locale) ?? undefined} className="ml-1 text-tremor-label">
                    {k.flag}
                  </sup>
                ) : null}
              </Metric>
              <Text className="text-tremor-label">
                {stale ? t("latestPublished", { period: k.period }) : k.period}
                {k.bound ? ` · ${boundMeaning(k.bound, locale)}` : ""}
                {k.flag ? ` · ${k.flag} = ${flagMeaning(k.flag, locale)}` : ""}
              </Text>
              <Text className="text-tremor-label" data-testid="kpi-change">
                {!comparison
                  ? t("noEarlier")
                  : comparison.comparable
                    ? t("changeOn", { change: pct(comparison.changePct, locale), period: comparison.period })
                    : t("notComparable", {
                        period: comparison.period,
                        why:
                          comparison.whyNot === "flag"
                            ? [
                                k.flag && t("periodIs", { period: k.period, meaning: flagMeaning(k.flag, locale) ?? "" }),
                                comparison.flag && t("periodIs", { period: comparison.period, meaning: flagMeaning(comparison.flag, locale) ?? "" }),
                              ]
                                .filter(Boolean)
                                .join(", ")
                            : comparison.whyNot === "bound"
                              ? [
                                  k.bound && t("periodIs", { period: k.period, meaning: boundMeaning(k.bound, locale) ?? "" }),
                                  comparison.bound && t("periodIs", { period: comparison.period, meaning: boundMeaning(comparison.bound, locale) ?? "" }),
                                ]
                                  .filter(Boolean)
                                  .join(", ")
                              : t("differentSources"),
                      })}
              </Text>
              {comparison && !comparison.comparable && comparison.whyNot === "source" && (
                <ul className="mt-1 space-y-0.5 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                  {[
                    [k.period, k.source],
                    [comparison.period, comparison.source],
                  ].map(([period, source]) => (
                    <li key={period} className="truncate" title={source ?? t("noSource")}>
                      {period}: {source ?? t("noSource")}
                    </li>
                  ))}
                </ul>
              )}
              <Sparkline values={spark.map((p) => p.value)} label={`${indicatorName(k.indicator, locale)}, ${spark[0]?.period}–${spark.at(-1)?.period}`} />
              {k.source && (
                <Text className="mt-2 truncate text-tremor-label" title={k.source}>
                  {t("source", { source: k.source })}
                </Text>
              )}
            </Card>
          );
        })}
      </Static>

      {main && (
        <Card className="p-4">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <Title data-testid="main-chart-title">{seriesTitle(main, locale).title}</Title>
            <Text>{seriesTitle(main, locale).subtitle}</Text>
          </div>
          <div className="mt-2 flex justify-end">
            <ChartActions
              query={dashboardChartQuery(view, main.destination, main.indicator.code)}
              viewPath={localePath(dashboardHref(view), locale)}
              title={seriesTitle(main, locale).title}
              locale={locale}
              labels={await chartActionLabels()}
            />
          </div>
          <fieldset className="mt-3 flex flex-wrap gap-2" aria-label={t("kindsShown")} data-print="hide">
            {KIND_ORDER.filter((k) => inRange.some((e) => e.kind === k)).map((k) => {
              const shown = !view.hide.includes(k);
              return (
                <ViewLink
                  key={k}
                  href={dashboardHref(toggle(k))}
                  scroll={false}
                  aria-pressed={shown}
                  role="button"
                  className={`inline-flex items-center gap-1.5 rounded-tremor-full border px-2.5 py-0.5 text-tremor-label ${shown ? "bg-tremor-background text-tremor-content-strong dark:bg-dark-tremor-background dark:text-dark-tremor-content-strong" : "border-tremor-border text-tremor-content-subtle line-through dark:border-dark-tremor-border"}`}
                  style={shown ? { borderColor: KIND_COLOUR[k] } : undefined}
                >
                  <span aria-hidden className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: shown ? KIND_COLOUR[k] : "transparent", border: `1.5px solid ${KIND_COLOUR[k]}` }} />
                  {kinds(k)}
                </ViewLink>
              );
            })}
          </fieldset>
          {inRange.some((e) => e.related && !view.hide.includes(e.kind)) && (
            // The layer's legend entry: drawn as EventMarker's hollow ring and a dotted mark on the plot.
            <p className="mt-2 flex items-center gap-1.5 text-tremor-label" data-testid="related-legend">
              <span aria-hidden className="h-2.5 w-2.5 rounded-full border-[1.5px] border-dashed border-tremor-content dark:border-dark-tremor-content" />
              {t("relatedLegend")}
            </p>
          )}
          <p className="mt-2 text-tremor-label" data-print="hide">
            <ViewLink href={dashboardHref({ ...view, related: !view.related })} scroll={false} aria-pressed={view.related} role="button" data-testid="related-toggle" className="underline">
              {view.related ? t("hideRelated") : t("showRelated", { origin: originName, destination: destinationName })}
            </ViewLink>
          </p>
          <div className="mt-2" data-testid="main-chart">
            <ChartOnDemand
              id="main-chart"
              points={main.points}
              events={inRange}
              frequency={main.frequency}
              unit={main.indicator.unit}
              label={indicatorName(main.indicator, locale)}
              hiddenKinds={view.hide}
              words={words}
            >
              <ChartPlaceholder unit={main.indicator.unit} points={main.points} events={inRange} frequency={main.frequency} hiddenKinds={view.hide} words={words} />
            </ChartOnDemand>
          </div>
          <CaveatLegend events={inRange.filter((e) => !view.hide.includes(e.kind))} />
          <p className="mt-2 text-tremor-default" data-testid="chart-summary">
            {summarise(t, locale, main.points, main.indicator.unit, originName, inRange.filter((e) => !view.hide.includes(e.kind)).length)}
          </p>
          {notShown.length > 0 && (
            // Values at other frequencies are never dropped silently: say how many, and switch to them.
            <ul className="mt-1 text-tremor-default" data-testid="not-shown">
              {notShown.map((n) => (
                <li key={n.frequency}>
                  {t("notShown", { count: n.count, frequency: freq(n.frequency), range: n.first === n.last ? n.first : t("periodRange", { from: n.first, to: n.last }) })} —{" "}
                  <Link href={dashboardHref({ ...view, frequency: n.frequency })} className="underline underline-offset-2">
                    {t("showThem")}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <SourceFooter sources={mainSources} />
          <Static as="details" className="mt-2">
            <summary className="cursor-pointer text-tremor-default">{t("dataTable")}</summary>
            <table className="mt-2 w-full text-left text-tremor-default">
              <caption className="sr-only">
                {indicatorName(main.indicator, locale)}, {originName}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("period")}</th>
                  <th scope="col" className="text-right">
                    {t("value", { unit: unitName(main.indicator.unit, locale) })}
                  </th>
                  <th scope="col">{t("flag")}</th>
                </tr>
              </thead>
              <tbody>
                {main.points.map((p) => (
                  <tr key={p.period}>
                    <td>{p.period}</td>
                    <td className="text-right tabular-nums">
                      {p.rolledUpFrom === undefined ? (
                        <Link
                          href={observationHref({ indicator: main.indicator.code, origin: main.origin, destination: main.destination, period: p.period })}
                          className="hover:underline"
                          title={t("observationHistory")}
                        >
                          {formatValue(p.value, main.indicator.unit, "table", { bound: p.bound, locale })}
                        </Link>
                      ) : (
                        // A roll-up is computed, not stored: it has no history of its own.
                        <span title={t("rolledUp", { count: p.rolledUpFrom })}>{formatValue(p.value, main.indicator.unit, "table", { bound: p.bound, locale })}</span>
                      )}
                    </td>
                    <td>{[p.bound && boundMeaning(p.bound, locale), p.flag && `${p.flag}: ${flagMeaning(p.flag, locale)}`].filter(Boolean).join("; ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <SourceFooter sources={mainSources} testId="table-source-footer" />
          </Static>
        </Card>
      )}

      <Card className="p-4 max-sm:order-2 print:order-2">
        <Title>{t("recentEvents")}</Title>
        <Static as="ul" className="mt-2 divide-y divide-tremor-border dark:divide-dark-tremor-border">
          {[...events]
            .reverse()
            .slice(0, 6)
            .map((e) => (
              <EventListItem key={e.id} event={e} className="py-2" />
            ))}
        </Static>
      </Card>

      {/* Last on phones and paper too, where the chart moves first and the cards and events follow it. */}
      {sources.length > 0 && (
        <Static className="max-sm:order-3 print:order-3">
          <SourcesSection series={sources} />
        </Static>
      )}
    </div>
  );
}

function summarise(t: Translate, locale: Locale, points: { period: string; start: string; end: string; value: number; bound?: Bound }[], unit: string, who: string, events: number): string {
  if (points.length === 0) return t("noValues");
  const card = (p: (typeof points)[number]) => formatValue(p.value, unit, "card", { bound: p.bound, locale });
  const marked = t("eventsMarked", { count: events });
  if (points.length === 1) {
    const p = points[0]!;
    return `${p.start === p.end ? t("oneValueOn", { who, date: date(p.start, "day", locale), value: card(p) }) : t("oneValueFor", { who, period: p.period, value: card(p) })} ${marked}`;
  }
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const peak = points.reduce((a, b) => (b.value > a.value ? b : a));
  return `${t("summary", { who, first: card(first), firstPeriod: first.period, last: card(last), lastPeriod: last.period, peak: card(peak), peakPeriod: peak.period })} ${marked}`;
}
