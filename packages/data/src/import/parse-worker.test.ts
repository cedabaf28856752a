/**
 * The bulk load with its parser in a worker thread (the CLI's path for big files) must give exactly
 * what the same import gives on one thread: counts, errors and their lines, ids, values, the file's
 * sha256. Files here are SYNTHETIC. More rows than one flush (65,536) so that repeats across
 * flushes and a partial last batch are exercised.
 */
import { describe, expect, it } from "vitest";
import { BadInputError, importFile, sha256File, type ImportOptions } from "./index.ts";
import { startParseWorker } from "./parse-worker-start.ts";
import { memoryDb, scannedRanges, storedRanges, tmpFile } from "../test/helpers.ts";
import type { CorridorDb } from "../db.ts";

const HEADER = "indicator,origin,destination,period,value,flag\n";
const ORIGINS = ["TJK", "UZB", "KGZ", "KAZ"];
const day = (i: number) => new Date(Date.UTC(1950, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
/** Row i: a distinct key (origin, day), a value, a flag on every 97th row. */
const row = (i: number) => `entries,${ORIGINS[i % 4]},RUS,${day(Math.floor(i / 4))},${i + 0.5},${i % 97 === 0 ? "p" : ""}`;
const rows = (n: number) => Array.from({ length: n }, (_, i) => row(i));
const dump = (db: CorridorDb) =>
  db.sqlite.prepare("SELECT id, indicator, origin, destination, period, frequency, period_start, period_end, value, breakdown, flag, source FROM observations ORDER BY id").all();

async function both(file: string, options: ImportOptions = {}) {
  const inThread = memoryDb();
  const inWorker = memoryDb();
  const one = await importFile(inThread, file, options);
  const two = await importFile(inWorker, file, { ...options, parseWorker: startParseWorker });
  return { one, two, inThread, inWorker };
}

describe("import with the parser in a worker thread", () => {
  it("writes the same rows with the same ids as on one thread, across flushes and a partial last batch", async () => {
    const n = 70_001;
    const file = tmpFile(HEADER + rows(n).join("\n") + "\n");
    const progress: number[] = [];
    const { one, two, inThread, inWorker } = await both(file, { onProgress: (read) => progress.push(read) });
    expect(two).toMatchObject({ committed: true, inserted: n, rowsRead: n, errorCount: 0 });
    expect({ ...two, importId: 0 }).toEqual({ ...one, importId: 0 });
    expect(two.sha256).toBe(await sha256File(file));
    expect(dump(inWorker)).toEqual(dump(inThread));
    // The corridor summary, tallied from the worker's encoded batches, is what the rows make.
    expect(storedRanges(inWorker.sqlite)).toEqual(scannedRanges(inWorker.sqlite));
    expect(storedRanges(inWorker.sqlite)).toHaveLength(4);
    expect(progress.length).toBeGreaterThan(0);
    const imported = inWorker.sqlite.prepare("SELECT sha256, rows_read, inserted FROM imports").get();
    expect(imported).toEqual({ sha256: two.sha256, rows_read: n, inserted: n });
  });

  it("names both lines of keys repeated in one batch and across flushes, and writes nothing", async () => {
    const lines = rows(70_000);
    lines.splice(10, 0, lines[3]!); // file line 12 repeats line 5
    lines.splice(68_000, 0, lines[20]!); // a later flush repeats line 22 (lines[20] is file line 22)
    const file = tmpFile(HEADER + lines.join("\n") + "\n");
    const { one, two, inWorker } = await both(file);
    expect(two.committed).toBe(false);
    expect(two.errors.map((e) => [e.line, e.message])).toEqual([
      [12, "the same observation appears twice in this file (first on line 5)"],
      [68_002, "the same observation appears twice in this file (first on line 22)"],
    ]);
    expect(two.rejected).toBe(2);
    expect({ ...two, importId: 0 }).toEqual({ ...one, importId: 0 });
    expect(dump(inWorker)).toEqual([]);
    expect(storedRanges(inWorker.sqlite)).toEqual([]);
  });

  it("reports bad cells with their lines, the first 100 in full and all of them counted", async () => {
    const lines = rows(5_000);
    for (let i = 100; i < 5_000; i += 20) lines[i] = lines[i]!.replace(/,[\d.]+,/, ",twelve,");
    const file = tmpFile(HEADER + lines.join("\n") + "\n");
    const { one, two } = await both(file);
    expect(two.errorCount).toBe(245);
    expect(two.errors).toHaveLength(100);
    expect(two.errors[0]).toEqual({ line: 102, column: "value", value: "twelve", message: expect.stringMatching(/not a number/), problem: { code: "not_a_number", params: { value: "twelve" } } });
    expect({ ...two, importId: 0 }).toEqual({ ...one, importId: 0 });
  });

  it("stops with the same BadInputError (and line) when the bytes turn invalid midway", async () => {
    const good = HEADER + rows(20_000).join("\n") + "\n";
    const file = tmpFile(Buffer.concat([Buffer.from(good), Buffer.from([0x82, 0xd2, 0xe0, 0x0a])]));
    const db = memoryDb();
    const error = await importFile(db, file, { parseWorker: startParseWorker }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadInputError);
    expect((error as BadInputError).message).toMatch(/not valid UTF-8 at byte \d+/);
    expect((error as BadInputError).line).toBe(20_002);
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM imports").get()).toEqual({ n: 0 });
  });

  it("is not used when the table already holds rows: updates and revisions as on one thread", async () => {
    const { inThread, inWorker } = await both(tmpFile(HEADER + rows(10).join("\n") + "\n"));
    const changed = tmpFile(HEADER + rows(20).map((r, i) => (i === 3 ? r.replace(",3.5,", ",9,") : r)).join("\n") + "\n");
    const one = await importFile(inThread, changed);
    const two = await importFile(inWorker, changed, { parseWorker: startParseWorker });
    expect(two).toMatchObject({ committed: true, inserted: 10, updated: 1, unchanged: 9 });
    expect({ ...two, importId: 0 }).toEqual({ ...one, importId: 0 });
    expect(dump(inWorker)).toEqual(dump(inThread));
  });
});
