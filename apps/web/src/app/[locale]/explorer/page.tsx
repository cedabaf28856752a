import Form from "next/form";
import { redirect } from "next/navigation";
import { Card, Text, Title } from "@tremor/react";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { localePath } from "@/i18n/locale-path";
import type { Locale } from "@/i18n/routing";
import { chartActionLabels } from "@/server/chart-action-labels";
import { EventTitle } from "@/components/EventTitle";
import { corridors, events as corridorEvents, listIndicators, seriesSources } from "@corridor/data";
import { SourceFooter, SourcesSection } from "@/components/Sources";
import { KIND_COLOUR, KIND_GLYPH } from "@/lib/palette";
import { dateRange } from "@/lib/format";
import { db } from "@/server/db";
import { CompareChart } from "@/components/CompareChart";
import { CHART_TYPES, compareModel, explorerHref, FIND_PARAM, parseExplorerView, pickCorridors, PICKER_LIMIT, withFind } from "@/lib/explorer";
import { compareData } from "@/server/compare-data";
import { compareUnit, leftOutNotes } from "@/server/compare-words";
import { ChartActions } from "@/components/ChartActions";
import { toSearchParams } from "@/lib/params";
import { corridorWords, formatValue, frequencyName, indicatorName, unitName } from "@corridor/data/pure";
import { requirePageReader } from "@/server/page-auth";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function Explorer({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: SearchParams }) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const t = await getTranslations("Explorer");
  const kinds = await getTranslations("Kinds");
  const freq = await getTranslations("Frequency");
  const d = await getTranslations("Dashboard");
  const raw = toSearchParams(await searchParams);
  await requirePageReader(localePath(raw.size ? `/explorer?${raw}` : "/explorer", locale));
  const catalog = await listIndicators(await db());
  const view = parseExplorerView(
    raw,
    catalog.map((i) => i.code),
  );
  // The URL holds the view, canonically: defaults dropped, bad values replaced; the picker's search words after it.
  const canonical = explorerHref(view);
  const find = raw.get(FIND_PARAM)?.trim() || null;
  const address = withFind(canonical, find);
  const current = raw.toString() ? `/explorer?${raw.toString()}` : "/explorer";
  if (decodeURIComponent(current) !== decodeURIComponent(address)) redirect(localePath(address, locale));

  // Corridor names in the page's language; the stored labels (and snapshots) stay as loaded.
  const corridorName = (key: string, stored: string) => {
    if (locale === "en") return stored;
    const [o, dest] = key.split("-") as [string, string];
    return corridorWords(o, dest, locale);
  };
  // The picker: only the corridors holding the indicator are read, and only a few become checkboxes.
  const picker = pickCorridors(
    (await corridors(await db(), { indicator: view.indicator })).map((c) => {
      const key = `${c.origin}-${c.destination}`;
      return { key, label: corridorName(key, `${c.originName} → ${c.destinationName}`) };
    }),
    view.series,
    find,
  );
  const indicator = catalog.find((i) => i.code === view.indicator)!;
  const compared = await compareData(view);
  const { lines: loaded, unit, frequency, notShown = [] } = compared;
  const { merged, rows, bars, domain, ticks } = compareModel(loaded);
  const lines = loaded.map((l) => ({ ...l, label: corridorName(l.key, l.label) }));
  const indicatorTitle = indicatorName(indicator, locale);
  // Every corridor drawn, with its sources and the imports that brought its values.
  const sourced = await Promise.all(
    loaded.map(async (l) => {
      const [origin, destination] = l.key.split("-") as [string, string];
      return {
        key: l.key,
        title: `${indicatorTitle}: ${corridorName(l.key, l.label)}`,
        sources: await seriesSources(await db(), { indicator: view.indicator, origin, destination, from: view.from ?? undefined, to: view.to ?? undefined }),
      };
    }),
  );
  const allSources = sourced.flatMap((s) => s.sources);
  // Each corridor's own events in the range drawn (as its dashboard chart shows them), once each.
  const range = merged.length ? { from: merged[0]!.start, to: merged.at(-1)!.end } : null;
  const found = range
    ? (
        await Promise.all(
          loaded.map((l) => l.key.split("-") as [string, string]).map(async ([origin, destination]) => corridorEvents(await db(), { corridor: { origin, destination, related: false }, ...range })),
        )
      ).flat()
    : [];
  const shown = [...new Map(found.map((e) => [e.id, e])).values()].sort((a, b) => a.startsOn.localeCompare(b.startsOn));

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">{t("heading")}</h1>
      <Form
        key={address}
        action={localePath("/explorer", locale)}
        className="grid gap-3 rounded-tremor-default border border-tremor-border bg-tremor-background p-4 text-tremor-default sm:grid-cols-2 lg:grid-cols-4 dark:border-dark-tremor-border dark:bg-dark-tremor-background"
      >
        <label className="lg:col-span-2">
          {t("indicator")}
          <select name="indicator" defaultValue={view.indicator} className="mt-1 block w-full rounded-tremor-small border-tremor-border py-1 dark:bg-dark-tremor-background">
            {catalog.map((i) => (
              <option key={i.code} value={i.code}>
                {indicatorName(i, locale)} ({unitName(i.unit, locale)})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("frequency")}
          <select name="frequency" defaultValue={view.frequency ?? ""} className="mt-1 block w-full rounded-tremor-small border-tremor-border py-1 dark:bg-dark-tremor-background">
            <option value="">{t("asPublished")}</option>
            {(["A", "H", "Q", "M", "D"] as const).map((f) => (
              <option key={f} value={f}>
                {t(`freq.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("chart")}
          <select name="chart" defaultValue={view.chart} className="mt-1 block w-full rounded-tremor-small border-tremor-border py-1 dark:bg-dark-tremor-background">
            {CHART_TYPES.map((c) => (
              <option key={c} value={c}>
                {t(`chartType.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("from")}{" "}
          <input
            name="from"
            defaultValue={view.from ?? ""}
            placeholder={t("earliest")}
            className="mt-1 block w-full rounded-tremor-small border-tremor-border py-1 placeholder:italic placeholder:text-tremor-content-subtle dark:bg-dark-tremor-background dark:placeholder:text-dark-tremor-content-subtle"
          />
        </label>
        <label>
          {t("to")}{" "}
          <input
            name="to"
            defaultValue={view.to ?? ""}
            placeholder={t("latest")}
            className="mt-1 block w-full rounded-tremor-small border-tremor-border py-1 placeholder:italic placeholder:text-tremor-content-subtle dark:bg-dark-tremor-background dark:placeholder:text-dark-tremor-content-subtle"
          />
        </label>
        <label>
          {t("indexAt")}{" "}
          <input
            name="index"
            defaultValue={view.index ?? ""}
            placeholder={t("indexPlaceholder")}
            className="mt-1 block w-full rounded-tremor-small border-tremor-border py-1 placeholder:italic placeholder:text-tremor-content-subtle dark:bg-dark-tremor-background dark:placeholder:text-dark-tremor-content-subtle"
          />
        </label>
        <label className="flex items-center gap-2 self-end">
          <input type="checkbox" name="log" value="1" defaultChecked={view.log} /> {t("logScale")}
        </label>
        <fieldset className="sm:col-span-2 lg:col-span-4">
          <legend>{t("corridors")}</legend>
          {picker.searchable && (
            // A search the server answers (a GET like the rest of the form, so it works without JavaScript);
            // Enter in the field submits with Find, the form's first button.
            <div className="mt-1 flex flex-wrap items-end gap-2">
              <label className="min-w-0 flex-1 sm:flex-none">
                {t("findCorridor")}
                <input
                  type="search"
                  name={FIND_PARAM}
                  defaultValue={find ?? ""}
                  placeholder={t("findPlaceholder")}
                  className="mt-1 block w-full rounded-tremor-small border-tremor-border py-1 placeholder:italic placeholder:text-tremor-content-subtle sm:w-72 dark:bg-dark-tremor-background dark:placeholder:text-dark-tremor-content-subtle"
                />
              </label>
              <button type="submit" className="shrink-0 rounded-tremor-small border border-tremor-brand px-3 py-1 text-tremor-brand dark:border-dark-tremor-brand dark:text-dark-tremor-brand">
                {t("find")}
              </button>
              <p role="status" className="basis-full text-tremor-label text-tremor-content dark:text-dark-tremor-content" data-testid="picker-status">
                {picker.matches === null ? t("pickerHint", { total: picker.total }) : t("pickerMatches", { count: picker.matches, find: find ?? "" })}
                {picker.matches !== null && picker.matches > PICKER_LIMIT ? t("pickerFirst", { shown: PICKER_LIMIT }) : ""}
              </p>
            </div>
          )}
          <div className="mt-1 flex flex-wrap gap-3">
            {picker.choices.map((c) => (
              <label key={c.key} className="flex items-center gap-1">
                <input type="checkbox" name="series" value={c.key} defaultChecked={view.series.includes(c.key)} /> {c.label}
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <button type="submit" className="rounded-tremor-small bg-tremor-brand px-3 py-1.5 text-white">
            {t("show")}
          </button>
        </div>
      </Form>

      <Card className="p-4">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div>
            <Title>{indicatorTitle}</Title>
            <Text>
              {compareUnit(unit, view.index, locale)}
              {view.log ? t("logSuffix") : ""}
              {frequency ? `, ${frequencyName(frequency, locale)}${view.frequency ? "" : t("asPublishedSuffix")}` : ""}
            </Text>
          </div>
          {rows.length > 0 && (
            <ChartActions
              kind="compare"
              query={canonical.split("?")[1] ?? ""}
              viewPath={localePath(canonical, locale)}
              title={`${indicatorTitle}: ${lines.map((l) => l.label).join(", ")}`}
              locale={locale}
              labels={await chartActionLabels()}
            />
          )}
        </div>
        {leftOutNotes(compared, locale).map((n) => (
          <Text key={n.text} className="text-amber-700" lang={n.lang}>
            {n.text}
          </Text>
        ))}
        {notShown.length > 0 && (
          // The same rule as the dashboard: one frequency drawn, the others said and one click away.
          <ul className="mt-1 text-tremor-default" data-testid="not-shown">
            {notShown.map((n) => (
              <li key={n.frequency}>
                {d("notShown", { count: n.count, frequency: freq(n.frequency), range: n.first === n.last ? n.first : d("periodRange", { from: n.first, to: n.last }) })} —{" "}
                <Link href={explorerHref({ ...view, frequency: n.frequency })} className="underline underline-offset-2">
                  {d("showThem")}
                </Link>
              </li>
            ))}
          </ul>
        )}
        {rows.length > 0 ? (
          <CompareChart
            id="explorer-chart"
            rows={rows}
            bars={bars}
            series={lines.map((s) => ({ key: s.key, label: s.label }))}
            chart={view.chart}
            log={view.log}
            unit={unit}
            ticks={ticks}
            domain={domain}
            locale={locale}
            events={shown.map((e) => ({ id: e.id, title: e.title, kind: e.kind, t: Date.parse(`${e.startsOn}T00:00:00Z`) }))}
          />
        ) : (
          <Text className="mt-4">{t("nothing")}</Text>
        )}
        {rows.length > 0 && <SourceFooter sources={allSources} />}
        {shown.length > 0 && (
          <details className="mt-2" data-testid="explorer-events">
            <summary className="cursor-pointer">{t("eventsInPeriod", { count: shown.length })}</summary>
            <ul className="mt-1 space-y-0.5 text-tremor-default">
              {shown.map((e) => (
                <li key={e.id}>
                  <span aria-hidden="true" style={{ color: KIND_COLOUR[e.kind] }}>
                    {KIND_GLYPH[e.kind]}
                  </span>{" "}
                  <span className="text-tremor-content-subtle dark:text-dark-tremor-content-subtle">{kinds(e.kind)}</span> · {dateRange(e.startsOn, e.endsOn, e.datePrecision, locale)} ·{" "}
                  <Link className="text-tremor-brand underline dark:text-dark-tremor-brand" href={`/events/${e.id}`}>
                    <EventTitle event={e} />
                  </Link>
                </li>
              ))}
            </ul>
          </details>
        )}
        <details className="mt-2" open={rows.length > 0 && rows.length <= 12}>
          <summary className="cursor-pointer">{t("dataTable")}</summary>
          <div className="overflow-x-auto">
            <table className="mt-2 w-full text-left text-tremor-default" data-testid="explorer-table">
              <thead>
                <tr>
                  <th scope="col">{t("period")}</th>
                  {lines.map((s) => (
                    <th key={s.key} scope="col" className="text-right">
                      {s.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {merged.map((r) => (
                  <tr key={r.period}>
                    <td>{r.period}</td>
                    {loaded.map((s) => (
                      <td key={s.key} className="text-right tabular-nums">
                        {r.values[s.key] === null ? "—" : formatValue(r.values[s.key]!, unit, "table", { locale })}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.length > 0 && <SourceFooter sources={allSources} testId="table-source-footer" />}
        </details>
      </Card>
      {sourced.some((s) => s.sources.length > 0) && <SourcesSection series={sourced} />}
    </div>
  );
}
