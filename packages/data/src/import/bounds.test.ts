/**
 * Lower and upper bounds ("more than 3 million") through the import: the `bound` column, its errors
 * with line and column, the bulk and row-by-row writers, the diff, revisions, undo, history and series().
 */
import { describe, expect, it } from "vitest";
import { importFile } from "./index.ts";
import { observationHistory, undoImport } from "../history.ts";
import { series } from "../queries/series.ts";
import { latestOf } from "../queries/latest.ts";
import { engineDb, sqlRows, tmpFile } from "../test/helpers.ts";
import type { CorridorDb } from "../db.ts";

const HEADER = "indicator,origin,destination,period,value,flag,bound\n";
const csv = (...rows: string[]) => tmpFile(HEADER + rows.map((r) => `${r}\n`).join(""));
const stored = (db: CorridorDb) => sqlRows(db, "SELECT origin, period, value, flag, bound FROM observations ORDER BY origin, period");
const key = { indicator: "entries", origin: "UZB", destination: "RUS", period: "2021" };

describe("the bound column", () => {
  it("stores lower and upper (any case) and null for an empty cell, in a bulk load and row by row alike", async () => {
    const rows = ["entries,UZB,RUS,2021,3000000,,lower", "entries,TJK,RUS,2021,2000000,a,", "work_patents_issued,AZE,RUS,2021,65000,a,Upper"];
    const bulk = await engineDb();
    await importFile(bulk, csv(...rows)); // empty table: the staged bulk load
    const inBulk = await stored(bulk);
    const byRow = await engineDb(); // (on PostgreSQL the same database, emptied)
    await importFile(byRow, csv("entries,KGZ,RUS,2021,1,,")); // not empty: row by row
    await importFile(byRow, csv(...rows));
    const expected = [
      { origin: "AZE", period: "2021", value: 65000, flag: "a", bound: "upper" },
      { origin: "TJK", period: "2021", value: 2000000, flag: "a", bound: null },
      { origin: "UZB", period: "2021", value: 3000000, flag: null, bound: "lower" },
    ];
    expect(inBulk).toEqual(expected);
    expect((await stored(byRow)).filter((r) => r.origin !== "KGZ")).toEqual(expected);
  });

  it("refuses anything but lower, upper or empty, naming the line, the column and the value", async () => {
    const db = await engineDb();
    const s = await importFile(db, csv("entries,UZB,RUS,2021,3000000,,lower", "entries,TJK,RUS,2021,1,,more than", "entries,KGZ,RUS,2021,2,,>"));
    expect(s.committed).toBe(false);
    expect(s.errors.map((e) => [e.line, e.column, e.value])).toEqual([
      [3, "bound", "more than"],
      [4, "bound", ">"],
    ]);
    expect(s.errors[0]!.message).toMatch(/bound must be "lower".*"upper".*or empty, not "more than"/);
    expect(await stored(db)).toEqual([]);
  });

  it("a mapped column under another name reports that name", async () => {
    const db = await engineDb();
    const s = await importFile(db, tmpFile("indicator,origin,destination,period,value,qualifier\nentries,UZB,RUS,2021,3,over\n"), { map: { bound: "qualifier" } });
    expect(s.errors.map((e) => [e.line, e.column, e.value])).toEqual([[2, "qualifier", "over"]]);
  });
});

describe("a bound that changes is a revision", () => {
  it("is an update in the diff (old → new bound), a revision kept with both bounds, and undo brings the old bound back", async () => {
    const db = await engineDb();
    const first = await importFile(db, csv("entries,UZB,RUS,2021,3000000,a,"));
    const preview = await importFile(db, csv("entries,UZB,RUS,2021,3000000,,lower"), { dryRun: true, diff: true });
    expect(preview).toMatchObject({ updated: 1, unchanged: 0, inserted: 0 });
    expect(preview.diff!.groups[0]!.changes).toEqual([{ period: "2021", old: 3000000, new: 3000000, oldBound: null, newBound: "lower", line: 2 }]);

    const second = await importFile(db, csv("entries,UZB,RUS,2021,3000000,,lower"));
    expect(second).toMatchObject({ updated: 1, unchanged: 0 });
    const revision = (await sqlRows(db, "SELECT old_value, old_flag, old_bound, new_value, new_flag, new_bound FROM revisions"));
    expect(revision).toEqual([{ old_value: 3000000, old_flag: "a", old_bound: null, new_value: 3000000, new_flag: null, new_bound: "lower" }]);
    expect((await observationHistory(db, key)).current).toMatchObject({ value: 3000000, bound: "lower" });
    expect((await observationHistory(db, key)).history).toMatchObject([{ value: 3000000, flag: "a", bound: null, importId: first.importId }]);

    // The same file again: nothing changed.
    expect(await importFile(db, csv("entries,UZB,RUS,2021,3000000,,lower"))).toMatchObject({ updated: 0, unchanged: 1 });
    // lower → upper is a change too.
    const third = await importFile(db, csv("entries,UZB,RUS,2021,3000000,,upper"));
    expect(third).toMatchObject({ updated: 1 });

    await undoImport(db, third.importId!);
    expect(await stored(db)).toEqual([{ origin: "UZB", period: "2021", value: 3000000, flag: null, bound: "lower" }]);
    await undoImport(db, second.importId!);
    expect(await stored(db)).toEqual([{ origin: "UZB", period: "2021", value: 3000000, flag: "a", bound: null }]);
  });
});

describe("series() and latest with bounds", () => {
  it("carries the bound on each point, and a year-on-year change against a bound is not comparable", async () => {
    const db = await engineDb();
    await importFile(db, csv("entries,UZB,RUS,2020,2500000,,", "entries,UZB,RUS,2021,3000000,,lower"));
    const s = await series(db, { indicator: "entries", origin: "UZB", destination: "RUS" });
    expect(s.points.map((p) => [p.period, p.value, p.bound])).toEqual([
      ["2020", 2500000, undefined],
      ["2021", 3000000, "lower"],
    ]);
    const latest = latestOf(s)!;
    expect(latest).toMatchObject({ value: 3000000, bound: "lower", yearAgo: { comparable: false, whyNot: "bound" } });
  });

  it("rolls lower bounds up to a lower bound, and leaves out a roll-up mixing lower and upper", async () => {
    const db = await engineDb();
    await importFile(
      db,
      csv(
        ...["Q1", "Q2", "Q3", "Q4"].map((q, i) => `entries,UZB,RUS,2021-${q},${i + 1},,${i === 1 ? "lower" : ""}`),
        ...["Q1", "Q2", "Q3", "Q4"].map((q, i) => `entries,UZB,RUS,2022-${q},${i + 1},,${i === 0 ? "lower" : i === 3 ? "upper" : ""}`),
      ),
    );
    const s = await series(db, { indicator: "entries", origin: "UZB", destination: "RUS", frequency: "A" });
    expect(s.points.map((p) => [p.period, p.value, p.bound])).toEqual([["2021", 10, "lower"]]);
  });
});
