/**
 * Everything the portable SQL (runner.ts) must do differently, or carefully, on SQLite and
 * PostgreSQL — in one place, so the queries themselves stay one text for both:
 * - Rows: both engines store the same representations (schema-pg.ts), so schema.ts's column
 *   decoders (JSON text → value, 0/1 → boolean) turn a raw row into its typed row on either (rowsOf).
 * - NULL ordering: SQLite sorts NULLs first in ascending order, PostgreSQL last (nullsFirst).
 * - Text order: every Corridor text column compares bytewise on PostgreSQL (COLLATE "C"), as SQLite
 *   does, so ORDER BY, min() and max() of columns agree. Do not sort on expressions of text (they
 *   take the cluster's collation) — sort those in JS with a bytewise comparison (byText).
 * - SQLite's two-argument min()/max() are GREATEST/LEAST in PostgreSQL: use CASE, or do it in JS.
 * - LIKE is case-insensitive for ASCII in SQLite and case-sensitive in PostgreSQL, and lower() is
 *   ASCII-only in SQLite: match text in JS (events/text.ts does) rather than in SQL.
 * - INSERT OR IGNORE is `INSERT … ON CONFLICT DO NOTHING` (both understand it); json_extract and
 *   group_concat have no common form: read the JSON text or the rows and combine them in JS.
 * - count(*) and sums of integers are bigint in PostgreSQL; db-pg.ts hands them over as numbers.
 * - A row not ordered by ORDER BY has no defined order on PostgreSQL (SQLite gives rowid order).
 */
import { getTableColumns, getTableName, is, sql, type Column, type SQL } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Engine, SqlRunner } from "./runner.ts";
import * as pgSchema from "./schema-pg.ts";

const pgTables = new Map((Object.values(pgSchema) as unknown[]).filter((t): t is PgTable => is(t, PgTable)).map((t) => [getTableName(t), t]));

/** A raw row (column names as stored) as the table's typed row: JSON parsed, 0/1 flags as booleans. */
export function decodeRow<T extends SQLiteTable>(table: T, raw: Record<string, unknown>): T["$inferSelect"] {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = raw[column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as T["$inferSelect"];
}

/**
 * Every row of `table` (typed, decoded) matching `rest` — a WHERE/ORDER BY tail such as
 * sql`WHERE id = ${id}` — on either engine.
 */
export async function rowsOf<T extends SQLiteTable>(db: SqlRunner, table: T, rest: SQL = sql``): Promise<T["$inferSelect"][]> {
  const raws = await db.all<Record<string, unknown>>(sql`SELECT * FROM ${sql.identifier(getTableName(table))} ${rest}`);
  return raws.map((raw) => decodeRow(table, raw));
}

/** `(v1, v2, …)` for `IN`: one bound value each. An empty list matches nothing (`(NULL)`). */
export function list(values: readonly unknown[]): SQL {
  return values.length === 0 ? sql`(NULL)` : sql`(${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;
}

/**
 * An ORDER BY term sorting NULLs first, as SQLite does by default and PostgreSQL does not.
 * `column` is SQL text written in code (e.g. "o.source"), never input.
 */
export function nullsFirst(column: string): SQL {
  const c = sql.raw(column);
  return sql`(${c} IS NOT NULL), ${c}`;
}

/** Code-unit text order, for sorting in JS as SQLite's BINARY and PostgreSQL's "C" collations sort stored text (the same outside the astral planes). */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The table's columns on `engine`: schema.ts's, or on PostgreSQL schema-pg.ts's table of the same
 * name (its better-auth tables keep timestamps and booleans as PostgreSQL's own types).
 */
function columnsOn(engine: Engine, table: SQLiteTable): Record<string, Column> {
  if (engine !== "postgres") return getTableColumns(table);
  const pg = pgTables.get(getTableName(table));
  if (!pg) throw new Error(`dialect: ${getTableName(table)} is missing from schema-pg.ts`);
  return getTableColumns(pg);
}

/** `values` (keyed like the table's fields; undefined = left to the column's default) as [column name, encoded value] pairs. */
function encoded(engine: Engine, table: SQLiteTable, values: Record<string, unknown>): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [key, column] of Object.entries(columnsOn(engine, table))) {
    const value = values[key];
    if (value === undefined) continue;
    out.push([column.name, value === null ? null : column.mapToDriverValue(value)]);
  }
  return out;
}

/**
 * INSERT of rows of `table` given as typed values (as drizzle's builder takes them), each value
 * encoded by its column as the builder encodes it — JSON as text, flags as 0/1, better-auth's
 * timestamps as SQLite's milliseconds or PostgreSQL's timestamps — so both engines store what
 * drizzle's own insert stored. `tail` follows the VALUES (ON CONFLICT …, RETURNING …).
 */
export function insertRows<T extends SQLiteTable>(engine: Engine, table: T, rows: T["$inferInsert"][], tail: SQL = sql``): SQL {
  const encodedRows = rows.map((r) => encoded(engine, table, r as Record<string, unknown>));
  const names = encodedRows[0]?.map(([name]) => name) ?? [];
  if (names.length === 0 || encodedRows.some((r) => r.length !== names.length || r.some(([name], i) => name !== names[i])))
    throw new Error(`insertRows(${getTableName(table)}): every row must set the same columns`);
  const values = encodedRows.map((r) => sql`(${sql.join(r.map(([, v]) => sql`${v}`), sql`, `)})`);
  return sql`INSERT INTO ${sql.identifier(getTableName(table))} (${sql.join(names.map((n) => sql.identifier(n)), sql`, `)}) VALUES ${sql.join(values, sql`, `)} ${tail}`;
}

/** UPDATE `table` SET the given typed values (encoded as insertRows does); `where` is the WHERE clause. */
export function updateRows<T extends SQLiteTable>(engine: Engine, table: T, values: Partial<T["$inferInsert"]>, where: SQL): SQL {
  const set = encoded(engine, table, values as Record<string, unknown>).map(([name, v]) => sql`${sql.identifier(name)} = ${v}`);
  if (set.length === 0) throw new Error(`updateRows(${getTableName(table)}): nothing to set`);
  return sql`UPDATE ${sql.identifier(getTableName(table))} SET ${sql.join(set, sql`, `)} WHERE ${where}`;
}

/**
 * A timestamp column of better-auth's tables as epoch milliseconds (SQLite stores them so; PostgreSQL
 * as timestamp, UTC wall time as drizzle writes it). `column` is SQL text written in code, never input.
 */
export function epochMs(engine: Engine, column: string): SQL {
  const c = sql.raw(column);
  return engine === "postgres" ? sql`(floor(extract(epoch from ${c}) * 1000))::double precision` : sql`${c}`;
}
