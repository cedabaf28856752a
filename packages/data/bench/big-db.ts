/**
 * The benchmarks' 10,000,000-observation database, SYNTHETIC: monthly values (1,000 months from
 * 1900-01) for 9 indicators × every country × 6 partners, written straight into observations under
 * one import row, then the corridor summary rebuilt from them (the rows bypass the import writer
 * that keeps it current). Rows whose key is already stored (a seeded database) are left as they are.
 * Used by bench/run.ts (series() and corridors()) and apps/web/bench/scale.ts (pages at 10M).
 */
import type Database from "better-sqlite3";
import { rebuildCorridorRanges } from "../src/corridor-ranges.ts";
import { countries, destinations, month } from "./import-rounds.ts";

export const PER_CORRIDOR = 1000;
export const BIG_INDICATORS = ["entries", "work_patents_issued", "migration_registrations", "remittances_received_usd", "transfers_from_russia_usd_mn", "citizenship_granted", "first_residence_permits", "irregular_stay_stock", "remittances_received_pct_gdp"].sort();

/**
 * Adds about `rows` observations; returns the corridors of the first indicator (citizenship_granted),
 * in order. `skipOrigins`: countries left alone (a seeded database's own, so that its pages show
 * the demo's series at the same size, and only the rest of the database grows).
 */
export function fillBigDb(sqlite: Database.Database, rows: number, skipOrigins: ReadonlySet<string> = new Set()): { origin: string; destination: string }[] {
  const built: { origin: string; destination: string }[] = [];
  const corridorsNeeded = Math.ceil(rows / PER_CORRIDOR);
  const importId = Number(
    sqlite.prepare("INSERT INTO imports (file_name, sha256, format, imported_by, imported_at) VALUES ('synthetic', '', 'bench', 'bench', '2000-01-01T00:00:00.000Z')").run().lastInsertRowid,
  );
  const insert = sqlite.prepare(
    `INSERT INTO observations (indicator, origin, destination, period, frequency, period_start, period_end, value, breakdown, import_id)
     VALUES (?, ?, ?, ?, 'M', ?, ?, ?, 'total', ?) ON CONFLICT DO NOTHING`,
  );
  const bigDestinations = [...destinations, "TUR", "KOR"];
  const periods = Array.from({ length: PER_CORRIDOR }, (_, m) => {
    const p = month(m);
    return [p, `${p}-01`, `${p}-28`] as const;
  });
  let n = 0;
  sqlite.exec("BEGIN");
  outer: for (const indicator of BIG_INDICATORS)
    for (const origin of countries.filter((c) => !skipOrigins.has(c)))
      for (const destination of bigDestinations) {
        if (n >= corridorsNeeded) break outer;
        if (indicator === BIG_INDICATORS[0]) built.push({ origin, destination });
        for (const [p, s, e] of periods) insert.run(indicator, origin, destination, p, s, e, n, importId);
        n++;
      }
  sqlite.exec("COMMIT");
  rebuildCorridorRanges(sqlite);
  return built;
}
