/**
 * The writer's two paths must give exactly the same outcomes, ids and line numbers: the bulk load
 * (empty table: staged 16 rows per INSERT, then one INSERT … SELECT per flush, replayed row by row when
 * the file repeats a key; for scattered rows the table's indexes built at the end, repeats found when
 * the unique key index refuses them) and the row-by-row path (rows already in the database: unchanged or updated, old
 * value into revisions), with keys repeated inside one staging batch and across batches.
 */
import { describe, expect, it } from "vitest";
import { importFile } from "./index.ts";
/** Bigger than the staging batch (16), so that batches and a partial tail are both exercised. */
const BATCH = 16;
import { memoryDb, scannedRanges, storedRanges, tmpFile } from "../test/helpers.ts";
import { COUNTRY_RECORDS } from "../countries.ts";
import type { CorridorDb } from "../db.ts";

const HEADER = "indicator,origin,destination,period,value,flag\n";
const month = (i: number) => `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
const rows = (n: number, value: (i: number) => number, from = 0) => Array.from({ length: n }, (_, i) => `entries,TJK,RUS,${month(from + i)},${value(from + i)},\n`).join("");
const values = (db: CorridorDb) => db.sqlite.prepare("SELECT period, value FROM observations ORDER BY period").all() as { period: string; value: number }[];

describe("ObservationWriter: bulk load and row by row", () => {
  it("inserts many full batches and a partial tail, ids in file order", async () => {
    const db = memoryDb();
    const n = BATCH * 5 + 3;
    const s = await importFile(db, tmpFile(HEADER + rows(n, (i) => i + 0.25)));
    expect(s).toMatchObject({ committed: true, inserted: n, updated: 0, unchanged: 0, errorCount: 0 });
    const got = db.sqlite.prepare("SELECT period, value FROM observations ORDER BY id").all() as { period: string; value: number }[];
    expect(got.map((r) => r.value)).toEqual(Array.from({ length: n }, (_, i) => i + 0.25));
  });

  it("mixes new, unchanged and updated rows in one batch; re-import is all unchanged", async () => {
    const db = memoryDb();
    // Every third month already exists.
    const first = Array.from({ length: BATCH * 3 }, (_, i) => i).filter((i) => i % 3 === 0);
    await importFile(db, tmpFile(HEADER + first.map((i) => `entries,TJK,RUS,${month(i)},${i},\n`).join("")));
    // New file: all months; existing ones at i % 6 === 0 changed, the other existing ones unchanged.
    const body = rows(BATCH * 3, (i) => (i % 6 === 0 ? i + 1000 : i));
    const s = await importFile(db, tmpFile(HEADER + body));
    expect(s).toMatchObject({ committed: true, inserted: BATCH * 2, updated: BATCH / 2, unchanged: BATCH / 2, errorCount: 0 });
    expect(values(db).map((r) => r.value)).toEqual(Array.from({ length: BATCH * 3 }, (_, i) => (i % 6 === 0 ? i + 1000 : i)));
    const revisions = db.sqlite.prepare("SELECT period, old_value, new_value FROM revisions ORDER BY period").all() as { old_value: number; new_value: number }[];
    expect(revisions.length).toBe(BATCH / 2);
    expect(revisions.every((r) => r.new_value === r.old_value + 1000)).toBe(true);
    const again = await importFile(db, tmpFile(HEADER + body));
    expect(again).toMatchObject({ committed: true, inserted: 0, updated: 0, unchanged: BATCH * 3 });
  });

  it("names both lines of a key repeated inside one batch and across batches, and writes nothing", async () => {
    const db = memoryDb();
    const lines = rows(BATCH * 3, (i) => i)
      .split("\n")
      .slice(0, -1);
    lines.splice(5, 0, lines[2]!); // same batch: file line 8 repeats line 4
    lines.splice(BATCH * 2 + 4, 0, lines[1]!); // a later batch repeats line 3
    const s = await importFile(db, tmpFile(HEADER + lines.join("\n") + "\n"));
    expect(s.committed).toBe(false);
    expect(s.rejected).toBe(2);
    expect(s.errors.map((e) => [e.line, e.message])).toEqual([
      [7, "the same observation appears twice in this file (first on line 4)"],
      [BATCH * 2 + 6, "the same observation appears twice in this file (first on line 3)"],
    ]);
    expect(values(db)).toEqual([]);
  });

  it("leaves observations' indexes as they were after a bulk load and a failed one; a key three times names its first line twice", async () => {
    const db = memoryDb();
    const schema = () => db.sqlite.prepare("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'observations' ORDER BY name").all();
    const before = schema();
    expect(before.filter((r) => (r as { type: string }).type === "index").length).toBeGreaterThanOrEqual(2);
    const lines = rows(BATCH * 3, (i) => i)
      .split("\n")
      .slice(0, -1);
    lines.splice(BATCH, 0, lines[7]!, lines[7]!); // the same key three times: both repeats name line 9
    const failed = await importFile(db, tmpFile(HEADER + lines.join("\n") + "\n"));
    expect(failed.errors.map((e) => [e.line, e.message])).toEqual([
      [BATCH + 2, "the same observation appears twice in this file (first on line 9)"],
      [BATCH + 3, "the same observation appears twice in this file (first on line 9)"],
    ]);
    expect(failed).toMatchObject({ committed: false, inserted: BATCH * 3, rejected: 2 });
    expect(schema()).toEqual(before);
    const s = await importFile(db, tmpFile(HEADER + rows(BATCH * 3, (i) => i)));
    expect(s).toMatchObject({ committed: true, inserted: BATCH * 3 });
    expect(schema()).toEqual(before);
    // The unique key index is back: the same key again is refused by SQLite itself.
    expect(() => db.sqlite.prepare("INSERT INTO observations (indicator, origin, destination, period, frequency, period_start, period_end, value, breakdown, import_id) SELECT indicator, origin, destination, period, frequency, period_start, period_end, value, breakdown, import_id FROM observations LIMIT 1").run()).toThrow(/UNIQUE/);
  });

  it("catches a row repeating an existing row twice in one file (second time is a duplicate, not an update)", async () => {
    const db = memoryDb();
    await importFile(db, tmpFile(HEADER + rows(1, () => 5)));
    const lines = rows(BATCH * 2, (i) => i)
      .split("\n")
      .slice(0, -1);
    lines.splice(BATCH + 3, 0, "entries,TJK,RUS,2000-01,7,");
    const s = await importFile(db, tmpFile(HEADER + lines.join("\n") + "\n"));
    expect(s.errors.map((e) => [e.line, e.message])).toEqual([[BATCH + 5, "the same observation appears twice in this file (first on line 2)"]]);
    expect(values(db)).toEqual([{ period: "2000-01", value: 5 }]);
  });

  describe("a scattered file (time outermost: every series, then the next month)", () => {
    const schema = (db: CorridorDb) => db.sqlite.prepare("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'observations' ORDER BY name").all();
    // More rows than two flushes (65,536 each): the first goes into the indexed table, the next ones are appended.
    const origins = COUNTRY_RECORDS.map((c) => c.code)
      .filter((c) => c !== "RUS" && c !== "KAZ")
      .slice(0, 200);
    const MONTHS = 340;
    const periodMajor = () => {
      const lines: string[] = [];
      for (let m = 0; m < MONTHS; m++) for (const o of origins) for (const d of ["RUS", "KAZ"]) lines.push(`entries,${o},${d},${month(m)},${m + 0.5},`);
      return lines;
    };

    it("loads every row once, the same rows and summary as the row-by-row path", async () => {
      const bulk = memoryDb();
      const lines = periodMajor();
      const indexesBefore = schema(bulk);
      const s = await importFile(bulk, tmpFile(HEADER + lines.join("\n") + "\n"));
      expect(s).toMatchObject({ committed: true, inserted: lines.length, errorCount: 0 });
      // Dropped for the appended flushes, built again at the end: the same indexes, and unique.
      expect(schema(bulk)).toEqual(indexesBefore);
      expect(() => bulk.sqlite.prepare("INSERT INTO observations SELECT id + 10000000, indicator, origin, destination, period, frequency, period_start, period_end, value, breakdown, flag, source, import_id, bound FROM observations LIMIT 1").run()).toThrow(/UNIQUE/);
      // Row by row: a database that already holds one row takes the general path.
      const byRow = memoryDb();
      await importFile(byRow, tmpFile(HEADER + "entries,TJK,UZB,2000-01,1,\n"));
      await importFile(byRow, tmpFile(HEADER + lines.join("\n") + "\n"));
      const keyed = (db: CorridorDb) => db.sqlite.prepare("SELECT origin, destination, period, value FROM observations WHERE destination <> 'UZB' ORDER BY origin, destination, period").all();
      expect(keyed(bulk)).toEqual(keyed(byRow));
      expect(storedRanges(bulk.sqlite)).toEqual(scannedRanges(bulk.sqlite));
    });

    it("names both lines of a key repeated across flushes and inside one, and writes nothing", async () => {
      const db = memoryDb();
      const lines = periodMajor();
      const late = lines.length - 10;
      lines.splice(late, 0, lines[3]!); // in the last flush: repeats file line 5, inserted into the indexed table
      lines.splice(late + 3, 0, lines[100_000]!); // repeats an appended line (line 100,002)
      lines.splice(late + 5, 0, lines[lines.length - 2]!); // an earlier copy of a later line, both in the last flush
      const s = await importFile(db, tmpFile(HEADER + lines.join("\n") + "\n"));
      expect(s.committed).toBe(false);
      const repeat = (line: number, first: number) => [line, `the same observation appears twice in this file (first on line ${first})`];
      expect(s.errors.map((e) => [e.line, e.message])).toEqual([repeat(late + 2, 5), repeat(late + 5, 100_002), repeat(lines.length, late + 7)]);
      expect(values(db)).toEqual([]);
      expect(schema(db)).toEqual(schema(memoryDb()));
    });
  });
});
