import { describe, expect, it } from "vitest";
import { memoryDb, tmpFile, onEngine } from "../test/helpers.ts";
import { importFile } from "../import/index.ts";
import { events, getEvent, importEvents } from "./store.ts";
import { readCsvEvents, readMarkdownEvent } from "./readers.ts";
import { impact } from "./impact.ts";

const md = (front: string, body = "Body text.") => `---\n${front.trim()}\n---\n${body}\n`;
const TALKS = md(`
title: Talks
kind: talks
starts_on: 2021-04-19
ends_on: 2021-04-20
countries: [RUS, Tajikistan]
relates:
  cites: [decree-274-2020]
`);
const DECREE = md(`
title: Decree 274
kind: decree
starts_on: 2020-04-18
ends_on: 2020-06-15
countries:
  party: [RUS]
  affected: [ALL]
document_ref: Decree No. 274 of 18 April 2020
tags: [covid-19]
verification: verified
`);

describe("event readers", () => {
  it("reads front matter, takes the id from the file name and the body after the front matter", () => {
    const { records, errors } = readMarkdownEvent("data/decree-274-2020.md", DECREE);
    expect(errors).toEqual([]);
    expect(records[0]).toMatchObject({
      id: "decree-274-2020", kind: "decree", startsOn: "2020-04-18", endsOn: "2020-06-15", datePrecision: "day",
      countries: [{ code: "RUS", role: "party" }, { code: "ALL", role: "affected" }], tags: ["covid-19"], verification: "verified", body: "Body text.",
    });
  });

  it("gives file and line for an unknown kind, a bad date, an end before the start and an unknown country", () => {
    const text = md(`
title: Broken
kind: summit
starts_on: 2021-02-30
ends_on: 2020-01-01
countries: [RUS, Atlantis]
`);
    const { records, errors } = readMarkdownEvent("broken.md", text);
    expect(records).toEqual([]);
    expect(errors.map((e) => [e.file, e.line, e.key])).toEqual([
      ["broken.md", 3, "kind"], ["broken.md", 4, "starts_on"], ["broken.md", 6, "countries"],
    ]);
    expect(errors[0]!.message).toMatch(/unknown kind "summit"/);
    expect(errors[1]!.message).toMatch(/bad date "2021-02-30".*does not exist/);
    expect(errors[2]!.message).toMatch(/unknown country "Atlantis"/);
    const order = readMarkdownEvent("order.md", md("title: X\nkind: talks\nstarts_on: 2021-05-01\nends_on: 2021-04-30\ncountries: [RUS]"));
    expect(order.errors).toMatchObject([{ line: 5, key: "ends_on", message: "ends_on 2021-04-30 is before starts_on 2021-05-01" }]);
  });

  it("reads the chart label keys: key true/false (or empty: by kind) and a short label", () => {
    const base = "title: Talks\nkind: talks\nstarts_on: 2021-04-19\ncountries: [RUS]";
    expect(readMarkdownEvent("a.md", md(`${base}\nkey: true\nlabel: Founding talks`)).records[0]).toMatchObject({ key: true, label: "Founding talks" });
    expect(readMarkdownEvent("b.md", md(`${base}\nkey: false`)).records[0]).toMatchObject({ key: false, label: null });
    expect(readMarkdownEvent("c.md", md(base)).records[0]).toMatchObject({ key: null, label: null });
    expect(readCsvEvents("d.csv", "title,kind,starts_on,countries,key,label\nT,decree,2020-04-18,RUS,no,Decree 274\n").records[0]).toMatchObject({ key: false, label: "Decree 274" });
    const bad = readMarkdownEvent("e.md", md(`${base}\nkey: maybe\nlabel: ${"x".repeat(41)}`));
    expect(bad.errors.map((e) => e.key)).toEqual(["key", "label"]);
  });

  it("reads CSV rows with ;-separated countries and relations, errors on the physical line", () => {
    const csv =
      "id,title,kind,starts_on,ends_on,countries,tags,relates\n" +
      "a-1,First,decree,2020-04,,RUS;ALL:affected,a;b,\n" +
      'b-2,"Second, with\nnewline",agreement,2021,,RUS;TJK,,amends:a-1\n' +
      "c-3,Third,nonsense,2021-01-01,,RUS,,\n";
    const { records, errors } = readCsvEvents("events.csv", csv);
    expect(records.map((r) => [r.id, r.startsOn, r.datePrecision, r.links])).toEqual([
      ["a-1", "2020-04-01", "month", []],
      ["b-2", "2021-01-01", "year", [{ relation: "amends", to: "a-1" }]],
    ]);
    expect(errors).toMatchObject([{ file: "events.csv", line: 5, key: "kind" }]);
  });

  it("rejects front matter it cannot parse and unknown keys", () => {
    expect(readMarkdownEvent("x.md", "no front matter").errors[0]!.message).toMatch(/no YAML front matter/);
    expect(readMarkdownEvent("x.md", md("title: [unclosed")).errors[0]!.message).toMatch(/front matter/);
    expect(readMarkdownEvent("x.md", md("title: T\nkind: talks\nstarts_on: 2021\ncountries: RUS\ncolour: red")).errors).toMatchObject([{ line: 6, key: "colour" }]);
  });
});

