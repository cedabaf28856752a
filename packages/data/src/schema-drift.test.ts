/**
 * schema.ts (SQLite) and schema-pg.ts (PostgreSQL) describe one data model: same tables, same
 * columns with compatible types and the same value representation, same keys, indexes, unique and
 * check constraints and foreign keys. This fails the day one of them changes alone.
 */
import { getTableName, is } from "drizzle-orm";
import { getTableConfig as pgConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as sqliteSchema from "./schema.ts";
import * as pgSchema from "./schema-pg.ts";

/** better-auth's tables: on PostgreSQL in the types its pg adapter expects. */
const AUTH_TABLES = new Set(["user", "session", "account", "verification"]);

const sqliteTables: SQLiteTable[] = (Object.values(sqliteSchema) as unknown[]).filter((v): v is SQLiteTable => is(v, SQLiteTable));
const pgTables: PgTable[] = (Object.values(pgSchema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));

/** SQLite integer columns holding values beyond 32 bits (epoch milliseconds): bigint on PostgreSQL. */
const WIDE_INTEGERS = new Set(["rate_limit_hits.at"]);

/** The PostgreSQL type each SQLite column type must become (by drizzle column class). */
function expectedPgType(table: string, columnType: string, column: string): string {
  const auth = AUTH_TABLES.has(table);
  if (WIDE_INTEGERS.has(`${table}.${column}`)) return "bigint";
  switch (columnType) {
    case "SQLiteText":
      return auth ? "text" : 'text COLLATE "C"';
    case "SQLiteTextJson":
      return "text";
    case "SQLiteInteger":
      return "integer";
    case "SQLiteReal":
      return "double precision";
    case "SQLiteBlobBuffer":
      return "bytea";
    case "SQLiteBoolean":
      return auth ? "boolean" : "integer";
    case "SQLiteTimestamp":
      if (!auth) throw new Error(`${table}: a timestamp column outside better-auth's tables has no agreed PostgreSQL form`);
      return "timestamp";
    default:
      throw new Error(`${table}: no PostgreSQL mapping for ${columnType}`);
  }
}

const sorted = <T>(xs: T[]) => [...xs].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

interface ColumnShape {
  name: string;
  notNull: boolean;
  primary: boolean;
  isUnique: boolean;
}

/** What both engines' table configs have in common, as far as the comparison reads them. */
interface TableShape<C extends ColumnShape> {
  columns: C[];
  primaryKeys: { columns: { name: string }[] }[];
  indexes: { config: { name?: string; unique: boolean; columns: unknown[] } }[];
  foreignKeys: { onDelete?: string; reference(): { columns: { name: string }[]; foreignTable: Parameters<typeof getTableName>[0]; foreignColumns: { name: string }[] } }[];
  checks: { name: string }[];
}

/** One description of a table for both engines; only the column's type is read per engine. */
function describeTable<C extends ColumnShape>(c: TableShape<C>, typeOf: (col: C) => string) {
  return {
    columns: Object.fromEntries(c.columns.map((col) => [col.name, { type: typeOf(col), notNull: col.notNull, primary: col.primary, unique: col.isUnique }])),
    primaryKeys: c.primaryKeys.map((pk) => pk.columns.map((col) => col.name)),
    indexes: sorted(c.indexes.map((i) => ({ name: i.config.name, unique: i.config.unique, columns: i.config.columns.map((col) => (col as { name: string }).name) }))),
    foreignKeys: sorted(
      c.foreignKeys.map((fk) => {
        const ref = fk.reference();
        return { columns: ref.columns.map((col) => col.name), table: getTableName(ref.foreignTable), to: ref.foreignColumns.map((col) => col.name), onDelete: fk.onDelete ?? "no action" };
      }),
    ),
    checks: sorted(c.checks.map((k) => k.name)),
  };
}

function describeSqlite(table: SQLiteTable) {
  const c = sqliteConfig(table);
  return describeTable(c, (col) => expectedPgType(c.name, col.columnType, col.name));
}

function describePg(table: PgTable) {
  return describeTable(pgConfig(table), (col) => col.getSQLType());
}

describe("schema-pg.ts mirrors schema.ts", () => {
  it("declares the same tables", () => {
    expect(pgTables.map(getTableName).sort()).toEqual(sqliteTables.map(getTableName).sort());
    expect(sqliteTables.length).toBeGreaterThan(15);
  });

  for (const table of sqliteTables) {
    const name = getTableName(table);
    it(`${name}: same columns, types, keys, indexes, constraints`, () => {
      const pg = pgTables.find((t) => getTableName(t) === name);
      expect(pg, `schema-pg.ts has no table ${name}`).toBeDefined();
      expect(describePg(pg!)).toEqual(describeSqlite(table));
    });
  }

  it("makes SQLite's integer ids identity columns, so a copied row keeps its id and new rows number on", () => {
    for (const table of pgTables) {
      const sqliteTable = sqliteTables.find((t) => getTableName(t) === getTableName(table))!;
      const sqliteId = sqliteConfig(sqliteTable).columns.find((c) => c.name === "id" && c.primary && c.columnType === "SQLiteInteger");
      const pgId = pgConfig(table).columns.find((c) => c.name === "id");
      // data_state's one row is written by its migration with id 1.
      if (!sqliteId || getTableName(table) === "data_state") continue;
      expect(pgId?.generatedIdentity?.type, `${getTableName(table)}.id`).toBe("byDefault");
    }
  });
});
