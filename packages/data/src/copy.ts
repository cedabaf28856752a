/**
 * `corridor copy --from SOURCE --to TARGET`: every table of one Corridor database into another that
 * holds no data yet — SQLite to PostgreSQL to move up, PostgreSQL to SQLite to move back or keep a
 * portable copy, or either to itself. Both are migrated to this release first (opening does that).
 *
 * - The source is read in one transaction (on SQLite under its write lock, on PostgreSQL at
 *   REPEATABLE READ), so a server still writing to it cannot tear the copy; the target is written in
 *   one transaction, so a failed copy leaves it as empty as it was.
 * - Rows travel in SQLite's representation, which schema-pg.ts keeps for every table but
 *   better-auth's: there, PostgreSQL timestamps are read as epoch milliseconds and booleans as 0/1,
 *   and written back as PostgreSQL's types.
 * - Verified: per table, the row count and a sha256 of the rows' canonical JSON in key order (a
 *   table without an integer key is small: its rows are sorted as text first), read from the source
 *   inside its transaction and from the target after the commit. A mismatch is an error naming the
 *   tables.
 * - Rows go in as one JSON parameter per statement (json_each on SQLite, json_populate_recordset
 *   on PostgreSQL): a statement with a placeholder per value cost more to build than the copy.
 * - The target keeps its own database id (data_state): caches keyed on the source's ETags must
 *   not take the copy for the same database; the data version comes along.
 */
import { createHash } from "node:crypto";
import { is, sql, type SQL } from "drizzle-orm";
import { getTableConfig as pgTableConfig, PgBoolean, PgTable, PgTimestamp } from "drizzle-orm/pg-core";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { CorridorDb } from "./db.ts";
import { CorridorError } from "./errors.ts";
import type { SqlRunner } from "./runner.ts";
import * as sqliteSchema from "./schema.ts";
import * as pgSchema from "./schema-pg.ts";

/** The tables that hold users' data: a target with a row in any of these is not empty. */
const DATA_TABLES = ["observations", "imports", "events", "user", "api_tokens", "snapshots", "audit_log"];
/** Rows read, and written, per statement. */
const PAGE_ROWS = 5_000;

interface TablePlan {
  name: string;
  columns: string[];
  /** Read and written page by page in this integer key's order; other tables (all small) at once. */
  pagedBy?: string;
  /** Columns PostgreSQL keeps as its own types: timestamp (SQLite: epoch ms) and boolean (SQLite: 0/1). */
  timestamps: Set<string>;
  booleans: Set<string>;
  /** Byte columns (blob / bytea). */
  blobs: Set<string>;
}

export interface TableCopy {
  rows: number;
  checksum: string;
}

export interface CopyReport {
  from: string;
  to: string;
  tables: Record<string, TableCopy>;
  rows: number;
}

const sqliteTables = (Object.values(sqliteSchema) as unknown[]).filter((t): t is SQLiteTable => is(t, SQLiteTable));
const pgTables = new Map((Object.values(pgSchema) as unknown[]).filter((t): t is PgTable => is(t, PgTable)).map((t) => [pgTableConfig(t).name, t]));

/** Every table, parents before children (foreign keys), from the SQLite schema (schema-drift.test.ts keeps the PostgreSQL one equal). */
export function copyPlan(): TablePlan[] {
  const configs = new Map(sqliteTables.map((t) => [getTableConfig(t).name, getTableConfig(t)]));
  const ordered: string[] = [];
  const visit = (name: string, path: string[] = []) => {
    if (ordered.includes(name)) return;
    if (path.includes(name)) throw new Error(`copy: a cycle of foreign keys through ${path.join(" → ")}`);
    for (const fk of configs.get(name)!.foreignKeys) {
      const parent = getTableConfig(fk.reference().foreignTable).name;
      if (parent !== name) visit(parent, [...path, name]);
    }
    ordered.push(name);
  };
  for (const name of [...configs.keys()].sort()) visit(name);
  // Last: the triggers that bump the data version on every import and event written find no row
  // then, and the source's version arrives as it was.
  ordered.push(...ordered.splice(ordered.indexOf("data_state"), 1));
  return ordered.map((name) => {
    const config = configs.get(name)!;
    const columns = config.columns.map((c) => c.name);
    const pg = pgTables.get(name);
    if (!pg) throw new Error(`copy: ${name} is missing from schema-pg.ts`);
    const pgColumns = pgTableConfig(pg).columns;
    const id = config.columns.find((c) => c.primary && c.columnType === "SQLiteInteger");
    return {
      name,
      columns,
      pagedBy: id?.name,
      timestamps: new Set(pgColumns.filter((c) => is(c, PgTimestamp)).map((c) => c.name)),
      booleans: new Set(pgColumns.filter((c) => is(c, PgBoolean)).map((c) => c.name)),
      blobs: new Set(config.columns.filter((c) => c.columnType.startsWith("SQLiteBlob")).map((c) => c.name)),
    };
  });
}