describe("importEvents", () => {
  it("links events across files, is idempotent and keeps the previous version on change", async () => {
    const db = memoryDb();
    const talks = tmpFile(TALKS, "talks-2021.md");
    const decree = tmpFile(DECREE, "decree-274-2020.md");
    const first = await importEvents(db, [talks, decree]);
    expect(first).toMatchObject({ committed: true, errors: [] });
    expect(first.inserted.sort()).toHaveLength(2);
    const talksId = "talks-2021";
    expect(first.inserted).toContain(talksId);

    const again = await importEvents(db, [talks, decree]);
    expect(again).toMatchObject({ inserted: [], updated: [], unchanged: expect.arrayContaining([talksId, "decree-274-2020"]) });

    const changed = tmpFile(TALKS.replace("Body text.", "Corrected text."), "talks-2021.md");
    const third = await importEvents(db, [changed]);
    expect(third.updated).toEqual([talksId]);
    const detail = (await getEvent(await onEngine(db), talksId))!;
    expect(detail).toMatchObject({ body: "Corrected text.", version: 2, versions: [{ version: 1 }] });
    expect(detail.links).toMatchObject([{ relation: "cites", direction: "out", id: "decree-274-2020" }]);
    const snapshot = db.sqlite.prepare("SELECT snapshot FROM event_versions").get() as { snapshot: string };
    expect(JSON.parse(snapshot.snapshot).body).toBe("Body text.");
    const decreeDetail = (await getEvent(await onEngine(db), "decree-274-2020"))!;
    expect(decreeDetail.links).toMatchObject([{ relation: "cites", direction: "in", id: talksId }]);
  });

  it("writes nothing when any file has an error or a link points nowhere", async () => {
    const db = memoryDb();
    const result = await importEvents(db, [tmpFile(TALKS, "t.md")]);
    expect(result.committed).toBe(false);
    expect(result.errors[0]!.message).toMatch(/unknown event id "decree-274-2020"/);
    expect((await events(await onEngine(db))).length).toBe(0);
  });
});

describe("events()", () => {
  async function seeded() {
    const db = memoryDb();
    const csv =
      "id,title,kind,starts_on,ends_on,countries,tags\n" +
      "ruble,Ruble,economic,2014-12-16,,RUS,macro\n" +
      "eaeu,EAEU,agreement,2015-08-12,,KGZ;RUS,eaeu\n" +
      "covid,Border,restriction,2020-03-18,2020-05-01,RUS;ALL:affected,covid-19\n" +
      "talks,Talks,talks,2021-04-19,2021-04-20,RUS;TJK,bilateral\n" +
      "uzb,Uzbek,talks,2022-01-10,,UZB,bilateral\n";
    const r = await importEvents(db, [tmpFile(csv, "e.csv")]);
    expect(r.errors).toEqual([]);
    return db;
  }

  it("puts an event on a corridor when it involves either country or ALL", async () => {
    const db = await seeded();
    expect((await events(await onEngine(db), { countries: ["TJK"] })).map((e) => e.id)).toEqual(["covid", "talks"]);
    expect((await events(await onEngine(db), { countries: ["Tajikistan", "RUS"] })).map((e) => e.id)).toEqual(["ruble", "eaeu", "covid", "talks"]);
  });

  it("filters by overlapping dates, kinds and tags", async () => {
    const db = await seeded();
    expect((await events(await onEngine(db), { from: "2020-04-01", to: "2021" })).map((e) => e.id)).toEqual(["covid", "talks"]);
    expect((await events(await onEngine(db), { from: "2020-05-02", to: "2021-04" })).map((e) => e.id)).toEqual(["talks"]);
    expect((await events(await onEngine(db), { kinds: ["talks"] })).map((e) => e.id)).toEqual(["talks", "uzb"]);
    expect((await events(await onEngine(db), { tags: ["bilateral"], countries: ["UZB"] })).map((e) => e.id)).toEqual(["uzb"]);
    await expect(events(await onEngine(db), { kinds: ["party"] })).rejects.toThrow(/unknown kind/);
  });
});

