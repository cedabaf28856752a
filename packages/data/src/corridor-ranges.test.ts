/**
 * The corridor summary stays equal to a fresh GROUP BY over observations through any sequence of
 * imports (the bulk path into an empty table and the row-by-row path), revisions, refused and
 * rolled-back imports, and undos (property test), and corridors() reads it, adding it up as a
 * merge of its rows in JS does.
 */
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { importFile } from "./import/index.ts";
import { listImports, undoImport, UndoError } from "./history.ts";
import { corridors, type Corridor } from "./queries/corridors.ts";
import { byText } from "./dialect.ts";
import { corridorIndicators } from "./queries/latest.ts";
import { RangeTally, rebuildCorridorRangesOn, RECOMPUTE, touchedTable } from "./corridor-ranges.ts";
import { parsePeriod, type Frequency, type Period } from "./periods.ts";
import { engineDb, memoryDb, sqlRows, testEngine, tmpFile } from "./test/helpers.ts";
import type { CorridorDb } from "./db.ts";

// On the engine under test (test/engines.ts): the summary as stored, and as a full scan computes it now.
const GROUP = "origin, destination, indicator, breakdown, frequency";
const stored = (db: CorridorDb) => sqlRows(db, `SELECT ${GROUP}, observations, first_period, last_period, first_day, last_day FROM corridor_ranges ORDER BY ${GROUP}`);
const fresh = (db: CorridorDb) =>
  sqlRows(
    db,
    `SELECT ${GROUP}, count(*) AS observations, min(period) AS first_period, max(period) AS last_period, min(period_start) AS first_day, max(period_end) AS last_day
     FROM observations GROUP BY ${GROUP} ORDER BY ${GROUP}`,
  );

const ORIGINS = ["TJK", "UZB", "KGZ"];
const DESTINATIONS = ["RUS", "WLD"];
const INDICATORS = ["entries", "work_patents_issued"];
const BREAKDOWNS = ["total", "male"];
// Every frequency, periods that sort differently as text and as days (2020-H1 after 2020-Q1).
const PERIODS = ["2019", "2020", "2020-H1", "2020-Q1", "2020-Q4", "2021-03", "2021-04", "2021-04-16", "2018-12-31"];

const cell = fc.record({
  origin: fc.constantFrom(...ORIGINS),
  destination: fc.constantFrom(...DESTINATIONS),
  indicator: fc.constantFrom(...INDICATORS),
  breakdown: fc.constantFrom(...BREAKDOWNS),
  period: fc.constantFrom(...PERIODS),
  value: fc.integer({ min: 0, max: 3 }),
});
type Cell = typeof cell extends fc.Arbitrary<infer T> ? T : never;

const step = fc.oneof(
  // Mostly files whose keys are distinct (they commit); a repeated key makes the import fail whole.
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("import" as const), rows: fc.array(cell, { minLength: 1, maxLength: 25 }), keepRepeats: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("undo" as const), pick: fc.nat() }) },
);

const key = (c: Cell) => `${c.indicator}|${c.origin}|${c.destination}|${c.period}|${c.breakdown}`;

/**
 * The corridors the summary's rows make, merged one row at a time over the whole table (as
 * corridors() did before it kept each corridor's JSON): the oracle for what corridorsJson's
 * per-corridor merge, its keeping and its ordering must give.
 */
