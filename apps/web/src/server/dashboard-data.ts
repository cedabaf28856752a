/**
 * What the dashboard (`/`) loads on the server for one view: the corridor choices, a KPI per
 * indicator and side, the main series and the corridor's events. The page only renders it.
 */
import "server-only";
import {
  corridorCountries,
  corridorIndicators,
  corridors,
  eventInRange,
  latestOf,
  listEvents,
  series,
  seriesRange,
  seriesSources,
  type LatestValue,
  type Series,
  type SeriesSource,
} from "@corridor/data";
import { countryName, isStale, seriesTitle } from "@corridor/data/pure";
import type { Locale } from "@/i18n/routing";
import type { SourcedSeries } from "@/components/Sources";
import { db } from "@/server/db";
import { toChartEvent, valuesNotShown, type ChartEvent, type NotShown } from "@/lib/chart-model";
import type { DashboardView } from "@/lib/params";

export interface DashboardKpi {
  latest: LatestValue;
  destination: string;
  points: Series["points"];
  /** The latest value is old enough that the card must say "latest published: 2017", not pass it off as current. */
  stale: boolean;
}

export interface DashboardData {
  /** Country code → name in the page's language, for every country with data. */
  names: Map<string, string>;
  originName: string;
  destinationName: string;
  /** The corridor form's choices. */
  origins: string[];
  destinations: string[];
  kpis: DashboardKpi[];
  /** The chosen indicator's series, null when the corridor has no data. */
  main: Series | null;
  /** Every event of the corridor, oldest first (the "Recent events" list); with `related`, others' marked `related`. */
  events: Awaited<ReturnType<typeof listEvents>>;
  /** The events within the main series' range, as the chart draws them. */
  inRange: ChartEvent[];
  /** The main series' values at other frequencies than the one drawn (said under the chart, with a link). */
  notShown: NotShown[];
  /** Where the main chart's values come from (its footer). */
  mainSources: SeriesSource[];
  /** Every series the view shows (cards and main chart), with its sources and imports: the Sources section. */
  sources: SourcedSeries[];
}

export async function dashboardData(view: DashboardView, locale: Locale = "en"): Promise<DashboardData> {
  const { origin, destination } = view;
  // A corridor's flows: what moves between the two countries, and what the origin receives from
  // everywhere — read alone, not picked out of every corridor (≈ 1,500 at 10M observations).
  // On PostgreSQL the reads below go out together, each on a pooled connection of its own: one after
  // another they were ≈ 40 round trips per page.
  const [pairs, countries] = await Promise.all([corridors(await db(), { origin, destinations: [destination, "WLD"] }), corridorCountries(await db())]);
  const available = pairs.flatMap((c) => c.indicators.map((i) => ({ ...i, destination: c.destination })));
  const chosen = available.find((i) => i.code === view.indicator) ?? available[0];
  // One series per indicator and side: the KPI card, its sparkline and the main chart all read it.
  const perPair = await Promise.all(
    pairs.map(async ({ destination: side }) => {
      const { codes } = await corridorIndicators(await db(), { origin, destination: side });
      return Promise.all(codes.map(async (code) => ({ code, side, s: await series(await db(), { indicator: code, origin, destination: side }) })));
    }),
  );
  const loaded = new Map<string, Series>();
  const kpis: DashboardKpi[] = [];
  for (const { code, side, s } of perPair.flat()) {
    loaded.set(`${code}>${side}`, s);
    const l = latestOf(s);
    if (l) kpis.push({ latest: l, destination: side, points: s.points, stale: isStale(s.points.at(-1)!.end) });
  }
  // The main chart at the frequency the URL asks for (to show what the default view leaves out).
  const [main, events] = await Promise.all([
    chosen
      ? view.frequency
        ? series(await db(), { indicator: chosen.code, origin, destination: chosen.destination, frequency: view.frequency })
        : (loaded.get(`${chosen.code}>${chosen.destination}`) ?? null)
      : null,
    listEvents(await db(), { corridor: { origin, destination, related: view.related } }),
  ]);
  // A related event (another corridor's, opted into with ?related=1) is drawn as such and says what it concerns.
  const chartEvents = events.map((e) => toChartEvent(e, locale));
  // English names as the database stores them; other languages from the one country-name rule.
  const name = (code: string, stored: string) => (locale === "en" ? stored : countryName(code, locale));
  const names = new Map([...countries.origins, ...countries.destinations].map((c) => [c.code, name(c.code, c.name)]));
  // Each series the page shows, once: the cards' and the main chart's (the same series unless a frequency is asked for).
  const sources: SourcedSeries[] = await Promise.all(
    [...loaded.values()]
      .filter((s) => s.points.length)
      .map(async (s) => ({
        key: `${s.indicator.code}>${s.destination}`,
        title: seriesTitle(s, locale).title,
        sources: await seriesSources(await db(), { indicator: s.indicator.code, origin: s.origin, destination: s.destination, breakdown: s.breakdown }),
      })),
  );
  const mainSources = main ? (sources.find((s) => s.key === `${main.indicator.code}>${main.destination}`)?.sources ?? []) : [];
  return {
    mainSources,
    sources,
    names,
    originName: names.get(origin) ?? origin,
    destinationName: names.get(destination) ?? destination,
    origins: countries.origins.map((c) => c.code).filter((c) => c !== "WLD"),
    destinations: countries.destinations.map((c) => c.code).filter((c) => c !== "WLD"),
    kpis,
    main,
    events,
    // With no main series (or no points) every event is in range: seriesRange() is then open.
    notShown: main ? valuesNotShown(main.ranges ?? chosen?.ranges ?? [], main.frequency) : [],
    inRange: main ? chartEvents.filter((e) => eventInRange(e, seriesRange(main))) : chartEvents,
  };
}
