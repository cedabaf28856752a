import { describe, expect, it } from "vitest";
import { importFile } from "./index.ts";
import { DIFF_CHANGES_PER_GROUP } from "./diff.ts";
import { getImport, observationHistory, undoImport } from "../history.ts";
import { countRows, engineDb, tmpFile } from "../test/helpers.ts";
import type { CorridorDb } from "../db.ts";

const HEADER = "indicator,origin,destination,period,value,flag\n";
const csv = (...rows: string[]) => tmpFile(HEADER + rows.map((r) => `${r}\n`).join(""));
const count = (db: CorridorDb, table: string) => countRows(db, table);

describe("importFile diff", () => {
  it("lists new observations, changed values old → new with their line, and counts unchanged, per indicator and corridor", async () => {
    const db = await engineDb();
    await importFile(db, csv("work_patents_issued,TJK,RUS,2020,500,", "work_patents_issued,TJK,RUS,2021,787000,a", "work_patents_issued,UZB,RUS,2021,1316569,"));
    const imports = await count(db, "imports");
    const summary = await importFile(
      db,
      csv(
        "work_patents_issued,UZB,RUS,2022,7,", // line 2: new
        "work_patents_issued,TJK,RUS,2021,787123,", // line 3: value changed
        "work_patents_issued,TJK,RUS,2020,500,", // line 4: unchanged
        "work_patents_issued,TJK,RUS,2019,400,", // line 5: new, earlier period
        "work_patents_issued,UZB,RUS,2021,1316569,", // line 6: unchanged
      ),
      { dryRun: true, diff: true },
    );
    expect(summary).toMatchObject({ inserted: 2, updated: 1, unchanged: 2, committed: false });
    expect(summary.diff).toEqual({
      truncated: false,
      groups: [
        {
          indicator: "work_patents_issued", origin: "TJK", destination: "RUS", breakdown: "total", inserted: 1, updated: 1, unchanged: 1,
          changes: [{ period: "2019", old: null, new: 400, line: 5 }, { period: "2021", old: 787000, new: 787123, line: 3 }],
        },
        { indicator: "work_patents_issued", origin: "UZB", destination: "RUS", breakdown: "total", inserted: 1, updated: 0, unchanged: 1, changes: [{ period: "2022", old: null, new: 7, line: 2 }] },
      ],
    });
    // A dry run with a diff writes nothing, and without `diff` there is none.
    expect(await count(db, "imports")).toBe(imports);
    expect(await count(db, "revisions")).toBe(0);
    expect((await importFile(db, csv("work_patents_issued,TJK,RUS,2021,1,"), { dryRun: true })).diff).toBeUndefined();
  });

  it("counts a changed flag as an update and agrees with the writer's counts", async () => {
    const db = await engineDb();
    await importFile(db, csv("work_patents_issued,TJK,RUS,2021,787000,a"));
    const summary = await importFile(db, csv("work_patents_issued,TJK,RUS,2021,787000,"), { dryRun: true, diff: true });
    expect(summary.updated).toBe(1);
    expect(summary.diff!.groups[0]).toMatchObject({ updated: 1, changes: [{ period: "2021", old: 787000, new: 787000 }] });
  });

  it(`lists at most ${DIFF_CHANGES_PER_GROUP} changes per group, the earliest periods, and keeps counting`, async () => {
    const db = await engineDb();
    const rows: string[] = [];
    // Days of 2019-2022 in reverse order: the listed ones must be the earliest, not the first read.
    const day = new Date(Date.UTC(2022, 11, 31));
    for (let i = 0; i < 1300; i++, day.setUTCDate(day.getUTCDate() - 1)) rows.push(`work_patents_issued,TJK,RUS,${day.toISOString().slice(0, 10)},${i},`);
    const summary = await importFile(db, csv(...rows), { dryRun: true, diff: true });
    const [group] = summary.diff!.groups;
    expect(summary.diff!.truncated).toBe(true);
    expect(group!.inserted).toBe(1300);
    expect(group!.changes).toHaveLength(DIFF_CHANGES_PER_GROUP);
    expect(group!.changes[0]!.period).toBe(rows.at(-1)!.split(",")[3]);
    const periods = group!.changes.map((c) => c.period);
    expect([...periods].sort()).toEqual(periods);
  });
});

describe("observationHistory and getImport", () => {
  const key = { indicator: "work_patents_issued", origin: "TJK", destination: "RUS", period: "2021" };

  it("follows a value through three imports and an undo", async () => {
    const db = await engineDb();
    const first = await importFile(db, csv("work_patents_issued,TJK,RUS,2021,100,p"), { importedBy: "ana", fileName: "first.csv" });
    const second = await importFile(db, csv("work_patents_issued,TJK,RUS,2021,110,"), { importedBy: "bob", fileName: "second.csv" });
    await importFile(db, csv("work_patents_issued,TJK,RUS,2021,110,"), { importedBy: "carol" }); // unchanged: no revision
    const third = await importFile(db, csv("work_patents_issued,TJK,RUS,2021,120,e"), { importedBy: "dan", fileName: "third.csv" });

    expect(await getImport(db, first.importId!)).toMatchObject({ id: first.importId, fileName: "first.csv", importedBy: "ana", status: "committed", inserted: 1 });
    expect(await getImport(db, 999)).toBeUndefined();

    let h = await observationHistory(db, key);
    expect(h.current).toEqual({ value: 120, flag: "e", bound: null, source: null, importId: third.importId });
    expect(h.history).toMatchObject([
      { value: 100, flag: "p", importId: first.importId, fileName: "first.csv", importedBy: "ana", replacedByImportId: second.importId, undone: false, replacementUndone: false },
      { value: 110, flag: null, importId: second.importId, fileName: "second.csv", importedBy: "bob", replacedByImportId: third.importId },
    ]);

    await undoImport(db, third.importId!);
    h = await observationHistory(db, key);
    expect(h.current).toEqual({ value: 110, flag: null, bound: null, source: null, importId: second.importId });
    expect(h.history.map((e) => [e.value, e.importId, e.replacedByImportId, e.undone, e.replacementUndone])).toEqual([
      [100, first.importId, second.importId, false, false],
      [110, second.importId, third.importId, false, true],
      [120, third.importId, null, true, false],
    ]);
    expect(await getImport(db, third.importId!)).toMatchObject({ status: "undone" });
  });

  it("has no current value and no history for an observation never imported, and defaults to WLD and total", async () => {
    const db = await engineDb();
    expect(await observationHistory(db, key)).toEqual({ current: null, history: [] });
    await importFile(db, tmpFile("indicator,origin,period,value\nremittances_received_usd,TJK,2021,2.1\n"));
    expect((await observationHistory(db, { indicator: "remittances_received_usd", origin: "TJK", period: "2021" })).current).toMatchObject({ value: 2.1 });
  });
});
