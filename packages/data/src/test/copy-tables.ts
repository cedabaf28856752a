/**
 * TEST HELPER, and the seed of the future `corridor copy`: copies every row of a SQLite Corridor
 * database into an emptied PostgreSQL one, table by table. Imports and seeding still write through
 * the SQLite-only hot path, so the PostgreSQL runs of the read tests fill SQLite first and read a
 * copy. It is a plain row copy because schema-pg.ts stores SQLite's representations (JSON text,
 * 0/1 flags, ISO dates); only better-auth's tables convert (integer milliseconds → timestamp,
 * 0/1 → boolean). Not yet: a checksum, refusing a non-empty target, copying the other way.
 */
import { getTableColumns, getTableName, is, sql } from "drizzle-orm";
import { PgBoolean, PgTable, PgTimestamp, getTableConfig } from "drizzle-orm/pg-core";
import type { CorridorDb } from "../db.ts";
import * as pgSchema from "../schema-pg.ts";

/**
 * Parents before children (foreign keys), data_state last: the triggers that bump its version on
 * inserts into imports and events then find no row to bump, and the source's version arrives as it is.
 */
const ORDER = [
  "countries", "indicators", "imports", "import_files", "observations", "corridor_ranges", "revisions", "events", "event_countries", "event_links", "event_versions",
  "import_profiles", "snapshots", "user", "session", "account", "verification", "api_tokens", "audit_log", "app_settings", "rate_limit_hits", "data_state",
];

const pgTables = new Map((Object.values(pgSchema) as unknown[]).filter((t): t is PgTable => is(t, PgTable)).map((t) => [getTableName(t), t]));

/** Removes every row (ids numbered from 1 again): a fresh database without migrating again. */
export async function emptyPostgres(target: CorridorDb): Promise<void> {
  await target.run(sql.raw(`TRUNCATE ${ORDER.map((t) => `"${t}"`).join(", ")} RESTART IDENTITY CASCADE`));
}

/** Copies every table of `source` (SQLite) into `target` (PostgreSQL, emptied first) in one transaction. */
export async function copySqliteToPostgres(source: CorridorDb, target: CorridorDb): Promise<Record<string, number>> {
  if (source.engine !== "sqlite" || target.engine !== "postgres") throw new Error("copySqliteToPostgres copies from SQLite into PostgreSQL");
  if (pgTables.size !== ORDER.length || ORDER.some((t) => !pgTables.has(t))) throw new Error("copy-tables.ts: ORDER must list every table of schema-pg.ts");
  const counts: Record<string, number> = {};
  await emptyPostgres(target);
  await target.transaction(async (tx) => {
    for (const name of ORDER) {
      const table = pgTables.get(name)!;
      const columns = Object.values(getTableColumns(table));
      const convert = columns.map((c) => (is(c, PgTimestamp) ? (v: unknown) => (v === null ? null : new Date(Number(v)).toISOString()) : is(c, PgBoolean) ? (v: unknown) => (v === null ? null : Number(v) === 1) : (v: unknown) => v));
      const rows = source.sqlite.prepare(`SELECT ${columns.map((c) => `"${c.name}"`).join(", ")} FROM "${name}"`).raw().all() as unknown[][];
      counts[name] = rows.length;
      // PostgreSQL binds at most 65,535 values per statement.
      const batch = Math.max(1, Math.floor(30_000 / columns.length));
      for (let i = 0; i < rows.length; i += batch) {
        const values = rows.slice(i, i + batch).map((row) => sql`(${sql.join(row.map((v, j) => sql`${convert[j]!(v)}`), sql`, `)})`);
        await tx.run(sql`INSERT INTO ${sql.identifier(name)} (${sql.join(columns.map((c) => sql.identifier(c.name)), sql`, `)}) VALUES ${sql.join(values, sql`, `)}`);
      }
      // Identity columns go on numbering after the copied ids.
      if (getTableConfig(table).columns.some((c) => c.name === "id" && c.generatedIdentity) && rows.length > 0)
        await tx.run(sql`SELECT setval(pg_get_serial_sequence(${`"${name}"`}, 'id'), (SELECT max(id) FROM ${sql.identifier(name)}))`);
    }
  }, "a copy into PostgreSQL");
  return counts;
}
