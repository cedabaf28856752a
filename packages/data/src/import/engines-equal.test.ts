/**
 * The same files imported (and undone) on SQLite and on the engine under test leave the same rows:
 * observations (ids included), revisions, imports and the corridor summary, compared column by
 * column in key order — everything but the wall-clock times each run stamps (imported_at,
 * replaced_at, undone_at). On SQLite this compares SQLite's bulk and row-by-row writers with a second
 * SQLite database; on PGlite or PostgreSQL it holds the set-based path (postgres.ts) to SQLite's.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../db.ts";
import { env } from "../env.ts";
import { importFile } from "./index.ts";
import { startParseWorker } from "./parse-worker-start.ts";
import type { StartParseWorker } from "./read.ts";
import { undoImport } from "../history.ts";
import { countRows, engineDb, memoryDb, onTestServer, sqlRows, testEngine, tmpFile } from "../test/helpers.ts";
import type { CorridorDb } from "../db.ts";

const TABLES: Record<string, string> = {
  observations: "SELECT id, indicator, origin, destination, period, frequency, period_start, period_end, value, breakdown, flag, bound, source, import_id FROM observations ORDER BY id",
  revisions:
    "SELECT id, indicator, origin, destination, period, breakdown, old_value, old_flag, old_bound, old_source, old_import_id, new_value, new_flag, new_bound, new_import_id FROM revisions ORDER BY id",
  imports: "SELECT id, file_name, sha256, format, options, imported_by, rows_read, inserted, updated, unchanged, rejected, skipped_missing, status FROM imports ORDER BY id",
  corridor_ranges:
    "SELECT origin, destination, indicator, breakdown, frequency, observations, first_period, last_period, first_day, last_day FROM corridor_ranges ORDER BY origin, destination, indicator, breakdown, frequency",
};

async function tables(db: CorridorDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [name, query] of Object.entries(TABLES)) out[name] = await sqlRows(db, query);
  return out;
}

const HEADER = "indicator,origin,destination,period,value,flag,bound,source\n";

/** Series-major: a bulk load on SQLite (empty table). */
const first = tmpFile(
  HEADER +
    ["TJK", "UZB", "KGZ"]
      .flatMap((o, i) => Array.from({ length: 40 }, (_, m) => `entries,${o},RUS,${2020 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")},${1000 * i + m},${m % 7 === 0 ? "p" : ""},,`))
      .join("\n") +
    "\n",
  "first.csv",
);
/** Period-major, over stored keys (changed and unchanged values, flags, bounds, sources) and new ones. */
const second = tmpFile(
  HEADER +
    Array.from({ length: 48 }, (_, m) => m)
      .flatMap((m) =>
        ["KGZ", "TJK", "UZB", "ARM"].map((o, i) => {
          const period = `${2020 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
          const value = m % 3 === 0 ? 1000 * [2, 0, 1, 3][i]! + m + 0.5 : 1000 * [2, 0, 1, 3][i]! + m;
          return `entries,${o},RUS,${period},${value},${m % 5 === 0 ? "e" : ""},${m % 11 === 0 ? "lower" : ""},${m % 13 === 0 ? '"Rosstat, \\ and \u00e9"' : ""}`;
        }),
      )
      .join("\n") +
    "\n",
  "second.csv",
);
const third = tmpFile(HEADER + "entries,TJK,RUS,2020-01,-1,x,upper,again\nwork_patents_issued,TJK,RUS,2021,787000,,,\n", "third.csv");
const failing = tmpFile(HEADER + "entries,AZE,RUS,2020-01,1,,,\nentries,AZE,RUS,2020-01,2,,,\n", "failing.csv");

async function run(db: CorridorDb, parseWorker?: StartParseWorker): Promise<Record<string, Record<string, unknown[]>>> {
  const states: Record<string, Record<string, unknown[]>> = {};
  const a = await importFile(db, first, { parseWorker });
  const b = await importFile(db, second, { source: "a default source" });
  const c = await importFile(db, third);
  expect([a, b, c].map((s) => s.errors)).toEqual([[], [], []]);
  expect((await importFile(db, failing)).committed).toBe(false);
  states.imported = await tables(db);
  await undoImport(db, c.importId!);
  await undoImport(db, b.importId!);
  states.undone = await tables(db);
  return states;
}

describe("imports on either engine", () => {
  it("leave the same observations, revisions, imports and corridor summary as on SQLite, through imports, a failed import and undos", async () => {
    const reference = await run(memoryDb());
    const tested = await run(await engineDb());
    expect(reference.imported!.revisions!.length).toBeGreaterThan(50);
    expect(reference.undone!.observations).toHaveLength(120);
    expect(tested).toEqual(reference);
  });

  it("are the same when a parser worker reads the first file (the CLI's way with big files)", async () => {
    const reference = await run(memoryDb());
    expect(await run(await engineDb(), startParseWorker)).toEqual(reference);
  });

  it("name the same lines when a first import into an empty table repeats keys, with a bad cell or without, with a parser worker or without", async () => {
    // Line 5 repeats line 2 and line 9 line 3 (twice: line 11 too); line 7 has a bad cell only in `withBadCell`.
    const lines = Array.from({ length: 10 }, (_, i) => `entries,${["TJK", "UZB", "KGZ"][i % 3]},RUS,2020-${String(Math.floor(i / 3) + 1).padStart(2, "0")},${i},,,`);
    lines[3] = lines[0]!;
    lines[7] = lines[1]!;
    lines[9] = lines[1]!;
    const repeats = tmpFile(HEADER + lines.join("\n") + "\n", "repeats.csv");
    lines[5] = lines[5]!.replace("RUS", "Narnia");
    const withBadCell = tmpFile(HEADER + lines.join("\n") + "\n", "bad-cell.csv");
    for (const file of [repeats, withBadCell])
      for (const parseWorker of [undefined, startParseWorker]) {
        const reference = await importFile(memoryDb(), file, { parseWorker });
        expect(reference.errors.filter((e) => e.column === "").map((e) => [e.line, e.message])).toEqual([
          [5, "the same observation appears twice in this file (first on line 2)"],
          [9, "the same observation appears twice in this file (first on line 3)"],
          [11, "the same observation appears twice in this file (first on line 3)"],
        ]);
        const db = await engineDb();
        expect(await importFile(db, file, { parseWorker })).toEqual(reference);
        expect({ observations: await countRows(db, "observations"), imports: await countRows(db, "imports"), ranges: await countRows(db, "corridor_ranges") }).toEqual({
          observations: 0,
          imports: 0,
          ranges: 0,
        });
      }
  });

  // The bulk load copies as a replica (no per-row foreign-key check) where the role may; a role that
  // may not, owning its database as an app's role does, gets the same rows with the keys checked row by row.
  it.runIf(testEngine() === "postgres")("are the same for a role that may not load as a replica (PostgreSQL)", async () => {
    const name = `corridor_plain_${process.pid}_${randomBytes(3).toString("hex")}`;
    const server = new URL(env().CORRIDOR_TEST_DATABASE_URL!);
    await onTestServer(`CREATE ROLE ${name} LOGIN`);
    await onTestServer(`CREATE DATABASE ${name} OWNER ${name}`);
    const url = new URL(server);
    url.username = name;
    url.pathname = `/${name}`;
    const db = await openDatabase(url.toString());
    try {
      await expect(db.run(sql`SET session_replication_role = replica`)).rejects.toMatchObject({ sqliteCode: "42501", message: /permission denied/ });
      expect(await run(db)).toEqual(await run(memoryDb()));
    } finally {
      await db.close();
      await onTestServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await onTestServer(`DROP ROLE IF EXISTS ${name}`);
    }
  });
});