/** The SELECT list, reading PostgreSQL's own types in SQLite's representation. */
function selectList(plan: TablePlan, engine: CorridorDb["engine"]): SQL {
  return sql.join(
    plan.columns.map((c) => {
      const column = sql.identifier(c);
      if (engine === "postgres" && plan.timestamps.has(c)) return sql`(floor(extract(epoch from ${column}) * 1000))::double precision AS ${column}`;
      if (engine === "postgres" && plan.booleans.has(c)) return sql`(${column})::integer AS ${column}`;
      return sql`${column}`;
    }),
    sql`, `,
  );
}

/** A value in SQLite's representation as the target engine takes it. */
function toTarget(plan: TablePlan, column: string, value: unknown, engine: CorridorDb["engine"]): unknown {
  if (value === null || value === undefined) return null;
  // Bytes travel as hex in the JSON (PostgreSQL's bytea input; SQLite's unhex()).
  if (value instanceof Uint8Array) return `${engine === "postgres" ? "\\x" : ""}${Buffer.from(value).toString("hex")}`;
  if (engine !== "postgres") return value;
  // timestamp without time zone: the UTC wall time, as better-auth writes it.
  if (plan.timestamps.has(column)) return new Date(Number(value)).toISOString().replace("T", " ").replace("Z", "");
  if (plan.booleans.has(column)) return Number(value) === 1;
  return value;
}