async function mergedInJs(db: CorridorDb): Promise<Corridor[]> {
  const names = new Map((await sqlRows(db, "SELECT code, name_en FROM countries")).map((r) => [r.code as string, r.name_en as string]));
  const catalog = new Map((await sqlRows(db, "SELECT code, name, unit FROM indicators")).map((r) => [r.code as string, r]));
  const out = new Map<string, Corridor>();
  for (const r of (await stored(db)) as { origin: string; destination: string; indicator: string; frequency: Frequency; observations: number; first_period: string; last_period: string; first_day: string; last_day: string }[]) {
    const key = `${r.origin}>${r.destination}`;
    const corridor = out.get(key) ?? { origin: r.origin, destination: r.destination, originName: names.get(r.origin) ?? r.origin, destinationName: names.get(r.destination) ?? r.destination, indicators: [] };
    out.set(key, corridor);
    let entry = corridor.indicators.find((i) => i.code === r.indicator);
    if (!entry) {
      const meta = catalog.get(r.indicator)!;
      entry = { code: r.indicator, name: meta.name as string, unit: meta.unit as string, observations: 0, ranges: [], firstDay: r.first_day, lastDay: r.last_day };
      corridor.indicators.push(entry);
    }
    entry.observations += Number(r.observations);
    entry.firstDay = [entry.firstDay, r.first_day].sort(byText)[0]!;
    entry.lastDay = [entry.lastDay, r.last_day].sort(byText)[1]!;
    const range = entry.ranges.find((x) => x.frequency === r.frequency);
    if (!range) entry.ranges.push({ frequency: r.frequency, first: r.first_period, last: r.last_period, count: Number(r.observations) });
    else {
      range.count += Number(r.observations);
      range.first = [range.first, r.first_period].sort(byText)[0]!;
      range.last = [range.last, r.last_period].sort(byText)[1]!;
    }
  }
  for (const c of out.values()) {
    c.indicators.sort((a, b) => byText(a.code, b.code));
    for (const i of c.indicators) i.ranges.sort((a, b) => byText(a.frequency, b.frequency));
  }
  return [...out.values()].sort((a, b) => byText(a.origin, b.origin) || byText(a.destination, b.destination));
}

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

async function apply(db: CorridorDb, s: Step): Promise<void> {
  if (s.kind === "import") {
    const rows = s.keepRepeats && s.rows.length > 1 ? s.rows : [...new Map(s.rows.map((r) => [key(r), r])).values()];
    const csv = ["indicator,origin,destination,period,breakdown,value", ...rows.map((r) => `${r.indicator},${r.origin},${r.destination},${r.period},${r.breakdown},${r.value}`)].join("\n");
    await importFile(db, tmpFile(`${csv}\n`));
    return;
  }
  const committed = (await listImports(db)).filter((i) => i.status === "committed");
  if (committed.length === 0) return;
  try {
    await undoImport(db, committed[s.pick % committed.length]!.id);
  } catch (error) {
    // Refused (a later import changed its values): nothing changed, which the check below sees too.
    if (!(error instanceof UndoError)) throw error;
  }
}