describe("impact()", () => {
  async function withSeries(rows: string) {
    const db = memoryDb();
    await importFile(db, tmpFile("indicator,origin,destination,period,value\n" + rows));
    await importEvents(db, [tmpFile("id,title,kind,starts_on,countries\nev,Event,talks,2021-04-19,RUS;TJK\n", "ev.csv")]);
    return db;
  }
  const monthly = (from: number, values: number[]) =>
    values.map((v, i) => `entries,TJK,RUS,${2020 + Math.floor((from + i - 1) / 12)}-${String(((from + i - 1) % 12) + 1).padStart(2, "0")},${v}\n`).join("");

  it("compares N periods before and after, excluding the event's own period, with a year-earlier baseline", async () => {
    // 2020-01 … 2021-12; the event (19 April 2021) sits in 2021-04.
    const values = [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 20, 20, 20, 999, 30, 30, 30, 30, 30, 30, 30, 30];
    const db = await withSeries(monthly(1, values));
    const r = await impact(await onEngine(db), { event: "ev", indicator: "entries", origin: "TJK", destination: "RUS", window: 3 });
    expect(r.frequency).toBe("M");
    expect(r.comparison).toEqual({
      status: "ok", eventPeriod: "2021-04",
      before: { periods: ["2021-01", "2021-02", "2021-03"], values: [20, 20, 20], mean: 20, sum: 60 },
      after: { periods: ["2021-05", "2021-06", "2021-07"], values: [30, 30, 30], mean: 30, sum: 90 },
      change: 10, changePct: 50,
    });
    expect(r.baseline).toMatchObject({ status: "ok", eventPeriod: "2020-04", changePct: 0 });
  });

  it("snaps the event to its quarter or year and says which periods are missing at the edges", async () => {
    // 2020-01 … 2021-09, 5 a month.
    const db = await withSeries(monthly(1, Array(21).fill(5)));
    const quarterly = await impact(await onEngine(db), { event: "ev", indicator: "entries", origin: "TJK", destination: "RUS", frequency: "Q", window: 1 });
    expect(quarterly.comparison).toMatchObject({ status: "ok", eventPeriod: "2021-Q2", before: { periods: ["2021-Q1"], sum: 15 }, after: { periods: ["2021-Q3"], sum: 15 }, changePct: 0 });
    expect(quarterly.baseline).toMatchObject({ status: "ok", eventPeriod: "2020-Q2", before: { periods: ["2020-Q1"] } });
    const wide = await impact(await onEngine(db), { event: "ev", indicator: "entries", origin: "TJK", destination: "RUS", window: 6 });
    expect(wide.comparison).toEqual({ status: "not enough data", eventPeriod: "2021-04", missing: ["2021-10"] });
    expect(wide.baseline).toEqual({ status: "not enough data", eventPeriod: "2020-04", missing: ["2019-10", "2019-11", "2019-12"] });
    const annual = await impact(await onEngine(db), { event: "ev", indicator: "entries", origin: "TJK", destination: "RUS", frequency: "A" });
    expect(annual.comparison).toMatchObject({ status: "not enough data", missing: ["2019", "2022", "2023"] });
    await expect(impact(await onEngine(db), { event: "nope", indicator: "entries", origin: "TJK" })).rejects.toThrow(/unknown event/);
    await expect(impact(await onEngine(db), { event: "ev", indicator: "entries", origin: "TJK", window: 0 })).rejects.toThrow(/window/);
  });
});
