/**
 * Writes and reads that cross an import's transaction (the server's model: one shared connection
 * for requests, imports on a connection of their own, one write gate). Each scenario interleaves
 * other writes and reads with an import in flight — from the import's own progress callback, which
 * runs while its transaction is open — and checks what survives.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openDb, type CorridorDb } from "./db.ts";
import { createEvent, getEvent } from "./index.ts";
import { audit, listAudit } from "./accounts.ts";
import { importFile, importOnOwnConnection } from "./import/index.ts";
import { series } from "./queries/series.ts";
import { dataVersion } from "./publish.ts";
import { dbChecksum, dbCounts, syntheticTidyCsv, tmpPath } from "./test/helpers.ts";
import { WriteBusyError, WriteGate } from "./write-gate.ts";

const ROWS = 60_000;

/** A database with one stored value (entries TJK→RUS 2021 = 1), on a file. */
async function seeded(): Promise<CorridorDb> {
  const db = openDb(tmpPath("isolation.db"));
  const csv = tmpPath("one.csv");
  writeFileSync(csv, "indicator,origin,destination,period,value\nentries,TJK,RUS,2021,1\n");
  await importFile(db, csv, {});
  return db;
}

/** A big file whose first row changes the stored value to 5; `badLast` ends it with a bad cell. */
function bigFile(options: { badLast?: boolean; offsetDays?: number } = {}): string {
  const path = syntheticTidyCsv(ROWS, options.offsetDays ?? 0);
  const body = readFileSync(path, "utf8").split("\n");
  body.splice(1, 0, "entries,TJK,RUS,2021,5");
  if (options.badLast) body.splice(body.length - 1, 0, "entries,TJK,RUS,1800,five");
  writeFileSync(path, body.join("\n"));
  return path;
}

const storedValue = async (db: CorridorDb) => (await series(db, { indicator: "entries", origin: "TJK", destination: "RUS", frequency: "A", from: "2021", to: "2021" })).points[0]?.value;

const event = (n: number) => ({ id: `ev-${n}`, title: `Event ${n}`, kind: "other", starts_on: "2021-04-19", countries: "RUS; TJK" });

/**
 * Runs `action` once `ready()` holds, from a timer started here — outside the import's async context,
 * as another request would be (a write started inside it would count as the import's own).
 */
function another(ready: () => boolean, action: () => Promise<unknown>): { done: Promise<unknown> } {
  let resolve!: (p: Promise<unknown>) => void;
  const done = new Promise<Promise<unknown>>((r) => (resolve = r)).then((p) => p);
  const timer = setInterval(() => {
    if (!ready()) return;
    clearInterval(timer);
    resolve(action());
  }, 1);
  return { done };
}

/** The request side of the server: every write through the gate, as the web routes do. */
function requestWrite(db: CorridorDb, n: number): Promise<unknown> {
  return db.writes.run(`event ${n}`, async () => {
    await createEvent(db, event(n), { by: "ana@example.org" });
    await audit(db, { actor: "ana@example.org", action: "event.create", target: `event:ev-${n}` });
  });
}

describe("WriteGate", () => {
  it("runs writers one at a time in arrival order, lets the holder in again, and frees itself on a throw", async () => {
    const gate = new WriteGate();
    const log: string[] = [];
    let release!: () => void;
    const first = gate.run("first", async () => {
      log.push("first in");
      await gate.run("nested audit row", () => log.push("nested")); // reentrant: no deadlock
      await new Promise<void>((r) => (release = r));
      log.push("first out");
    });
    const second = gate.run("second", () => log.push("second"));
    const third = gate.run("third", () => {
      throw new Error("boom");
    });
    const fourth = gate.run("fourth", () => log.push("fourth"));
    await new Promise((r) => setTimeout(r, 20));
    expect(log).toEqual(["first in", "nested"]);
    expect(gate.busyWith).toBe("first");
    release();
    await first;
    await second;
    await expect(third).rejects.toThrow("boom");
    await fourth;
    expect(log).toEqual(["first in", "nested", "first out", "second", "fourth"]);
    expect(gate.busyWith).toBeNull();
  });

  it("refuses a writer that waited too long, naming what holds the gate, and keeps the queue going", async () => {
    const gate = new WriteGate();
    let release!: () => void;
    const holder = gate.run("an import of big.csv by ana", () => new Promise<void>((r) => (release = r)));
    const refused = gate.run("saving an event", () => "never", 30);
    const patient = gate.run("adding a user", () => "done", 5_000);
    const error = await refused.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteBusyError);
    expect(WriteBusyError.is(error)).toBe(true);
    expect(WriteBusyError.is(new Error("busy"))).toBe(false);
    expect((error as WriteBusyError).message).toMatch(/^saving an event was not done: the database is busy with an import of big\.csv by ana/);
    expect((error as WriteBusyError).retryAfterSeconds).toBeGreaterThan(0);
    release();
    await holder;
    expect(await patient).toBe("done");
  });
});

