/**
 * seriesSources(): where one series' values come from — each source text the values carry, read
 * into publisher, release, address and licence (describeSource), with the imports that wrote them.
 * A view's "Sources" section lists this for every series it shows.
 */
import { sql } from "drizzle-orm";
import { nullsFirst } from "../dialect.ts";
import type { SqlRunner } from "../runner.ts";
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

export async function seriesSources(db: SqlRunner, query: SourcesQuery): Promise<SeriesSource[]> {
  const indicator = await resolveIndicator(db, query.indicator);
  const from = periodArgument(query.from, "from");
  const to = periodArgument(query.to, "to");
  const rows = await db.all<{ source: string | null; importId: number; fileName: string; importedAt: string; values: number }>(sql`
    SELECT o.source, o.import_id AS "importId", i.file_name AS "fileName", i.imported_at AS "importedAt", count(*) AS "values"
    FROM observations o JOIN imports i ON i.id = o.import_id
    WHERE o.indicator = ${indicator.code} AND o.origin = ${resolveCountry(query.origin)} AND o.destination = ${resolveCountry(query.destination ?? "WLD")}
      AND o.breakdown = ${query.breakdown ?? "total"}
      ${from ? sql`AND o.period_start >= ${from.start}` : sql``} ${to ? sql`AND o.period_end <= ${to.end}` : sql``}
    GROUP BY o.source, o.import_id, i.file_name, i.imported_at
    ORDER BY ${nullsFirst("o.source")}, o.import_id`);
  const bySource = new Map<string | null, SeriesSource>();
  for (const r of rows) {
    let entry = bySource.get(r.source);
    if (!entry) bySource.set(r.source, (entry = { info: r.source ? describeSource(r.source) : null, values: 0, imports: [] }));
    entry.values += r.values;
    entry.imports.push({ id: r.importId, fileName: r.fileName, importedAt: r.importedAt, values: r.values });
  }
  return [...bySource.values()];
}
