/**
 * The benchmarks' 10,000,000-observation database, SYNTHETIC: monthly values (1,000 months from
 * 1900-01) for 9 indicators × every country × 6 partners, written straight into observations under
 * one import row, then the corridor summary rebuilt from them (the rows bypass the import writer
 * that keeps it current). On SQLite (fillBigDb) rows whose key is already stored (a seeded
 * database) are left as they are; on PostgreSQL (fillBigDbPostgres) the rows are written by the
 * server itself. Used by bench/run.ts (series() and corridors()), bench/import-pg.ts (series() on
 * PostgreSQL) and apps/web/bench/scale.ts (pages at 10M, both engines).
 */
import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import type { CorridorDb } from "../src/db.ts";
import { rebuildCorridorRanges, rebuildCorridorRangesOn } from "../src/corridor-ranges.ts";
import { countries, destinations, month } from "./import-rounds.ts";

export const PER_CORRIDOR = 1000;
export const BIG_INDICATORS = ["entries", "work_patents_issued", "migration_registrations", "remittances_received_usd", "transfers_from_russia_usd_mn", "citizenship_granted", "first_residence_permits", "irregular_stay_stock", "remittances_received_pct_gdp"].sort();

/** One series of the big database: `n` is its place in the order written, and every value of it. */
export interface BigSeries {
  indicator: string;
  origin: string;
  destination: string;
  n: number;
}

/**
 * The series that make about `rows` observations, in the order they are written (indicator, then
 * country, then partner). `skipOrigins`: countries left alone (a seeded database's own, so that its
 * pages show the demo's series at the same size, and only the rest of the database grows).
 */
export function bigSeries(rows: number, skipOrigins: ReadonlySet<string> = new Set()): BigSeries[] {
  const needed = Math.ceil(rows / PER_CORRIDOR);
  const out: BigSeries[] = [];
  const bigDestinations = [...destinations, "TUR", "KOR"];
  for (const indicator of BIG_INDICATORS)
    for (const origin of countries.filter((c) => !skipOrigins.has(c)))
      for (const destination of bigDestinations) {
        if (out.length >= needed) return out;
        out.push({ indicator, origin, destination, n: out.length });
      }
  return out;
}

/** The corridors of the first indicator (citizenship_granted) among `series`, in order. */
const firstIndicator = (series: BigSeries[]) => series.filter((s) => s.indicator === BIG_INDICATORS[0]).map(({ origin, destination }) => ({ origin, destination }));

/** Adds about `rows` observations to a SQLite database; returns the corridors of the first indicator, in order. */
export function fillBigDb(sqlite: Database.Database, rows: number, skipOrigins: ReadonlySet<string> = new Set()): { origin: string; destination: string }[] {
  const series = bigSeries(rows, skipOrigins);
  const importId = Number(
    sqlite.prepare("INSERT INTO imports (file_name, sha256, format, imported_by, imported_at) VALUES ('synthetic', '', 'bench', 'bench', '2000-01-01T00:00:00.000Z')").run().lastInsertRowid,
  );
  const insert = sqlite.prepare(
    `INSERT INTO observations (indicator, origin, destination, period, frequency, period_start, period_end, value, breakdown, import_id)
     VALUES (?, ?, ?, ?, 'M', ?, ?, ?, 'total', ?) ON CONFLICT DO NOTHING`,
  );
  const periods = Array.from({ length: PER_CORRIDOR }, (_, m) => {
    const p = month(m);
    return [p, `${p}-01`, `${p}-28`] as const;
  });
  sqlite.exec("BEGIN");
  for (const { indicator, origin, destination, n } of series) for (const [p, s, e] of periods) insert.run(indicator, origin, destination, p, s, e, n, importId);
  sqlite.exec("COMMIT");
  rebuildCorridorRanges(sqlite);
  return firstIndicator(series);
}

/**
 * The same rows on PostgreSQL, written by one INSERT … SELECT on the server under one import row,
 * the table's indexes dropped first and built again after (sorting once rather than inserting 10M
 * times, as a restore does; the result is the same database), then VACUUM (ANALYZE). A benchmark fixture, not
 * an import. `skipOrigins` must hold every origin already stored: a stored key would stop the
 * unique index from building again.
 */
export async function fillBigDbPostgres(db: CorridorDb, rows: number, skipOrigins: ReadonlySet<string> = new Set()): Promise<{ origin: string; destination: string }[]> {
  const series = bigSeries(rows, skipOrigins);
  const indexes = await db.all<{ indexname: string; indexdef: string }>(sql`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'observations' AND indexname <> 'observations_pkey'`);
  // And, when this user may (a superuser), without a foreign-key check per row: the rows name the catalog's own codes.
  const superuser = (await db.get<{ s: boolean }>(sql`SELECT rolsuper AS s FROM pg_roles WHERE rolname = current_user`))?.s === true;
  await db.transaction(async (tx) => {
    if (superuser) await tx.run(sql`SET LOCAL session_replication_role = replica`);
    for (const { indexname } of indexes) await tx.run(sql.raw(`DROP INDEX "${indexname}"`));
    const { id } = (await tx.get<{ id: number }>(
      sql`INSERT INTO imports (file_name, sha256, format, imported_by, imported_at) VALUES ('synthetic', '', 'bench', 'bench', '2000-01-01T00:00:00.000Z') RETURNING id`,
    ))!;
    // Months 1900-01 … as fillBigDb writes them; series order, then time (as an import of series-major files would).
    await tx.run(sql`
      INSERT INTO observations (indicator, origin, destination, period, frequency, period_start, period_end, value, breakdown, import_id)
      SELECT c.indicator, c.origin, c.destination, to_char(make_date(1900 + m / 12, m % 12 + 1, 1), 'YYYY-MM'), 'M',
             to_char(make_date(1900 + m / 12, m % 12 + 1, 1), 'YYYY-MM-DD'), to_char(make_date(1900 + m / 12, m % 12 + 1, 28), 'YYYY-MM-DD'), c.n, 'total', ${id}::integer
      FROM json_to_recordset(${JSON.stringify(series)}::json) AS c(indicator text, origin text, destination text, n integer)
      CROSS JOIN generate_series(0, ${PER_CORRIDOR - 1}) AS m
      ORDER BY c.n, m`);
    for (const { indexdef } of indexes) await tx.run(sql.raw(indexdef));
  }, "building the benchmark database");
  await rebuildCorridorRangesOn(db);
  // VACUUM too, as autovacuum soon would (10M inserted rows) — not in the middle of a timed run.
  await db.run(sql`VACUUM (ANALYZE)`);
  return firstIndicator(series);
}
