/**
 * impact(…, { method: "its" }) on stored data: the window cut to the data, the event's period left
 * out, seasons for monthly data, a control corridor, the other events in the window, and "not
 * enough data" with the periods that are missing. The series are SYNTHETIC.
 */
import { describe, expect, it } from "vitest";
import { memoryDb, onEngine, tmpFile } from "../test/helpers.ts";
import { importFile } from "../import/index.ts";
import { importEvents } from "./store.ts";
import { impact } from "./impact.ts";
import { fitIts } from "../stats/its.ts";

const month = (i: number) => `${2016 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
// The event (19 April 2021) sits in 2021-04, month index 63 from 2016-01.
const EVENT_INDEX = 63;
/** Deterministic wobble, so residuals are not all zero. */
const wobble = (i: number) => 15 * Math.sin(i * 1.7) + 9 * Math.cos(i * 0.9);

/** TJK→RUS: trend + season, then 400 fewer a month and 2 fewer each month after the event. UZB→RUS: the same trend and season, no event. */
function csv(months: number): string {
  const lines = ["indicator,origin,destination,period,value"];
  for (let i = 0; i < months; i++) {
    const season = 80 * Math.sin((2 * Math.PI * (i % 12)) / 12);
    const after = i > EVENT_INDEX ? 1 : 0;
    lines.push(`work_patents_issued,TJK,RUS,${month(i)},${(3000 + 6 * i + season - 400 * after - 2 * (i - EVENT_INDEX) * after + wobble(i)).toFixed(3)}`);
    lines.push(`work_patents_issued,UZB,RUS,${month(i)},${(5000 + 6 * i + season + wobble(i + 5)).toFixed(3)}`);
  }
  return lines.join("\n") + "\n";
}

async function database(months: number) {
  const db = memoryDb();
  await importFile(db, tmpFile(csv(months)));
  await importEvents(db, [
    tmpFile(
      "id,title,kind,starts_on,countries\n" +
        "talks,Talks,talks,2021-04-19,RUS;TJK\n" +
        "decree,A decree in the window,decree,2019-06-01,RUS\n" +
        "long-ago,Far outside the window,decree,2001-06-01,RUS\n" +
        "kgz-talks,Another corridor's talks in the window,talks,2019-09-01,RUS;KGZ\n",
      "events.csv",
    ),
  ]);
  // Written on SQLite (imports are SQLite-only so far), read on the engine under test.
  return onEngine(db);
}

const query = { event: "talks", indicator: "work_patents_issued", origin: "TJK", destination: "RUS", method: "its" as const };

describe("impact with method its", () => {
  it("fits the monthly window with seasons, leaves the event's month out and lists the other events inside it", async () => {
    const db = await database(96); // 2016-01 … 2023-12
    const r = await impact(db, query);
    const its = r.its!;
    if (its.status !== "ok") throw new Error(its.reason);
    // Ten years' worth (120 months) each side, cut to the data: 2016-01 … 2023-12, less 2021-04.
    expect({ from: its.from, to: its.to, window: its.window, eventPeriod: its.eventPeriod, n: its.n, k: its.k }).toEqual({ from: "2016-01", to: "2023-12", window: 120, eventPeriod: "2021-04", n: 95, k: 15 });
    expect(its.levelChange.low).toBeLessThan(-400);
    expect(its.levelChange.high).toBeGreaterThan(-400);
    expect(its.slopeChange.low).toBeLessThan(-2);
    expect(its.slopeChange.high).toBeGreaterThan(-2);
    expect(its.counterfactual[0]).toMatchObject({ period: "2021-05" });
    expect(its.counterfactual).toHaveLength(32);
    // Only the corridor's own events: Kyrgyz–Russian talks in the window do not confound a Tajik series.
    expect(its.confounders).toEqual(["decree"]);
    expect(its.reading.level).toMatch(/^a drop of \d{3}–\d{3} patents a month at the event \(95 % interval\)$/);
    expect(its.control).toBeNull();
    // The plain comparison is still there beside it.
    expect(r.comparison).toMatchObject({ status: "ok", eventPeriod: "2021-04" });
  });

  it("equals the model fitted by hand on the same rows (t from the window's first month, event month out)", async () => {
    const db = await database(96);
    const its = (await impact(db, { ...query, window: 24 })).its!;
    if (its.status !== "ok") throw new Error(its.reason);
    const lines = csv(96).trim().split("\n").slice(1).filter((l) => l.includes(",TJK,"));
    const rows = lines
      .map((l, i) => ({ t: i - (EVENT_INDEX - 24), period: month(i), value: Number(l.split(",")[4]), season: i % 12 }))
      .filter((row) => row.t >= 0 && row.t <= 48 && row.t !== 24);
    const direct = fitIts({ rows, t0: 24, seasons: 12 });
    if (direct.status !== "ok") throw new Error(direct.reason);
    expect(its.levelChange).toEqual(direct.levelChange);
    expect(its.slopeChange).toEqual(direct.slopeChange);
    expect({ from: its.from, to: its.to }).toEqual({ from: "2019-04", to: "2023-04" });
  });

  it("against a control corridor fits treated − control over the months both have", async () => {
    const db = await database(96);
    const its = (await impact(db, { ...query, control: { origin: "UZB", destination: "RUS" } })).its!;
    if (its.status !== "ok") throw new Error(its.reason);
    expect(its.control).toEqual({ origin: "UZB", destination: "RUS" });
    // The shared trend and season cancel; the effect stays.
    expect(its.levelChange.low).toBeLessThan(-400);
    expect(its.levelChange.high).toBeGreaterThan(-400);
    expect(its.counterfactual[0]!.counterfactual).toBeLessThan(-1500); // the difference, not the level
  });

  it("on annual data with few years says 'not enough data' and which years are missing — no number", async () => {
    const db = await database(96);
    const r = await impact(db, { ...query, frequency: "A" });
    expect(r.its).toMatchObject({ status: "not enough data", eventPeriod: "2021", missing: ["2015", "2024"] });
    expect(r.its).not.toHaveProperty("levelChange");
  });

  it("refuses an unknown method by name", async () => {
    const db = await database(24);
    await expect(impact(db, { ...query, method: "magic" as "its" })).rejects.toThrow(/method must be before-after or its/);
  });
});
