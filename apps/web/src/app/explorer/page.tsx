import Form from "next/form";
import { redirect } from "next/navigation";
import { Card, Text, Title } from "@tremor/react";
import Link from "next/link";
import { corridors, events as corridorEvents, listIndicators, seriesSources } from "@corridor/data";
import { SourceFooter, SourcesSection } from "@/components/Sources";
import { KIND_COLOUR, KIND_GLYPH, KIND_LABEL } from "@/lib/palette";
import { dateRange } from "@/lib/format";
import { db } from "@/server/db";
import { CompareChart } from "@/components/CompareChart";
import { CHART_TYPES, compareModel, explorerHref, parseExplorerView } from "@/lib/explorer";
import { compareData } from "@/server/compare-data";
import { ChartActions } from "@/components/ChartActions";
import { toSearchParams } from "@/lib/params";
import { FREQUENCY_NAME, formatValue } from "@corridor/data/pure";
import { requirePageReader } from "@/server/page-auth";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function Explorer({ searchParams }: { searchParams: SearchParams }) {
  const raw = toSearchParams(await searchParams);
  await requirePageReader(raw.size ? `/explorer?${raw}` : "/explorer");
  const catalog = await listIndicators(db());
  const view = parseExplorerView(
    raw,
    catalog.map((i) => i.code),
  );
  // The URL holds the view, canonically: defaults dropped, bad values replaced.
  const canonical = explorerHref(view);
  const current = raw.toString() ? `/explorer?${raw.toString()}` : "/explorer";
  if (decodeURIComponent(current) !== decodeURIComponent(canonical)) redirect(canonical);

  const all = await corridors(db());
  const withIndicator = all.filter((c) => c.indicators.some((i) => i.code === view.indicator));
  const indicator = catalog.find((i) => i.code === view.indicator)!;
  const { lines: loaded, notes, unit, frequency, notShown = [] } = await compareData(view);
  const { merged, rows, bars, domain, ticks } = compareModel(loaded);
  // Every corridor drawn, with its sources and the imports that brought its values.
  const sourced = await Promise.all(
    loaded.map(async (l) => {
      const [origin, destination] = l.key.split("-") as [string, string];
      return {
        key: l.key,
        title: `${indicator.name}: ${l.label}`,
        sources: await seriesSources(db(), { indicator: view.indicator, origin, destination, from: view.from ?? undefined, to: view.to ?? undefined }),
      };
    }),
  );
  const allSources = sourced.flatMap((s) => s.sources);
  // Each corridor's own events in the range drawn (as its dashboard chart shows them), once each.
  const range = merged.length ? { from: merged[0]!.start, to: merged.at(-1)!.end } : null;
  const found = range
    ? (
        await Promise.all(loaded.map((l) => l.key.split("-") as [string, string]).map(([origin, destination]) => corridorEvents(db(), { corridor: { origin, destination, related: false }, ...range })))
      ).flat()
    : [];
  const shown = [...new Map(found.map((e) => [e.id, e])).values()].sort((a, b) => a.startsOn.localeCompare(b.startsOn));

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">Explorer</h1>
      <Form
        key={canonical}
        action="/explorer"
        className="grid gap-3 rounded-tremor-default border border-tremor-border bg-tremor-background p-4 text-tremor-default sm:grid-cols-2 lg:grid-cols-4 dark:border-dark-tremor-border dark:bg-dark-tremor-background"
      >
        <label className="lg:col-span-2">
          Indicator
          <select name="indicator" defaultValue={view.indicator} className="mt-1 block w-full rounded-tremor-small border-tremor-border py-1 dark:bg-dark-tremor-background">
            {catalog.map((i) => (
              <option key={i.code} value={i.code}>
                {i.name} ({i.unit})
              </option>
            ))}
          </select>
        </label>
        <label>
          Frequency
          <select name="frequency" defaultValue={view.frequency ?? ""} className="mt-1 block w-full rounded-tremor-small border-tremor-border py-1 dark:bg-dark-tremor-background">
            <option value="">As published</option>
            <option value="A">Annual</option>
            <option value="H">Half-yearly</option>
            <option value="Q">Quarterly</option>
            <option value="M">Monthly</option>
            <option value="D">Daily snapshots</option>
          </select>
        </label>
        <label>
          Chart
          <select name="chart" defaultValue={view.chart} className="mt-1 block w-full rounded-tremor-small border-tremor-border py-1 dark:bg-dark-tremor-background">
            {CHART_TYPES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          From{" "}
          <input
            name="from"
            defaultValue={view.from ?? ""}
            placeholder="earliest"
            className="mt-1 block w-full rounded-tremor-small border-tremor-border py-1 placeholder:italic placeholder:text-tremor-content-subtle dark:bg-dark-tremor-background dark:placeholder:text-dark-tremor-content-subtle"
          />
        </label>
        <label>
          To{" "}
          <input
            name="to"
            defaultValue={view.to ?? ""}
            placeholder="latest"
            className="mt-1 block w-full rounded-tremor-small border-tremor-border py-1 placeholder:italic placeholder:text-tremor-content-subtle dark:bg-dark-tremor-background dark:placeholder:text-dark-tremor-content-subtle"
          />
        </label>
        <label>
          Index = 100 at{" "}
          <input
            name="index"
            defaultValue={view.index ?? ""}
            placeholder="none, e.g. 2015"
            className="mt-1 block w-full rounded-tremor-small border-tremor-border py-1 placeholder:italic placeholder:text-tremor-content-subtle dark:bg-dark-tremor-background dark:placeholder:text-dark-tremor-content-subtle"
          />
        </label>
        <label className="flex items-center gap-2 self-end">
          <input type="checkbox" name="log" value="1" defaultChecked={view.log} /> Log scale
        </label>
        <fieldset className="sm:col-span-2 lg:col-span-4">
          <legend>Corridors with this indicator</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {withIndicator.map((c) => {
              const key = `${c.origin}-${c.destination}`;
              return (
                <label key={key} className="flex items-center gap-1">
                  <input type="checkbox" name="series" value={key} defaultChecked={view.series.includes(key)} /> {c.originName} → {c.destinationName}
                </label>
              );
            })}
          </div>
        </fieldset>
        <div>
          <button type="submit" className="rounded-tremor-small bg-tremor-brand px-3 py-1.5 text-white">
            Show
          </button>
        </div>
      </Form>

      <Card className="p-4">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div>
            <Title>{indicator.name}</Title>
            <Text>
              {unit}
              {view.log ? ", log scale" : ""}
              {frequency ? `, ${FREQUENCY_NAME[frequency]}${view.frequency ? "" : " (as published)"}` : ""}
            </Text>
          </div>
          {rows.length > 0 && <ChartActions kind="compare" query={canonical.split("?")[1] ?? ""} viewPath={canonical} title={`${indicator.name}: ${loaded.map((l) => l.label).join(", ")}`} />}
        </div>
        {notes.map((n) => (
          <Text key={n} className="text-amber-700">
            {n}
          </Text>
        ))}
        {notShown.length > 0 && (
          // The same rule as the dashboard: one frequency drawn, the others said and one click away.
          <ul className="mt-1 text-tremor-default" data-testid="not-shown">
            {notShown.map((n) => (
              <li key={n.frequency}>
                {n.sentence} —{" "}
                <Link href={explorerHref({ ...view, frequency: n.frequency })} className="underline underline-offset-2">
                  show them
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
            series={loaded.map((s) => ({ key: s.key, label: s.label }))}
            chart={view.chart}
            log={view.log}
            unit={unit}
            ticks={ticks}
            domain={domain}
            events={shown.map((e) => ({ id: e.id, title: e.title, kind: e.kind, t: Date.parse(`${e.startsOn}T00:00:00Z`) }))}
          />
        ) : (
          <Text className="mt-4">Nothing to chart: choose corridors that have this indicator.</Text>
        )}
        {rows.length > 0 && <SourceFooter sources={allSources} />}
        {shown.length > 0 && (
          <details className="mt-2" data-testid="explorer-events">
            <summary className="cursor-pointer">Events in this period ({shown.length})</summary>
            <ul className="mt-1 space-y-0.5 text-tremor-default">
              {shown.map((e) => (
                <li key={e.id}>
                  <span aria-hidden="true" style={{ color: KIND_COLOUR[e.kind] }}>
                    {KIND_GLYPH[e.kind]}
                  </span>{" "}
                  <span className="text-tremor-content-subtle dark:text-dark-tremor-content-subtle">{KIND_LABEL[e.kind]}</span> · {dateRange(e.startsOn, e.endsOn, e.datePrecision)} ·{" "}
                  <Link className="text-tremor-brand underline dark:text-dark-tremor-brand" href={`/events/${e.id}`}>
                    {e.title}
                  </Link>
                </li>
              ))}
            </ul>
          </details>
        )}
        <details className="mt-2" open={rows.length > 0 && rows.length <= 12}>
          <summary className="cursor-pointer">Data table</summary>
          <div className="overflow-x-auto">
            <table className="mt-2 w-full text-left text-tremor-default" data-testid="explorer-table">
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  {loaded.map((s) => (
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
                        {r.values[s.key] === null ? "—" : formatValue(r.values[s.key]!, unit, "table")}
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