describe("corridor_ranges", () => {
  it("equals a fresh GROUP BY over observations after every import, revision and undo", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const db = await engineDb();
        try {
          for (const s of steps) {
            await apply(db, s);
            expect(await stored(db)).toEqual(await fresh(db));
            expect(await corridors(db)).toEqual(await mergedInJs(db));
          }
        } finally {
          await db.close();
        }
      }),
      // Each import is a transaction with a staging table on PostgreSQL: fewer runs there.
      { numRuns: testEngine() === "sqlite" ? 60 : 15 },
    );
  });

  it("corridors() and corridorIndicators() read the summary, not the observations", async () => {
    const db = await engineDb();
    await importFile(db, tmpFile("indicator,origin,destination,period,breakdown,value\nentries,TJK,RUS,2019,total,1\nentries,TJK,RUS,2020,male,2\nwork_patents_issued,TJK,RUS,2020,male,2\n"));
    const [tjk] = await corridors(db);
    // Breakdowns add up in corridors(); corridorIndicators() lists the indicators with a total.
    expect(tjk!.indicators.map((i) => [i.code, i.observations, i.ranges])).toEqual([
      ["entries", 2, [{ frequency: "A", first: "2019", last: "2020", count: 2 }]],
      ["work_patents_issued", 1, [{ frequency: "A", first: "2020", last: "2020", count: 1 }]],
    ]);
    expect((await corridorIndicators(db, { origin: "TJK", destination: "RUS" })).codes).toEqual(["entries"]);
    // A row written around the writers is not listed until the summary is rebuilt from observations.
    await db.run(sql`UPDATE observations SET period = '2018', period_start = '2018-01-01', period_end = '2018-12-31' WHERE period = '2019'`);
    expect((await corridors(db))[0]!.indicators[0]!.ranges[0]).toMatchObject({ first: "2019" });
    await rebuildCorridorRangesOn(db);
    expect((await corridors(db))[0]!.indicators[0]!.ranges[0]).toMatchObject({ first: "2018" });
  });

  it("corridors() names and orders what the summary holds: codes that begin other codes, countries without a name, a data change", async () => {
    const db = await engineDb();
    try {
      await db.run(sql`INSERT INTO indicators (code, name, unit, kind) VALUES ('entries_seasonal', 'Entries, seasonal', 'people', 'flow')`);
      const row = (indicator: string, origin: string, n: number) =>
        sql`INSERT INTO corridor_ranges (origin, destination, indicator, breakdown, frequency, observations, first_period, last_period, first_day, last_day)
            VALUES (${origin}, 'RUS', ${indicator}, 'total', 'A', ${n}, '2019', '2020', '2019-01-01', '2020-12-31')`;
      await db.run(row("entries_seasonal", "TJK", 2));
      await db.run(row("entries", "TJK", 3));
      await db.run(row("entries", "XXA", 1)); // a code the registry does not name
      const [tjk, xxa] = await corridors(db);
      expect(tjk!.indicators.map((i) => [i.code, i.name, i.observations])).toEqual([
        ["entries", "Entries to Russia", 3],
        ["entries_seasonal", "Entries, seasonal", 2],
      ]);
      expect([xxa!.origin, xxa!.originName]).toEqual(["XXA", "XXA"]);
      // Kept corridors are keyed by their rows: a change to one row is read at once, the other corridor is unchanged.
      await db.run(sql`UPDATE corridor_ranges SET observations = 7, last_period = '2021' WHERE origin = 'TJK' AND indicator = 'entries'`);
      const [after, same] = await corridors(db);
      expect(after!.indicators[0]).toMatchObject({ observations: 7, ranges: [{ frequency: "A", first: "2019", last: "2021", count: 7 }] });
      expect(same).toEqual(xxa);
      // So is a new name in the registry.
      await db.run(sql`UPDATE indicators SET name = 'Arrivals' WHERE code = 'entries'`);
      expect((await corridors(db))[0]!.indicators[0]!.name).toBe("Arrivals");
    } finally {
      await db.close();
    }
  });

  // SQLite's query planner (PostgreSQL plans by statistics: bench/ measures it there).
  it.skipIf(testEngine() !== "sqlite")("recomputes a touched group by searching observations' key index, never scanning the table", () => {
    const db = memoryDb();
    touchedTable(db.sqlite);
    const plans = RECOMPUTE.map((statement) => (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${statement}`).all() as { detail: string }[]).map((r) => r.detail).join(" | "));
    expect(plans[1]).toMatch(/SEARCH observations USING INDEX observations_key_idx \(origin=\? AND destination=\? AND indicator=\?\)/);
    for (const plan of plans) expect(plan).not.toMatch(/SCAN (observations|corridor_ranges)\b/);
  });

  it("RangeTally counts rows scattered over many series (period-major), not a few series side by side", () => {
    const month = (m: number): Period => {
      const p = parsePeriod(`${2000 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`);
      if (!p.ok) throw new Error("bad period");
      return p.value;
    };
    const origins = Array.from({ length: 40 }, (_, i) => `C${i}`);
    const periodMajor = new RangeTally();
    for (let m = 0; m < 24; m++) for (const o of origins) periodMajor.add("entries", o, "RUS", "total", month(m));
    // Every row after the first month goes back to a series last written 40 series earlier.
    expect(periodMajor.scattered).toBe(23 * 40);
    const sideBySide = new RangeTally();
    for (const o of origins) for (let m = 0; m < 24; m++) for (const i of ["a", "b", "c", "d"]) sideBySide.add(i, o, "RUS", "total", month(m));
    expect(sideBySide.scattered).toBe(0);
    expect(sideBySide.size).toBe(160);
  });
});