describe("an import beside other requests", () => {
  it("a dry run writes nothing, holds no gate, and writes made while it reads survive with their audit rows", async () => {
    const db = await seeded();
    const file = bigFile();
    const before = dbCounts(db.path);
    let calls = 0;
    let busyWith: string | null = "not seen";
    const write = another(() => calls === 2, () => {
      busyWith = db.writes.busyWith;
      return requestWrite(db, 1);
    });
    const preview = await importOnOwnConnection(db, file, {
      dryRun: true, diff: true,
      onProgress: () => void calls++,
    });
    await write.done;
    expect(busyWith).toBeNull();
    expect(calls).toBeGreaterThan(2);
    expect(preview).toMatchObject({ dryRun: true, committed: false, importId: null, inserted: ROWS, updated: 1, errorCount: 0 });
    expect(dbCounts(db.path)).toEqual(before);
    expect(await getEvent(db, "ev-1")).toMatchObject({ title: "Event 1" });
    expect((await listAudit(db)).some((a) => a.target === "event:ev-1")).toBe(true);
    expect(await storedValue(db)).toBe(1);
    // The preview counted exactly what the real import then does.
    const real = await importOnOwnConnection(db, file, {});
    expect({ inserted: real.inserted, updated: real.updated, unchanged: real.unchanged }).toEqual({ inserted: preview.inserted, updated: preview.updated, unchanged: preview.unchanged });
    db.close();
  });

  it("a dry run reports a key repeated in the file, like the real import", async () => {
    const db = await seeded();
    const csv = tmpPath("repeat.csv");
    writeFileSync(csv, "indicator,origin,destination,period,value\nentries,TJK,RUS,2021,2\nentries,TJK,RUS,2021,3\nentries,UZB,RUS,2021,4\nentries,UZB,RUS,2021,4\n");
    const preview = await importOnOwnConnection(db, csv, { dryRun: true });
    const real = await importOnOwnConnection(db, csv, {});
    expect(preview.errors).toEqual(real.errors);
    expect(preview.errors.map((e) => e.message)).toEqual(["the same observation appears twice in this file (first on line 2)", "the same observation appears twice in this file (first on line 4)"]);
    db.close();
  });

  it("a committing import: readers see only committed values, a write waits for the gate and then lands", async () => {
    const db = await seeded();
    const versionBefore = (await dataVersion(db)).version;
    const seen: number[] = [];
    const order: string[] = [];
    let calls = 0;
    const write = another(() => calls === 2, () => requestWrite(db, 2).then(() => order.push("request write")));
    const summary = await importOnOwnConnection(db, bigFile(), {
      onProgress: () => {
        calls++;
        // The import's transaction holds the update to 5 by now; the request connection must not see it.
        seen.push((db.sqlite.prepare("SELECT value FROM observations WHERE indicator = 'entries' AND origin = 'TJK' AND destination = 'RUS' AND period = '2021'").get() as { value: number }).value);
        expect(db.sqlite.inTransaction).toBe(false);
      },
    });
    order.push("import done");
    await write.done;
    expect(summary.committed).toBe(true);
    expect(seen.length).toBeGreaterThan(2);
    expect(new Set(seen)).toEqual(new Set([1]));
    expect(order).toEqual(["import done", "request write"]);
    expect(await storedValue(db)).toBe(5);
    expect(await getEvent(db, "ev-2")).toMatchObject({ title: "Event 2" });
    expect((await listAudit(db)).some((a) => a.target === "event:ev-2")).toBe(true);
    expect((await dataVersion(db)).version).toBeGreaterThan(versionBefore);
    db.close();
  });

  it("a failing import rolls back only itself: a write queued behind it survives with its audit row", async () => {
    const db = await seeded();
    const versionBefore = (await dataVersion(db)).version;
    let calls = 0;
    const write = another(() => calls === 2, () => requestWrite(db, 3));
    const summary = await importOnOwnConnection(db, bigFile({ badLast: true }), { onProgress: () => void calls++ });
    await write.done;
    expect(summary).toMatchObject({ committed: false, errorCount: 1 });
    expect(await storedValue(db)).toBe(1);
    expect(await getEvent(db, "ev-3")).toMatchObject({ title: "Event 3" });
    expect((await listAudit(db)).some((a) => a.target === "event:ev-3")).toBe(true);
    // The version moved only for the event: the rolled-back import left no version behind.
    expect((await dataVersion(db)).version).toBe(versionBefore + 1);
    db.close();
  });

  it("two imports at once both end cleanly: the second waits its turn, or is told what is busy and writes nothing", async () => {
    const db = await seeded();
    const [a, b] = await Promise.all([importOnOwnConnection(db, bigFile({ offsetDays: 0 }), { fileName: "a.csv" }), importOnOwnConnection(db, bigFile({ offsetDays: 2_500 }), { fileName: "b.csv" })]);
    expect([a.committed, b.committed]).toEqual([true, true]);
    expect(dbCounts(db.path).imports).toBe(3);

    const checksum = dbChecksum(db.path);
    process.env.CORRIDOR_WRITE_WAIT_MS = "20";
    try {
      const results = await Promise.allSettled([importOnOwnConnection(db, bigFile({ offsetDays: 5_000 }), { fileName: "c.csv", importedBy: "ana" }), importOnOwnConnection(db, bigFile({ offsetDays: 7_500 }), { fileName: "d.csv" })]);
      expect(results[0]).toMatchObject({ status: "fulfilled", value: { committed: true } });
      expect(results[1].status).toBe("rejected");
      expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/an import of d\.csv by cli was not done: the database is busy with an import of c\.csv by ana/);
    } finally {
      delete process.env.CORRIDOR_WRITE_WAIT_MS;
    }
    expect(dbChecksum(db.path)).not.toBe(checksum);
    expect(dbCounts(db.path).imports).toBe(4);
    db.close();
  });
});
