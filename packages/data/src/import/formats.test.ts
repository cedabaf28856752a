import { copyFileSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BadInputError, importFile, MappingError } from "./index.ts";
import { saveProfile, withProfile, listProfiles } from "./profiles.ts";
import { series } from "../queries/series.ts";
import { countRows, engineDb, sqlRow, sqlRows, tmpFile, tmpPath } from "../test/helpers.ts";
import type { CorridorDb } from "../db.ts";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const seedFile = fileURLToPath(new URL("../../../../data/seed/wb_remittances_received_usd.csv", import.meta.url));
const count = (db: CorridorDb) => countRows(db, "observations");

describe("World Bank bulk CSV", () => {
  it("imports a file straight from the World Bank with no options, values exactly as published", async () => {
    const db = await engineDb();
    const s = await importFile(db, fixture("API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_fixture.csv"));
    expect(s).toMatchObject({ format: "worldbank", encoding: "utf-8", committed: true, errorCount: 0, skippedAggregates: ["ECS", "LMC", "WLD"] });
    const published = readFileSync(seedFile, "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
    for (const code of ["TJK", "KGZ"]) {
      const s2 = await series(db, { indicator: "BX.TRF.PWKR.CD.DT", origin: code });
      const expected = published.filter((c) => c[1] === code).map((c) => [c[3], Number(c[4])]);
      expect(s2.points.map((p) => [p.period, p.value])).toEqual(expected);
      expect(s2.points[0]!.source).toBe("World Bank, World Development Indicators (Last Updated Date 2025-07-01)");
    }
    // Aggregates never become countries.
    expect((await sqlRow(db, "SELECT count(*) AS n FROM observations WHERE origin NOT IN ('TJK','KGZ')"))).toEqual({ n: 0 });
  });

  it("recognises the format from the content, not the file name", async () => {
    const renamed = tmpPath("data.txt");
    copyFileSync(fixture("API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_fixture.csv"), renamed);
    expect((await importFile(await engineDb(), renamed, { dryRun: true })).format).toBe("worldbank");
  });

  it("refuses the companion metadata files and says what they are", async () => {
    await expect(importFile(await engineDb(), fixture("Metadata_Country_fixture.csv"))).rejects.toThrow(/World Bank Metadata_Country file/);
    await expect(importFile(await engineDb(), fixture("Metadata_Indicator_fixture.csv"))).rejects.toThrow(/World Bank Metadata_Indicator file/);
  });
});

describe("Eurostat SDMX-CSV", () => {
  it("maps DATAFLOW, citizen → origin, geo → destination, alpha-2 and Eurostat codes, breakdowns, flags, release", async () => {
    const db = await engineDb();
    const s = await importFile(db, fixture("MIGR_RESFIRST_fixture.sdmx.csv"));
    expect(s).toMatchObject({ format: "sdmx", committed: true, inserted: 5, skipped: 1 });
    const rows = (await sqlRows(db, "SELECT indicator, origin, destination, period, value, breakdown, flag, source FROM observations ORDER BY origin, destination, period"));
    expect(rows).toEqual([
      { indicator: "first_residence_permits", origin: "KGZ", destination: "POL", period: "2022", value: 12, breakdown: "reason=EDUC;duration=3-5M", flag: null, source: "Eurostat, MIGR_RESFIRST (last update 2026-05-22)" },
      { indicator: "first_residence_permits", origin: "TJK", destination: "DEU", period: "2021", value: 1203, breakdown: "total", flag: null, source: "Eurostat, MIGR_RESFIRST (last update 2026-05-22)" },
      { indicator: "first_residence_permits", origin: "TJK", destination: "DEU", period: "2022", value: 1544, breakdown: "total", flag: "p", source: "Eurostat, MIGR_RESFIRST (last update 2026-05-22)" },
      { indicator: "first_residence_permits", origin: "UZB", destination: "GRC", period: "2022", value: 37, breakdown: "reason=EMP", flag: "b", source: "Eurostat, MIGR_RESFIRST (last update 2026-05-22)" },
      { indicator: "first_residence_permits", origin: "WLD", destination: "FRA", period: "2021", value: 287179, breakdown: "total", flag: null, source: "Eurostat, MIGR_RESFIRST (last update 2026-05-22)" },
    ]);
  });

  it("lets --map swap the roles", async () => {
    const db = await engineDb();
    await importFile(db, fixture("MIGR_RESFIRST_fixture.sdmx.csv"), { map: { origin: "geo", destination: "citizen" } });
    expect((await sqlRow(db, "SELECT origin, destination FROM observations WHERE value = 1203"))).toEqual({ origin: "DEU", destination: "TJK" });
  });
});

describe("Russian official tables and encodings", () => {
  it("reads windows-1251, ';', no-break-space thousands, decimal comma, Russian names and periods", async () => {
    const db = await engineDb();
    const s = await importFile(db, fixture("mvd_patents_cp1251.csv"), { indicator: "work_patents_issued", destination: "RUS", map: { value: "Количество патентов" } });
    expect(s).toMatchObject({ encoding: "windows-1251", delimiter: ";", decimal: ",", format: "tidy", inserted: 4, skipped: 1, committed: true });
    const rows = (await sqlRows(db, "SELECT origin, period, value FROM observations ORDER BY origin, period"));
    expect(rows).toEqual([
      { origin: "KAZ", period: "2021", value: 21.1 },
      { origin: "KGZ", period: "2021-H1", value: 1020.5 },
      { origin: "TJK", period: "2022-Q1", value: 241302 },
      { origin: "UZB", period: "2022-Q1", value: 312450 },
    ]);
  });

  it("reads a wide table with quarters as columns (tab, UTF-8 without BOM)", async () => {
    const db = await engineDb();
    const s = await importFile(db, fixture("patents_wide_utf8.tsv"), { indicator: "work_patents_issued", destination: "RUS" });
    expect(s).toMatchObject({ format: "wide", delimiter: "\t", inserted: 5, skipped: 1 });
    const tjk = await series(db, { indicator: "work_patents_issued", origin: "TJK", destination: "RUS" });
    expect(tjk.points.map((p) => [p.period, p.value])).toEqual([["2022-Q1", 241302], ["2022-Q2", 260001]]);
  });

  it("places a wide table's country column by --country-role", async () => {
    const db = await engineDb();
    // "Страна" says country, not which side: the caller says (here: Russians going abroad).
    const file = tmpFile("Страна;2021;2022\nТаджикистан;10;11\nУзбекистан;20;21\n");
    await importFile(db, file, { indicator: "entries", origin: "RUS", countryRole: "destination" });
    expect((await sqlRows(db, "SELECT DISTINCT origin, destination FROM observations ORDER BY destination"))).toEqual([
      { origin: "RUS", destination: "TJK" }, { origin: "RUS", destination: "UZB" },
    ]);
  });

  it("reads UTF-16 LE with a BOM", async () => {
    const s = await importFile(await engineDb(), fixture("entries_utf16le.csv"));
    expect(s).toMatchObject({ encoding: "utf-16le", inserted: 2, committed: true });
  });

  it("reads a headerless file with --columns", async () => {
    const db = await engineDb();
    const s = await importFile(db, fixture("headerless_cp1251.csv"), { columns: ["origin", "period", "value"], indicator: "work_patents_issued", destination: "RUS" });
    expect(s).toMatchObject({ encoding: "windows-1251", rowsRead: 2, inserted: 2 });
    expect((await sqlRows(db, "SELECT origin, value FROM observations ORDER BY origin"))).toEqual([{ origin: "KGZ", value: 567 }, { origin: "TJK", value: 1234 }]);
  });

  it("honours --encoding and explains a wrong one with the line", async () => {
    const db = await engineDb();
    const file = fixture("mvd_patents_cp1251.csv");
    const wrong = importFile(db, file, { encoding: "utf-8", indicator: "work_patents_issued", destination: "RUS" });
    await expect(wrong).rejects.toThrow(BadInputError);
    await expect(wrong).rejects.toThrow(/not valid UTF-8 as declared.*try the encoding windows-1251/);
    await expect(wrong).rejects.toMatchObject({ line: 1 });
    const right = await importFile(db, file, { encoding: "cp1251", indicator: "work_patents_issued", destination: "RUS", map: { value: "Количество патентов" }, dryRun: true });
    expect(right.inserted).toBe(4);
    await expect(importFile(db, file, { encoding: "ebcdic" })).rejects.toThrow(/unknown encoding/);
  });
});

describe("bad input: one clear reason, nothing written, no crash or hang", () => {
  const HEADER = "indicator,origin,destination,period,value\n";
  async function refused(content: string | Buffer, pattern: RegExp, line?: number) {
    const db = await engineDb();
    await importFile(db, tmpFile(HEADER + "entries,TJK,RUS,2020,1\n"));
    const before = await count(db);
    const attempt = importFile(db, tmpFile(content));
    const outcome = await attempt.then(
      (s) => ({ message: s.errors.map((e) => `line ${e.line}: ${e.message}`).join("; "), line: s.errors[0]?.line, committed: s.committed }),
      (e: BadInputError) => ({ message: e.message, line: e.line, committed: false }),
    );
    expect(outcome.committed).toBe(false);
    expect(outcome.message).toMatch(pattern);
    if (line !== undefined) expect(outcome.line).toBe(line);
    expect(await count(db)).toBe(before);
  }

  it("a binary file", () => refused(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), /binary file/, 1));
  it("an empty file", () => refused("", /empty/, 1));
  it("an HTML page saved as .csv", () => refused("<!DOCTYPE html>\n<html><head><title>404</title></head><body>Not found</body></html>\n", /HTML page/, 1));
  it("an unterminated quote", () => refused(HEADER + 'entries,TJK,RUS,2021,5\nentries,"UZB,RUS,2021,6\nentries,KGZ,RUS,2021,7\n', /unterminated quote/, 3));
  it("ragged rows", () => refused(HEADER + "entries,TJK,RUS,2021,5\nentries,TJK,RUS\n", /line 3: expected 5 columns, found 3/));
  it("a header-only file", () => refused(HEADER, /header \(line 1\) but no data rows/, 1));
  it("a 10 MB single line", () => refused("x".repeat(10 * 1024 * 1024), /longer than 64 KiB/, 1));
  it("a 10 MB line after a good header", () => refused(HEADER + "y".repeat(10 * 1024 * 1024) + "\n", /line 2: expected 5 columns, found 1/));
  it("a file whose values are all missing", () => refused(HEADER + "entries,TJK,RUS,2021,..\n", /no observation in the file has a value/));
  it("a mislabelled encoding midway (UTF-8 then windows-1251 bytes)", () => {
    const good = "indicator,origin,destination,period,value\n" + "entries,Таджикистан,RUS,2021,1\n".repeat(3000);
    return refused(Buffer.concat([Buffer.from(good), Buffer.from([0x82, 0xd2, 0xe0, 0x0a])]), /not valid UTF-8/);
  });
});

describe("import profiles", () => {
  it("saves a mapping and reuses it for next quarter's file, run options winning", async () => {
    const db = await engineDb();
    await saveProfile(db, "mvd-patents", { indicator: "work_patents_issued", destination: "RUS", map: { value: "Количество патентов" }, decimal: "auto", onProgress: () => {} });
    expect(await listProfiles(db)).toMatchObject([{ name: "mvd-patents", options: { indicator: "work_patents_issued", destination: "RUS", map: { value: "Количество патентов" } } }]);
    const options = await withProfile(db, "mvd-patents", { dryRun: true, encoding: "windows-1251" });
    const s = await importFile(db, fixture("mvd_patents_cp1251.csv"), options);
    expect(s).toMatchObject({ inserted: 4, errorCount: 0 });
    await expect(withProfile(db, "nope", {})).rejects.toThrow(/no import profile "nope"/);
    await expect(importFile(db, tmpFile("a;b\n1;2\n"), await withProfile(db, "mvd-patents", {}))).rejects.toThrow(MappingError);
  });
});
