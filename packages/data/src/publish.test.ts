import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { importFile } from "./import/index.ts";
import { undoImport } from "./history.ts";
import { importEvents } from "./events/store.ts";
import { memoryDb, tmpFile, onEngine } from "./test/helpers.ts";
import { chartData, dataDate, dataVersion, getSnapshot, publishSnapshot, seriesSnapshotData, SNAPSHOT_SCHEMA_VERSION } from "./publish.ts";
import { CorridorError } from "./errors.ts";

const csv = (rows: string[]) => tmpFile("indicator,origin,destination,period,value\n" + rows.join("\n") + "\n");
const EVENT = `---
title: Talks
kind: talks
starts_on: 2021-04-19
countries: [TJK, RUS]
---
Body.
`;

describe("dataVersion", () => {
  it("moves on every committed import, undo and event change, not on a dry run or a failed import", async () => {
    const db = memoryDb();
    const v0 = await dataVersion(await onEngine(db));
    expect(v0.databaseId).toMatch(/^[0-9a-f]{16}$/);
    const committed = await importFile(db, csv(["entries,TJK,RUS,2021,1"]));
    const v1 = (await dataVersion(await onEngine(db))).version;
    expect(v1).toBeGreaterThan(v0.version);
    await importFile(db, csv(["entries,TJK,RUS,2022,2"]), { dryRun: true });
    await importFile(db, csv(["entries,TJK,RUS,2022,not a number"]));
    expect((await dataVersion(await onEngine(db))).version).toBe(v1);
    await undoImport(db, committed.importId!);
    const v2 = (await dataVersion(await onEngine(db))).version;
    expect(v2).toBeGreaterThan(v1);
    await importEvents(db, [tmpFile(EVENT, "talks.md")]);
    expect((await dataVersion(await onEngine(db))).version).toBeGreaterThan(v2);
  });

  it("differs between two databases", async () => {
    expect((await dataVersion(await onEngine(memoryDb()))).databaseId).not.toBe((await dataVersion(await onEngine(memoryDb()))).databaseId);
  });
});

describe("dataDate", () => {
  it("is the day of the latest committed import or undo, null before any", async () => {
    const db = memoryDb();
    expect(await dataDate(await onEngine(db))).toBeNull();
    const first = await importFile(db, csv(["entries,TJK,RUS,2021,1"]));
    const today = new Date().toISOString().slice(0, 10);
    expect(await dataDate(await onEngine(db))).toBe(today);
    // Dates set by hand: an older import, then its undo on a later day.
    db.sqlite.prepare("UPDATE imports SET imported_at = '2026-01-05T10:00:00.000Z' WHERE id = ?").run(first.importId);
    expect(await dataDate(await onEngine(db))).toBe("2026-01-05");
    await undoImport(db, first.importId!);
    db.sqlite.prepare("UPDATE imports SET undone_at = '2026-02-07T09:00:00.000Z' WHERE id = ?").run(first.importId);
    expect(await dataDate(await onEngine(db))).toBe("2026-02-07");
  });
});

describe("chartData", () => {
  it("returns the series with the corridor's events in the range drawn", async () => {
    const db = memoryDb();
    await importFile(db, csv(["entries,TJK,RUS,2020,1", "entries,TJK,RUS,2021,2"]));
    await importEvents(db, [tmpFile(EVENT, "talks.md"), tmpFile(EVENT.replace("2021-04-19", "2015-01-01").replace("Talks", "Old"), "old.md")]);
    const data = await chartData(await onEngine(db), { indicator: "entries", origin: "TJK", destination: "RUS" });
    expect(data.series.points.map((p) => p.value)).toEqual([1, 2]);
    expect(data.events.map((e) => e.title)).toEqual(["Talks"]);
    const wider = await chartData(await onEngine(db), { indicator: "entries", origin: "TJK", destination: "RUS", from: "2010" });
    expect(wider.events.map((e) => e.title)).toEqual(["Old", "Talks"]);
  });
});

