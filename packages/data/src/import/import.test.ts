import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { importFile, MappingError, parseRoleMap } from "./index.ts";
import { listImports, undoImport } from "../history.ts";
import { series } from "../queries/series.ts";
import { countRows, engineDb, tmpFile } from "../test/helpers.ts";
import type { SqlRunner } from "../runner.ts";

// On the engine under test (CORRIDOR_TEST_ENGINE): SQLite, PGlite or PostgreSQL.
const count = (db: SqlRunner, table = "observations") => countRows(db, table);

const HEADER = "indicator,origin,destination,period,value,flag\n";

describe("importFile: tidy CSV", () => {
  it("imports rows, skips and counts missing values, keeps values exactly", async () => {
    const db = await engineDb();
    const file = tmpFile(
      HEADER +
        "BX.TRF.PWKR.CD.DT,TJK,WLD,2020,2187000000.5,\n" +
        "remittances_received_usd,Таджикистан,World,2021,2.88917705640482E+09,p\n" +
        "remittances_received_usd,TJK,WLD,2022,..,\n" +
        "remittances_received_usd,TJK,WLD,2023,,\n",
    );
    const s = await importFile(db, file);
    expect(s).toMatchObject({ committed: true, rowsRead: 4, inserted: 2, skipped: 2, rejected: 0, errorCount: 0 });
    const points = (await series(db, { indicator: "BX.TRF.PWKR.CD.DT", origin: "TJK" })).points;
    expect(points.map((p) => [p.period, p.value, p.flag])).toEqual([
      ["2020", 2187000000.5, undefined],
      ["2021", 2889177056.40482, "p"],
    ]);
    const [history] = await listImports(db);
    expect(history).toMatchObject({ id: s.importId, inserted: 2, skippedMissing: 2, rowsRead: 4, status: "committed" });
  });

  it("refuses a file with one bad cell, names its physical line, column and value, and writes nothing", async () => {
    const db = await engineDb();
    const good = await importFile(db, tmpFile(HEADER + "work_patents_issued,UZB,RUS,2021,1316569,\n"));
    expect(good.committed).toBe(true);
    const before = { obs: await count(db), imports: await count(db, "imports") };
    const file = tmpFile(
      "indicator,origin,destination,period,value,flag\r\n" +
        "work_patents_issued,TJK,RUS,2020,10,\r\n" +
        '"work_patents_issued","KGZ","RUS","2021","1 000","note\r\nspanning two lines"\r\n' +
        "work_patents_issued,KGZ,RUS,2022,12x,\r\n",
    );
    const s = await importFile(db, file);
    expect(s.committed).toBe(false);
    expect(s.importId).toBeNull();
    expect(s.errors).toEqual([{ line: 5, column: "value", value: "12x", message: '"12x" is not a number', problem: { code: "not_a_number", params: { value: "12x" } } }]);
    expect({ obs: await count(db), imports: await count(db, "imports") }).toEqual(before);
  });

  it("reports every kind of cell error with a reason and a did-you-mean", async () => {
    const db = await engineDb();
    const s = await importFile(
      db,
      tmpFile(
        HEADER +
          "work_patents_issued,Tajikstan,RUS,2021,1,\n" +
          "no_such_indicator,TJK,RUS,2021,1,\n" +
          "work_patents_issued,TJK,RUS,2021-13,1,\n" +
          "work_patents_issued,TJK,RUS,2021,1\n" +
          "work_patents_issued,TJK,RUS,2019,5,\n" +
          "work_patents_issued,TJK,RUS,2019,6,\n",
      ),
    );
    expect(s.errorCount).toBe(5);
    expect(s.errors.map((e) => [e.line, e.column, e.value])).toEqual([
      [2, "origin", "Tajikstan"],
      [3, "indicator", "no_such_indicator"],
      [4, "period", "2021-13"],
      [5, "", "work_patents_issued,TJK,RUS,2021,1"],
      [7, "", "work_patents_issued TJK→RUS 2019 total"],
    ]);
    expect(s.errors[0]!.message).toMatch(/did you mean TJK/);
    expect(s.errors[3]!.message).toBe("expected 6 columns, found 5");
    expect(s.errors[4]!.message).toMatch(/twice in this file \(first on line 6\)/);
    expect(await count(db)).toBe(0);
  });

  it("refuses a key repeated in a first import into an empty database, writes nothing, and the next import goes in", async () => {
    const db = await engineDb();
    const s = await importFile(db, tmpFile(HEADER + "entries,TJK,RUS,2021,1,\nentries,UZB,RUS,2021,2,\nentries,TJK,RUS,2021,3,\n"));
    expect(s).toMatchObject({ committed: false, importId: null, errorCount: 1 });
    expect(s.errors[0]).toMatchObject({ line: 4, message: "the same observation appears twice in this file (first on line 2)" });
    expect({ obs: await count(db), imports: await count(db, "imports"), ranges: await count(db, "corridor_ranges") }).toEqual({ obs: 0, imports: 0, ranges: 0 });
    expect(await importFile(db, tmpFile(HEADER + "entries,TJK,RUS,2021,1,\nentries,UZB,RUS,2021,2,\n"))).toMatchObject({ committed: true, inserted: 2 });
    if (db.engine === "postgres") {
      // PostgreSQL's first import rebuilds the key index and foreign keys (postgres.ts intoEmpty): all back.
      const indexes = await db.all<{ name: string }>(sql`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'observations' ORDER BY indexname`);
      expect(indexes.map((i) => i.name)).toEqual(["observations_import_idx", "observations_key_idx", "observations_pkey"]);
      const keys = await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM pg_constraint WHERE conrelid = 'observations'::regclass AND contype = 'f'`);
      expect(keys!.n).toBe(4);
      await expect(db.run(sql`INSERT INTO observations (indicator, origin, destination, period, frequency, period_start, period_end, value, breakdown, import_id) VALUES ('entries', 'XXX', 'RUS', '2020', 'A', '2020-01-01', '2020-12-31', 1, 'total', 1)`)).rejects.toThrow();
    }
    expect(await importFile(db, tmpFile(HEADER + "entries,TJK,RUS,2021,1,\nentries,TJK,RUS,2021,5,\n"))).toMatchObject({ committed: false, errorCount: 1 });
  });

  it("lists the first 100 errors and counts the rest", async () => {
    const db = await engineDb();
    const rows = Array.from({ length: 250 }, (_, i) => `work_patents_issued,TJK,RUS,${1800 + i},bad,`).join("\n");
    const s = await importFile(db, tmpFile(HEADER + rows + "\n"));
    expect(s.errors).toHaveLength(100);
    expect(s.errorCount).toBe(250);
    expect(s.errors[99]!.line).toBe(101);
  });

  it("is idempotent: the same file again changes nothing", async () => {
    const db = await engineDb();
    const file = tmpFile(HEADER + "work_patents_issued,UZB,RUS,2021,1316569,\nwork_patents_issued,TJK,RUS,2021,787000,a\n");
    await importFile(db, file);
    const again = await importFile(db, file);
    expect(again).toMatchObject({ committed: true, inserted: 0, updated: 0, unchanged: 2 });
    expect(await count(db)).toBe(2);
    expect(await count(db, "revisions")).toBe(0);
  });

  it("keeps replaced values in revisions and undo brings them back", async () => {
    const db = await engineDb();
    const first = await importFile(db, tmpFile(HEADER + "work_patents_issued,TJK,RUS,2021,787000,a\nwork_patents_issued,UZB,RUS,2021,1316569,\n"));
    const second = await importFile(
      db,
      tmpFile(HEADER + "work_patents_issued,TJK,RUS,2021,787123,\nwork_patents_issued,UZB,RUS,2021,1316569,\nwork_patents_issued,KGZ,RUS,2021,5,\n"),
    );
    expect(second).toMatchObject({ inserted: 1, updated: 1, unchanged: 1 });
    const revision = await db.get(sql`SELECT * FROM revisions`);
    expect(revision).toMatchObject({ origin: "TJK", old_value: 787000, old_flag: "a", new_value: 787123, old_import_id: first.importId, new_import_id: second.importId });

    // The first import cannot be undone while the second still stands on its values.
    await expect(undoImport(db, first.importId!)).rejects.toThrow(/undo those first/);
    const undone = await undoImport(db, second.importId!);
    expect(undone).toEqual({ importId: second.importId, deleted: 1, restored: 1 });
    const tjk = await series(db, { indicator: "work_patents_issued", origin: "TJK", destination: "RUS" });
    expect(tjk.points[0]).toMatchObject({ value: 787000, flag: "a" });
    expect((await series(db, { indicator: "work_patents_issued", origin: "KGZ", destination: "RUS" })).points).toEqual([]);
    await expect(undoImport(db, second.importId!)).rejects.toThrow(/already undone/);
    expect(await undoImport(db, first.importId!)).toEqual({ importId: first.importId, deleted: 2, restored: 0 });
    expect(await count(db)).toBe(0);
  });

  it("dry run reports and writes nothing", async () => {
    const db = await engineDb();
    const s = await importFile(db, tmpFile(HEADER + "work_patents_issued,TJK,RUS,2021,1,\n"), { dryRun: true });
    expect(s).toMatchObject({ dryRun: true, committed: false, inserted: 1, importId: null });
    expect(await count(db)).toBe(0);
    expect(await count(db, "imports")).toBe(0);
  });

  it("takes constants from options and maps Cyrillic headers with --map", async () => {
    const db = await engineDb();
    const file = tmpFile("\ufeffСтрана;Период;Число патентов\nТаджикистан;I квартал 2022;1 234\nУзбекистан;I квартал 2022;21,5\n");
    const s = await importFile(db, file, {
      indicator: "work_patents_issued", destination: "Россия", map: { origin: "Страна", period: "период", value: "Число патентов" },
    });
    expect(s).toMatchObject({ committed: true, inserted: 2, delimiter: ";", decimal: "," });
    const uzb = await series(db, { indicator: "work_patents_issued", origin: "UZB", destination: "RUS" });
    expect(uzb.points).toMatchObject([{ period: "2022-Q1", value: 21.5 }]);
  });

  it("places a single country column by the indicator's default role", async () => {
    const db = await engineDb();
    const s = await importFile(db, tmpFile("country,year,value\nKyrgyz Republic,2020,2\n"), { indicator: "BX.TRF.PWKR.CD.DT" });
    expect(s.inserted).toBe(1);
    expect((await series(db, { indicator: "remittances_received_usd", origin: "KGZ" })).points).toHaveLength(1);
  });

  it("refuses formulas and markup in text cells but keeps ordinary text that merely starts with - or holds <", async () => {
    const db = await engineDb();
    const ok = await importFile(db, tmpFile("indicator,origin,destination,period,value,flag,source\nentries,TJK,RUS,2021,1,-,Rosstat (<5 omitted)\nentries,TJK,RUS,2022,2,e,-5% revision; a+b\n"));
    expect(ok).toMatchObject({ committed: true, inserted: 2 });
    const bad = await importFile(db, tmpFile("indicator,origin,destination,period,value,flag,source\nentries,TJK,RUS,2023,1,,=1+1\nentries,TJK,RUS,2024,1,<b>p</b>,\nentries,TJK,RUS,2025,1,,-A1\n"));
    expect(bad.errors.map((e) => [e.line, e.column, e.value])).toEqual([[2, "source", "=1+1"], [3, "flag", "<b>p</b>"], [4, "source", "-A1"]]);
    expect(await count(db)).toBe(2);
  });

  it("counts header and preamble lines in line numbers", async () => {
    const db = await engineDb();
    const s = await importFile(db, tmpFile("\n\n" + HEADER + "work_patents_issued,TJK,RUS,2021,oops,\n"));
    expect(s.errors[0]!.line).toBe(4);
  });

  it("explains an unmappable file and bad options as usage errors", async () => {
    const db = await engineDb();
    await expect(importFile(db, tmpFile("a,b\n1,2\n"))).rejects.toThrow(MappingError);
    await expect(importFile(db, tmpFile(HEADER), { map: { value: "nope" } })).rejects.toThrow(/no such column/);
    await expect(importFile(db, tmpFile("origin,period,value\nTJK,2020,1\n"), { indicator: "nope" })).rejects.toThrow(/unknown indicator/);
    await expect(importFile(db, "/no/such/file.csv")).rejects.toThrow(/no such file/);
  });
});

describe("parseRoleMap (the CLI's --map and the upload form's map fields)", () => {
  it("maps roles to columns, Cyrillic headers and '=' inside them included", () => {
    expect(parseRoleMap(["value=Количество патентов", "Origin = a=b"], "--map")).toEqual({ value: "Количество патентов", origin: " a=b" });
  });
  it("names the bad pair: no role, or a role the importer does not have", () => {
    expect(() => parseRoleMap(["=A"], "--map")).toThrow('--map =A: expected ROLE=COLUMN');
    expect(() => parseRoleMap(["unit=A"], "map")).toThrow(/map unit=A: unknown role "unit" \(roles: indicator, origin/);
  });
});
