import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importFile } from "../import/index.ts";
import { memoryDb, tmpFile, onEngine } from "../test/helpers.ts";
import { series } from "./series.ts";
import { predominantFrequency } from "../periods.ts";
import { seriesSources } from "./provenance.ts";
import { corridorCountries, corridors } from "./corridors.ts";
import { latest } from "./latest.ts";
import { addIndicator } from "../catalog-admin.ts";
import { getImport, listImports, observationHistory, undoImport } from "../history.ts";
import type { CorridorDb } from "../db.ts";

const HEADER = "indicator,origin,destination,period,value,flag\n";
async function load(db: CorridorDb, rows: string[]) {
  const s = await importFile(db, tmpFile(HEADER + rows.join("\n") + "\n"));
  if (!s.committed) throw new Error(JSON.stringify(s.errors));
}
const months = (indicator: string, year: number, values: number[], origin = "TJK", dest = "RUS") =>
  values.map((v, i) => `${indicator},${origin},${dest},${year}-${String(i + 1).padStart(2, "0")},${v},`);

describe("series", () => {
  it("returns points in period order with the native frequency", async () => {
    const db = memoryDb();
    await load(db, ["entries,TJK,RUS,2021,3,", "entries,TJK,RUS,2019,1,", "entries,TJK,RUS,2020,2,"]);
    const s = await series(await onEngine(db), { indicator: "entries", origin: "Tajikistan", destination: "Russia" });
    expect(s.frequency).toBe("A");
    expect(s.points.map((p) => p.period)).toEqual(["2019", "2020", "2021"]);
    expect(s.indicator).toMatchObject({ code: "entries", kind: "flow" });
  });

  it("rolls flows up by sum, complete periods only unless partial is asked for", async () => {
    const db = memoryDb();
    await load(db, [...months("entries", 2021, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), ...months("entries", 2022, [1, 1, 1, 1])]);
    const q = await series(await onEngine(db), { indicator: "entries", origin: "TJK", destination: "RUS", frequency: "Q" });
    expect(q.points.map((p) => [p.period, p.value])).toEqual([
      ["2021-Q1", 6],
      ["2021-Q2", 15],
      ["2021-Q3", 24],
      ["2021-Q4", 33],
      ["2022-Q1", 3],
    ]);
    const a = await series(await onEngine(db), { indicator: "entries", origin: "TJK", destination: "RUS", frequency: "A" });
    expect(a.points.map((p) => [p.period, p.value])).toEqual([["2021", 78]]);
    const partial = await series(await onEngine(db), { indicator: "entries", origin: "TJK", destination: "RUS", frequency: "A", partial: true });
    expect(partial.points.map((p) => [p.period, p.value, p.partial])).toEqual([
      ["2021", 78, undefined],
      ["2022", 4, true],
    ]);
  });

  it("says which other frequencies the corridor has values in: the Bank of Russia's Tajik quarters beside the years", async () => {
    const db = memoryDb();
    const imported = await importFile(db, fileURLToPath(new URL("../../../../data/seed/cbr_transfers_from_russia.csv", import.meta.url)));
    expect(imported.committed).toBe(true);
    const annual = await series(await onEngine(db), { indicator: "transfers_from_russia_usd_mn", origin: "TJK", destination: "RUS" });
    expect(annual.frequency).toBe("A");
    expect(annual.points.map((p) => p.period)).toEqual(["2013", "2014", "2015", "2016", "2017"]);
    // 2017-Q3 and 2018-Q3 (the 2021-Q3 value is another breakdown: payment systems only).
    expect(annual.otherFrequencies).toEqual([{ frequency: "Q", count: 2 }]);
    const quarterly = await series(await onEngine(db), { indicator: "transfers_from_russia_usd_mn", origin: "TJK", destination: "RUS", frequency: "Q" });
    expect(quarterly.otherFrequencies).toEqual([{ frequency: "A", count: 5 }]);
    expect((await series(await onEngine(db), { indicator: "transfers_from_russia_usd_mn", origin: "TJK", destination: "RUS", to: "2016" })).otherFrequencies).toEqual([]);
  });

  it("draws the frequency that covers the most time: an upload of 2023 quarters does not hide the annual history", async () => {
    const db = memoryDb();
    const imported = await importFile(db, fileURLToPath(new URL("../../../../data/seed/cbr_transfers_from_russia.csv", import.meta.url)));
    expect(imported.committed).toBe(true);
    // Four quarters of 2023 beside 2017-Q3 and 2018-Q3: six quarterly values outnumber the five years.
    await load(db, [1, 2, 3, 4].map((q) => `transfers_from_russia_usd_mn,TJK,RUS,2023-Q${q},${100 * q},`));
    const s = await series(await onEngine(db), { indicator: "transfers_from_russia_usd_mn", origin: "TJK", destination: "RUS" });
    expect(s.frequency).toBe("A");
    // The years as published, and 2023 as the sum of its four quarters.
    expect(s.points.map((p) => [p.period, p.rolledUpFrom ?? null])).toEqual([["2013", null], ["2014", null], ["2015", null], ["2016", null], ["2017", null], ["2023", 4]]);
    expect(s.ranges).toEqual([
      { frequency: "A", count: 5, first: "2013", last: "2017" },
      { frequency: "Q", count: 6, first: "2017-Q3", last: "2023-Q4" },
    ]);
    expect(s.otherFrequencies).toEqual([{ frequency: "Q", count: 6 }]);
  });

  it("lists a series' sources with the imports that wrote its values", async () => {
    const db = memoryDb();
    const seed = await importFile(db, fileURLToPath(new URL("../../../../data/seed/cbr_transfers_from_russia.csv", import.meta.url)));
    expect(seed.committed).toBe(true);
    await load(db, ["transfers_from_russia_usd_mn,TJK,RUS,2023-Q1,100,"]);
    const sources = await seriesSources(await onEngine(db), { indicator: "transfers_from_russia_usd_mn", origin: "TJK", destination: "RUS" });
    // The seed's four reports (one import) and the upload without a source (said as such, not dropped).
    expect(sources.map((s) => [s.info?.publisher ?? null, s.info?.quotedBy ?? null, s.values, s.imports.map((i) => i.id)])).toEqual([
      [null, null, 1, [2]],
      ["Bank of Russia", "news reports", 3, [1]],
      ["Bank of Russia", "news reports", 2, [1]],
      ["Bank of Russia", "news reports", 1, [1]],
      ["Bank of Russia", "news reports", 1, [1]],
    ]);
    expect(sources[1]!.imports[0]).toMatchObject({ id: 1, fileName: expect.stringContaining("cbr_transfers_from_russia.csv"), values: 3 });
    const ranged = await seriesSources(await onEngine(db), { indicator: "transfers_from_russia_usd_mn", origin: "TJK", destination: "RUS", to: "2014" });
    expect(ranged.reduce((n, s) => n + s.values, 0)).toBe(2);
  });

  it("names the predominant frequency by time covered, ties to the coarser", () => {
    expect(predominantFrequency([{ frequency: "A", count: 5 }, { frequency: "Q", count: 6 }])).toBe("A");
    expect(predominantFrequency([{ frequency: "A", count: 1 }, { frequency: "M", count: 24 }])).toBe("M");
    expect(predominantFrequency([{ frequency: "A", count: 1 }, { frequency: "Q", count: 4 }])).toBe("A");
    expect(predominantFrequency([{ frequency: "D", count: 1 }])).toBe("D");
    expect(predominantFrequency([])).toBeNull();
  });

  it("prefers a published coarse value over a roll-up", async () => {
    const db = memoryDb();
    await load(db, [...months("entries", 2021, [1, 1, 1]), "entries,TJK,RUS,2021-Q1,5,"]);
    const q = await series(await onEngine(db), { indicator: "entries", origin: "TJK", destination: "RUS", frequency: "Q" });
    expect(q.points.map((p) => [p.period, p.value, p.rolledUpFrom])).toEqual([["2021-Q1", 5, undefined]]);
  });

  it("rolls stocks up to the last value and rates to the mean", async () => {
    const db = memoryDb();
    await addIndicator(db, { code: "stay_rate", name: "Rate", unit: "%", kind: "rate" });
    await load(db, [
      "irregular_stay_stock,TJK,RUS,2021-01,10,",
      "irregular_stay_stock,TJK,RUS,2021-02,20,",
      "irregular_stay_stock,TJK,RUS,2021-03,15,",
      "irregular_stay_stock,TJK,RUS,2021-04,30,",
      ...months("stay_rate", 2021, [1, 2, 6]),
    ]);
    const stock = await series(await onEngine(db), { indicator: "irregular_stay_stock", origin: "TJK", destination: "RUS", frequency: "Q" });
    expect(stock.points.map((p) => [p.period, p.value])).toEqual([["2021-Q1", 15]]);
    const rate = await series(await onEngine(db), { indicator: "stay_rate", origin: "TJK", destination: "RUS", frequency: "Q" });
    expect(rate.points.map((p) => [p.period, p.value])).toEqual([["2021-Q1", 3]]);
  });

  it("filters by from/to in any notation and keeps flags through roll-up", async () => {
    const db = memoryDb();
    await load(db, ["entries,TJK,RUS,2019,1,", "entries,TJK,RUS,2020,2,p", "entries,TJK,RUS,2021,3,"]);
    const s = await series(await onEngine(db), { indicator: "entries", origin: "TJK", destination: "RUS", from: "2020-Q1", to: "2020" });
    expect(s.points).toMatchObject([{ period: "2020", value: 2, flag: "p" }]);
    await expect(series(await onEngine(db), { indicator: "entries", origin: "TJK", from: "soon" })).rejects.toThrow(/from "soon"/);
    await expect(series(await onEngine(db), { indicator: "nope", origin: "TJK" })).rejects.toThrow(/unknown indicator/);
    await expect(series(await onEngine(db), { indicator: "entries", origin: "Atlantis" })).rejects.toThrow(/unknown country/);
  });
});

