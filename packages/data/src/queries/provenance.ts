/**
 * seriesSources(): where one series' values come from — each source text the values carry, read
 * into publisher, release, address and licence (describeSource), with the imports that wrote them.
 * A view's "Sources" section lists this for every series it shows.
 */
import { and, asc, count, eq, gte, lte } from "drizzle-orm";
import type { CorridorDb } from "../db.ts";
import { imports, observations } from "../schema.ts";
import { describeSource, type SourceInfo } from "../sources.ts";
import { periodArgument, resolveCountry, resolveIndicator } from "./resolve.ts";

export interface SourcedImport {
  id: number;
  fileName: string;
  importedAt: string;
  /** How many of the series' current values this import wrote. */
  values: number;
}

export interface SeriesSource {
  /** null: values stored without a source (said so, never left out). */
  info: SourceInfo | null;
  values: number;
  imports: SourcedImport[];
}

export interface SourcesQuery {
  indicator: string;
  origin: string;
  destination?: string;
  breakdown?: string;
  from?: string;
  to?: string;
}

export async function seriesSources(db: CorridorDb, query: SourcesQuery): Promise<SeriesSource[]> {
  const indicator = await resolveIndicator(db, query.indicator);
  const from = periodArgument(query.from, "from");
  const to = periodArgument(query.to, "to");
  const rows = await db.orm
    .select({ source: observations.source, importId: observations.importId, fileName: imports.fileName, importedAt: imports.importedAt, values: count() })
    .from(observations)
    .innerJoin(imports, eq(imports.id, observations.importId))
    .where(
      and(
        eq(observations.indicator, indicator.code),
        eq(observations.origin, resolveCountry(query.origin)),
        eq(observations.destination, resolveCountry(query.destination ?? "WLD")),
        eq(observations.breakdown, query.breakdown ?? "total"),
        from ? gte(observations.periodStart, from.start) : undefined,
        to ? lte(observations.periodEnd, to.end) : undefined,
      ),
    )
    .groupBy(observations.source, observations.importId)
    .orderBy(asc(observations.source), asc(observations.importId));
  const bySource = new Map<string | null, SeriesSource>();
  for (const r of rows) {
    let entry = bySource.get(r.source);
    if (!entry) bySource.set(r.source, (entry = { info: r.source ? describeSource(r.source) : null, values: 0, imports: [] }));
    entry.values += r.values;
    entry.imports.push({ id: r.importId, fileName: r.fileName, importedAt: r.importedAt, values: r.values });
  }
  return [...bySource.values()];
}
