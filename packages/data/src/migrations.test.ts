/**
 * A database made by an earlier release opens with this release's code and loses nothing: every
 * later migration runs on the committed fixture (test/fixtures/release-NNNN.db, made by
 * test/make-release-fixture.ts with the schema of migration NNNN) and every row and column the
 * fixture had is still there, unchanged.
 */
import Database from "better-sqlite3";
import { copyFileSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrationsFolder, openDb } from "./db.ts";
import { scannedRanges, storedRanges, tmpPath } from "./test/helpers.ts";

const fixtures = join(import.meta.dirname, "..", "test", "fixtures");
const journal = JSON.parse(readFileSync(join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };

/** Every table's columns and rows (sorted), read with the columns the old release had. */
function contents(path: string, columnsOf?: Map<string, string[]>): Map<string, { columns: string[]; rows: string[] }> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const out = new Map<string, { columns: string[]; rows: string[] }>();
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'").all() as { name: string }[]).map((r) => r.name);
    for (const table of tables) {
      const columns = columnsOf?.get(table) ?? (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);
      const list = columns.map((c) => `"${c}"`).join(", ");
      const rows = db
        .prepare(`SELECT ${list} FROM "${table}"`)
        .raw()
        .all()
        .map((r) => JSON.stringify(r))
        .sort();
      out.set(table, { columns, rows });
    }
    return out;
  } finally {
    db.close();
  }
}

const releases = readdirSync(fixtures).filter((f) => /^release-\d{4}\.db$/.test(f));

describe("databases made by earlier releases", () => {
  it("has a fixture of a release", () => expect(releases.length).toBeGreaterThan(0));

  for (const fixture of releases) {
    it(`${fixture} opens, migrates to ${journal.entries.at(-1)!.tag} and keeps every row and column`, () => {
      const path = tmpPath(fixture);
      copyFileSync(join(fixtures, fixture), path);
      const before = contents(path);
      expect(before.get("observations")!.rows.length).toBeGreaterThan(100);

      openDb(path).close();

      const migrated = new Database(path, { readonly: true });
      const applied = (migrated.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n;
      migrated.close();
      expect(applied).toBe(journal.entries.length);
      const after = contents(path, new Map([...before].map(([t, v]) => [t, v.columns])));
      for (const [table, { rows }] of before) {
        expect(after.has(table), `table ${table} is gone`).toBe(true);
        expect(after.get(table)!.rows, `rows of ${table}`).toEqual(rows);
      }
      // The corridor summary (0007) is backfilled from the fixture's observations, every group.
      const check = new Database(path, { readonly: true });
      try {
        const ranges = storedRanges(check);
        expect(ranges.length).toBeGreaterThan(1);
        expect(ranges).toEqual(scannedRanges(check));
        const total = (check.prepare("SELECT sum(observations) AS n FROM corridor_ranges").get() as { n: number }).n;
        expect(total).toBe(before.get("observations")!.rows.length);
      } finally {
        check.close();
      }
    });
  }
});