describe("corridors and latest", () => {
  it("lists each corridor with its indicators and ranges", async () => {
    const db = memoryDb();
    await load(db, ["entries,TJK,RUS,2019,1,", "entries,TJK,RUS,2021-Q3,3,", "BX.TRF.PWKR.CD.DT,TJK,WLD,2020,9,", "entries,UZB,RUS,2020,4,"]);
    const list = await corridors(await onEngine(db));
    expect(list.map((c) => `${c.origin}>${c.destination}`)).toEqual(["TJK>RUS", "TJK>WLD", "UZB>RUS"]);
    const tjk = list[0]!.indicators[0]!;
    expect(tjk).toMatchObject({ code: "entries", observations: 2, firstDay: "2019-01-01", lastDay: "2021-09-30" });
    expect(tjk.ranges).toEqual(
      expect.arrayContaining([
        { frequency: "A", first: "2019", last: "2019", count: 1 },
        { frequency: "Q", first: "2021-Q3", last: "2021-Q3", count: 1 },
      ]),
    );
    expect(list[0]!.originName).toBe("Tajikistan");
  });

  it("reads only the corridors a filter names, each exactly as in the whole list", async () => {
    const db = memoryDb();
    await load(db, ["entries,TJK,RUS,2019,1,", "entries,TJK,RUS,2021-Q3,3,", "work_patents_issued,TJK,RUS,2020,5,", "BX.TRF.PWKR.CD.DT,TJK,WLD,2020,9,", "entries,UZB,RUS,2020,4,", "entries,TJK,KAZ,2020,2,"]);
    const runner = await onEngine(db);
    const all = await corridors(runner);
    const pick = (keys: string[]) => all.filter((c) => keys.includes(`${c.origin}>${c.destination}`));
    expect(await corridors(runner, { origin: "TJK", destinations: ["RUS", "WLD"] })).toEqual(pick(["TJK>RUS", "TJK>WLD"]));
    expect(await corridors(runner, { origin: "UZB", destinations: ["RUS"] })).toEqual(pick(["UZB>RUS"]));
    expect(await corridors(runner, { origin: "UZB", destinations: [] })).toEqual([]);
    // By indicator: the corridors holding it, each listing that indicator alone.
    const entries = await corridors(runner, { indicator: "entries" });
    expect(entries.map((c) => `${c.origin}>${c.destination}`)).toEqual(["TJK>KAZ", "TJK>RUS", "UZB>RUS"]);
    expect(entries[1]).toEqual({ ...pick(["TJK>RUS"])[0], indicators: pick(["TJK>RUS"])[0]!.indicators.filter((i) => i.code === "entries") });
    expect(await corridors(runner, { indicator: "nope" })).toEqual([]);
  });

  it("lists the countries with data on each side, named, in code order", async () => {
    const db = memoryDb();
    expect(await corridorCountries(await onEngine(db))).toEqual({ origins: [], destinations: [] });
    await load(db, ["entries,UZB,RUS,2020,4,", "entries,TJK,RUS,2019,1,", "BX.TRF.PWKR.CD.DT,TJK,WLD,2020,9,", "entries,TJK,KAZ,2020,2,"]);
    const { origins, destinations } = await corridorCountries(await onEngine(db));
    expect(origins).toEqual([
      { code: "TJK", name: "Tajikistan" },
      { code: "UZB", name: "Uzbekistan" },
    ]);
    expect(destinations.map((c) => c.code)).toEqual(["KAZ", "RUS", "WLD"]);
    expect(destinations[0]).toEqual({ code: "KAZ", name: "Kazakhstan" });
    // The same names the whole corridor list gives.
    const all = await corridors(await onEngine(db));
    expect(destinations.find((c) => c.code === "WLD")!.name).toBe(all.find((c) => c.destination === "WLD")!.destinationName);
  });

  it("shows an import's corridor at once and drops it when the import is undone", async () => {
    const db = memoryDb();
    await load(db, ["entries,TJK,RUS,2019,1,"]);
    expect((await corridors(await onEngine(db))).map((c) => `${c.origin}>${c.destination}`)).toEqual(["TJK>RUS"]);
    await load(db, ["entries,UZB,RUS,2020,4,", "entries,TJK,RUS,2018,2,"]);
    const list = await corridors(await onEngine(db));
    expect(list.map((c) => `${c.origin}>${c.destination}`)).toEqual(["TJK>RUS", "UZB>RUS"]);
    expect(list[0]!.indicators[0]!.ranges[0]).toMatchObject({ first: "2018", last: "2019", count: 2 });
    const newest = Math.max(...(await listImports(db)).map((i) => i.id));
    await undoImport(db, newest);
    const after = await corridors(await onEngine(db));
    expect(after.map((c) => `${c.origin}>${c.destination}`)).toEqual(["TJK>RUS"]);
    expect(after[0]!.indicators[0]!.ranges[0]).toMatchObject({ first: "2019", last: "2019", count: 1 });
  });

  it("gives the latest value with changes on the previous period and a year earlier", async () => {
    const db = memoryDb();
    await load(db, ["entries,TJK,RUS,2020-Q3,100,", "entries,TJK,RUS,2021-Q2,200,", "entries,TJK,RUS,2021-Q3,150,p", "work_patents_issued,TJK,RUS,2019,10,", "work_patents_issued,TJK,RUS,2021,0,"]);
    const rows = await latest(await onEngine(db), { origin: "TJK", destination: "RUS" });
    const entries = rows.find((r) => r.indicator.code === "entries")!;
    expect(entries).toMatchObject({
      period: "2021-Q3",
      value: 150,
      flag: "p",
      previous: { period: "2021-Q2", value: 200, change: -50, changePct: -25 },
      yearAgo: { period: "2020-Q3", value: 100, change: 50, changePct: 50 },
    });
    // The latest value is flagged provisional: the changes are computed but not to be read as such.
    expect(entries.yearAgo).toMatchObject({ comparable: false, whyNot: "flag" });
    // A gap (2020 unpublished) gives no comparison rather than a misleading one.
    const patents = rows.find((r) => r.indicator.code === "work_patents_issued")!;
    expect(patents).toMatchObject({ period: "2021", previous: null, yearAgo: null });
  });

  it("reads a change only between values of the same source and release, unflagged", async () => {
    const db = memoryDb();
    await importFile(
      db,
      tmpFile(
        "indicator,origin,destination,period,value,flag,source\n" +
          "entries,TJK,RUS,2019,100,,MVD 2020 report\nentries,TJK,RUS,2020,120,,MVD 2020 report\nentries,TJK,RUS,2021,90,,MVD 2022 report\n" +
          "entries,UZB,RUS,2020,100,,MVD 2021 report\nentries,UZB,RUS,2021,130,,MVD 2021 report\n",
      ),
    );
    const [tjk] = await latest(await onEngine(db), { origin: "TJK", destination: "RUS" });
    expect(tjk!.yearAgo).toMatchObject({ period: "2020", source: "MVD 2020 report", comparable: false, whyNot: "source" });
    const [uzb] = await latest(await onEngine(db), { origin: "UZB", destination: "RUS" });
    expect(uzb!.yearAgo).toMatchObject({ period: "2020", changePct: 30, comparable: true });
    expect(uzb!.yearAgo!.whyNot).toBeUndefined();
  });
});

describe("import history reads", () => {
  it("lists imports newest first, finds one by id and tells an observation's values in order", async () => {
    const db = memoryDb();
    await load(db, ["entries,TJK,RUS,2021,1,"]);
    await load(db, ["entries,TJK,RUS,2021,2,p"]);
    const r = await onEngine(db);
    const list = await listImports(r);
    expect(list.map((i) => [i.id, i.status, i.inserted, i.updated])).toEqual([
      [2, "committed", 0, 1],
      [1, "committed", 1, 0],
    ]);
    expect(list[0]!.options).toEqual(expect.any(Object));
    expect(await getImport(r, 1)).toMatchObject({ id: 1, status: "committed", inserted: 1 });
    expect(await getImport(r, 2 ** 40)).toBeUndefined();
    const h = await observationHistory(r, { indicator: "entries", origin: "TJK", destination: "RUS", period: "2021" });
    expect(h.current).toMatchObject({ value: 2, flag: "p", importId: 2 });
    expect(h.history).toMatchObject([{ value: 1, importId: 1, replacedByImportId: 2, undone: false, replacementUndone: false }]);
  });
});
