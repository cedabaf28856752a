/** itsTable / itsCsv / impactJson: the ITS panel's table and files. The series is SYNTHETIC. */
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { memoryDb, onEngine, tmpFile } from "../test/helpers.ts";
import { importFile } from "../import/index.ts";
import { importEvents } from "./store.ts";
import { impact } from "./impact.ts";
import { impactJson, itsCsv, itsTable, ITS_CSV_FIELDS } from "./impact-export.ts";

/** 2005…2020 annual, a trend with a drop of 300 after 2015. */
async function database() {
  const db = memoryDb();
  const rows = Array.from({ length: 16 }, (_, i) => `remittances_received_usd,TJK,WLD,${2005 + i},${1000 + 50 * i - (2005 + i > 2015 ? 300 : 0) + 20 * Math.sin(i * 1.3)}`);
  await importFile(db, tmpFile(["indicator,origin,destination,period,value", ...rows].join("\n") + "\n"));
  await importEvents(db, [tmpFile("id,title,kind,starts_on,countries\nreg,A regime,law,2015-01-01,RUS;TJK\n", "events.csv")]);
  // Written on SQLite (imports are SQLite-only so far), read on the engine under test.
  return onEngine(db);
}

describe("itsTable / itsCsv", () => {
  it("gives every window period once: fitted everywhere but the event's period, the counterfactual only after it", async () => {
    const r = await impact(await database(), { event: "reg", indicator: "remittances_received_usd", origin: "TJK", destination: "WLD", method: "its" });
    const its = r.its!;
    if (its.status !== "ok") throw new Error(its.reason);
    const table = itsTable(its);
    expect(table.map((t) => t.period)).toEqual(Array.from({ length: 16 }, (_, i) => String(2005 + i)));
    for (const row of table) {
      expect(row.fitted === null).toBe(row.period === "2015");
      expect(row.counterfactual === null).toBe(row.period <= "2015");
      if (row.counterfactual !== null) expect(row.low! <= row.counterfactual && row.counterfactual <= row.high!).toBe(true);
    }
    const parsed = Papa.parse<Record<string, string>>(itsCsv(its).trim(), { header: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...ITS_CSV_FIELDS]);
    expect(parsed.data).toHaveLength(16);
    expect(Number(parsed.data.at(-1)!.counterfactual)).toBeCloseTo(its.counterfactual.at(-1)!.counterfactual, 6);
  });

  it("keeps the observed periods (and no number) when there is not enough data", async () => {
    const r = await impact(await database(), { event: "reg", indicator: "remittances_received_usd", origin: "TJK", destination: "WLD", method: "its", window: 3 });
    const its = r.its!;
    expect(its.status).toBe("not enough data");
    expect(itsTable(its).every((t) => t.fitted === null && t.counterfactual === null)).toBe(true);
    expect(JSON.parse(impactJson(r))).toEqual(JSON.parse(JSON.stringify(r)));
  });
});