describe("snapshots", () => {
  it("freeze the payload under a content id that survives later imports and undos", async () => {
    const db = memoryDb();
    await importFile(db, csv(["entries,TJK,RUS,2021,1"]));
    const query = { indicator: "entries", origin: "TJK", destination: "RUS" };
    const payload = await chartData(await onEngine(db), query);
    const snap = await publishSnapshot(db, { kind: "series", query, payload });
    expect(snap.id).toMatch(/^[0-9a-f]{20}$/);
    expect(snap.created).toBe(true);
    // Same view, same data: same id, one row, and the repeat says it added none (nothing to audit).
    const again = await publishSnapshot(db, { kind: "series", query, payload });
    expect([again.id, again.created]).toEqual([snap.id, false]);

    const second = await importFile(db, csv(["entries,TJK,RUS,2021,5", "entries,TJK,RUS,2022,6"]));
    const later = await chartData(await onEngine(db), query);
    expect(later.series.points.map((p) => p.value)).toEqual([5, 6]);
    expect((await publishSnapshot(db, { kind: "series", query, payload: later })).id).not.toBe(snap.id);
    await undoImport(db, second.importId!);
    await importFile(db, csv(["entries,TJK,RUS,2023,7"]));

    const stored = await getSnapshot<typeof payload>(await onEngine(db), snap.id);
    expect(stored?.payload.series.points.map((p) => p.value)).toEqual([1]);
    expect(stored?.dataVersion).toBe(snap.dataVersion);
  });

  it("answers undefined for unknown or malformed ids", async () => {
    const db = memoryDb();
    expect(await getSnapshot(await onEngine(db), "0".repeat(20))).toBeUndefined();
    expect(await getSnapshot(await onEngine(db), "'; DROP TABLE snapshots; --")).toBeUndefined();
  });

  it("stores the payload versioned, and reads a row written before versions (the bare payload) as it was", async () => {
    const sqlite = memoryDb();
    await importFile(sqlite, csv(["entries,TJK,RUS,2021,1"]));
    const db = await onEngine(sqlite);
    const query = { indicator: "entries", origin: "TJK", destination: "RUS" };
    const payload = await chartData(db, query);
    const snap = await publishSnapshot(db, { kind: "series", query, payload });
    const raw = await db.get<{ payload: string }>(sql`SELECT payload FROM snapshots WHERE id = ${snap.id}`);
    expect(JSON.parse(raw!.payload)).toMatchObject({ schemaVersion: SNAPSHOT_SCHEMA_VERSION, data: { series: { origin: "TJK" } } });
    expect((await getSnapshot(db, snap.id, seriesSnapshotData))?.payload).toEqual(payload);

    // A snapshot as the code before versions wrote it: the payload column holds the ChartData itself.
    const legacyId = "0123456789abcdef0123";
    await db.run(
      sql`INSERT INTO snapshots (id, kind, query, payload, data_version, created_at) VALUES (${legacyId}, 'series', ${JSON.stringify(query)}, ${JSON.stringify(payload)}, 1, '2026-01-01T00:00:00.000Z')`,
    );
    const legacy = await getSnapshot(db, legacyId, seriesSnapshotData);
    expect(legacy?.payload).toEqual(payload);
    // Republishing what an old row holds finds that row: ids hash the bare payload, as before.
    expect(await publishSnapshot(db, { kind: "series", query, payload })).toMatchObject({ id: snap.id, created: false });
  });

  it("refuses a damaged payload or one from a newer version by naming the snapshot", async () => {
    const db = await onEngine(memoryDb());
    const insert = (id: string, payload: unknown) =>
      db.run(sql`INSERT INTO snapshots (id, kind, query, payload, data_version, created_at) VALUES (${id}, 'series', '{}', ${JSON.stringify(payload)}, 1, '2026-01-01T00:00:00.000Z')`);
    await insert("a".repeat(20), { series: { points: "none" }, events: [] });
    await insert("b".repeat(20), { schemaVersion: 99, data: {} });
    await expect(getSnapshot(db, "a".repeat(20), seriesSnapshotData)).rejects.toThrow(/snapshot a{20} is damaged: series\./);
    const newer = await getSnapshot(db, "b".repeat(20)).catch((e: unknown) => e);
    expect(CorridorError.is(newer) && newer.message).toMatch(/payload schema version 99/);
  });
});