/** INSERT of a page of rows given as one JSON array of objects keyed by column. */
function insertFromJson(plan: TablePlan, engine: CorridorDb["engine"], json: string): SQL {
  const table = sql.identifier(plan.name);
  const columns = sql.join(
    plan.columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
  if (engine === "postgres") return sql`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${table}, ${json}::json)`;
  const values = plan.columns.map((c) => {
    const value = sql`json_extract(value, ${`$."${c}"`})`;
    return plan.blobs.has(c) ? sql`unhex(${value})` : value;
  });
  return sql`INSERT INTO ${table} (${columns}) SELECT ${sql.join(values, sql`, `)} FROM json_each(${json})`;
}

/** Reads a table page by page (in key order when it has an integer key), each row keyed by column. */
async function* readTable(db: SqlRunner, plan: TablePlan): AsyncGenerator<Record<string, unknown>[]> {
  const from = sql`SELECT ${selectList(plan, db.engine)} FROM ${sql.identifier(plan.name)}`;
  if (!plan.pagedBy) {
    yield await db.all(from);
    return;
  }
  const key = sql.identifier(plan.pagedBy);
  let after: number | undefined;
  for (;;) {
    const rows = await db.all(sql`${from} ${after === undefined ? sql`` : sql`WHERE ${key} > ${after}`} ORDER BY ${key} LIMIT ${PAGE_ROWS}`);
    if (rows.length === 0) return;
    yield rows;
    after = Number(rows.at(-1)![plan.pagedBy]);
  }
}

/** A row's canonical form: values in column order, bytes as base64, numbers as JSON writes them; data_state's own database id left out. */
function canonical(plan: TablePlan, row: Record<string, unknown>): string {
  return JSON.stringify(
    plan.columns.map((c) => {
      const v = plan.name === "data_state" && c === "database_id" ? null : row[c];
      if (v instanceof Uint8Array) return { bytes: Buffer.from(v).toString("base64") };
      return typeof v === "bigint" ? Number(v) : (v ?? null);
    }),
  );
}

/** Count and sha256 of a table's rows (in key order; a table without an integer key sorted as text). */
class Checksum {
  rows = 0;
  private readonly hash = createHash("sha256");
  private readonly unordered?: string[];
  constructor(plan: TablePlan) {
    if (!plan.pagedBy) this.unordered = [];
  }
  add(row: string): void {
    this.rows++;
    if (this.unordered) this.unordered.push(row);
    else this.hash.update(`${row}\n`);
  }
  get hex(): string {
    for (const row of this.unordered?.sort() ?? []) this.hash.update(`${row}\n`);
    return this.hash.digest("hex");
  }
}

/** Row counts and checksums of every table, read through `db` (inside a transaction for a consistent view). */
export async function tableChecksums(db: SqlRunner, plans = copyPlan()): Promise<Record<string, TableCopy>> {
  const out: Record<string, TableCopy> = {};
  for (const plan of plans) {
    const sum = new Checksum(plan);
    for await (const rows of readTable(db, plan)) for (const row of rows) sum.add(canonical(plan, row));
    out[plan.name] = { rows: sum.rows, checksum: sum.hex };
  }
  return out;
}

async function refuseNonEmpty(target: CorridorDb): Promise<void> {
  const held: string[] = [];
  for (const table of DATA_TABLES) {
    const row = await target.get<{ n: number | string }>(sql`SELECT count(*) AS n FROM ${sql.identifier(table)}`);
    if (Number(row?.n ?? 0) > 0) held.push(`${Number(row!.n).toLocaleString("en")} ${table}`);
  }
  if (held.length > 0) throw new CorridorError("exists", `the target ${target.path} is not empty (${held.join(", ")}); copy into a new, empty database — nothing was written`);
}

/**
 * Copies every table of `source` into `target` (which must hold no data) and verifies the copy;
 * `onTable` hears each table as it is done (the CLI's progress).
 */
export async function copyDatabase(source: CorridorDb, target: CorridorDb, onTable?: (name: string, rows: number) => void): Promise<CopyReport> {
  if (source.path === target.path && source.engine === target.engine) throw new CorridorError("usage", `--from and --to name the same database (${source.path})`);
  await refuseNonEmpty(target);
  const plans = copyPlan();
  const targetId = (await target.get<{ id: string }>(sql`SELECT database_id AS id FROM data_state WHERE id = 1`))?.id;
  const expected: Record<string, TableCopy> = {};
  await source.transaction(async (src) => {
    // One snapshot for every table read below, while the source's server may go on writing.
    if (src.engine === "postgres") await src.run(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY`);
    await target.transaction(async (tgt) => {
      // PostgreSQL bumps the data version at commit (deferred triggers, drizzle-pg 0003): at once
      // here, while data_state has no row, so that the source's version arrives as it was.
      if (tgt.engine === "postgres") await tgt.run(sql`SET CONSTRAINTS ALL IMMEDIATE`);
      // A migrated database has its reference data and bookkeeping rows: the source's replace them.
      for (const plan of [...plans].reverse()) await tgt.run(sql`DELETE FROM ${sql.identifier(plan.name)}`);
      for (const plan of plans) {
        const sum = new Checksum(plan);
        for await (const rows of readTable(src, plan)) {
          for (const row of rows) sum.add(canonical(plan, row));
          const json = JSON.stringify(rows.map((row) => Object.fromEntries(plan.columns.map((c) => [c, toTarget(plan, c, row[c], tgt.engine)]))));
          await tgt.run(insertFromJson(plan, tgt.engine, json));
        }
        expected[plan.name] = { rows: sum.rows, checksum: sum.hex };
        // PostgreSQL's identity columns go on numbering after the copied ids (SQLite's follow max(id) by themselves).
        if (tgt.engine === "postgres" && plan.pagedBy && sum.rows > 0)
          await tgt.run(sql`SELECT setval(pg_get_serial_sequence(${`"${plan.name}"`}, ${plan.pagedBy}), (SELECT max(${sql.identifier(plan.pagedBy)}) FROM ${sql.identifier(plan.name)}))`);
        onTable?.(plan.name, sum.rows);
      }
      if (targetId) await tgt.run(sql`UPDATE data_state SET database_id = ${targetId} WHERE id = 1`);
    }, "a copy into this database");
  }, "a consistent read of the whole database for a copy");

  const copied = await tableChecksums(target, plans);
  const wrong = plans.filter((p) => copied[p.name]!.rows !== expected[p.name]!.rows || copied[p.name]!.checksum !== expected[p.name]!.checksum);
  if (wrong.length > 0)
    throw new CorridorError(
      "database",
      `the copy in ${target.path} differs from ${source.path} in ${wrong.map((p) => `${p.name} (${copied[p.name]!.rows} rows, expected ${expected[p.name]!.rows})`).join(", ")}; do not use it`,
    );
  return { from: source.path, to: target.path, tables: copied, rows: Object.values(copied).reduce((n, t) => n + t.rows, 0) };
}
