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
import { getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { SqlRunner } from "./runner.ts";

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
