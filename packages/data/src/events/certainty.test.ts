/** Date certainty on events: `uncertain_dates` in front matter and CSV, its errors, storage, edits and the seed. */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { engineDb, tmpFile } from "../test/helpers.ts";
import { events, getEvent, importEvents } from "./store.ts";
import { readCsvEvents, readMarkdownEvent } from "./readers.ts";

const md = (front: string) => `---\n${front}\n---\nBody.\n`;
const base = "title: Decree\nkind: decree\nstarts_on: 2020-04-18\nends_on: 2020-06-15\ncountries: [RUS]";

describe("uncertain_dates", () => {
  it("reads a YAML list or a ;-separated CSV cell, in start-then-end order, [] when absent", () => {
    expect(readMarkdownEvent("a.md", md(`${base}\nuncertain_dates: [end]`)).records[0]).toMatchObject({ uncertainDates: ["end"] });
    expect(readMarkdownEvent("b.md", md(`${base}\nuncertain_dates: [End, start]`)).records[0]).toMatchObject({ uncertainDates: ["start", "end"] });
    expect(readMarkdownEvent("c.md", md(base)).records[0]).toMatchObject({ uncertainDates: [] });
    const csv = readCsvEvents("d.csv", 'title,kind,starts_on,uncertain_dates,countries\nLaw,law,2024-06,start,"RUS;ALL:affected"\n');
    expect(csv.errors).toEqual([]);
    expect(csv.records[0]).toMatchObject({ startsOn: "2024-06-01", datePrecision: "month", uncertainDates: ["start"] });
  });

  it("refuses an unknown word and an uncertain end on an event with no end, at the key's line", () => {
    const bad = readMarkdownEvent("e.md", md(`${base}\nuncertain_dates: [finish]`));
    expect(bad.errors).toMatchObject([{ key: "uncertain_dates", value: "finish", line: 7 }]);
    expect(bad.errors[0]!.message).toMatch(/"start" and\/or "end", not "finish"/);
    const noEnd = readMarkdownEvent("f.md", md("title: T\nkind: talks\nstarts_on: 2021-04-19\ncountries: [RUS]\nuncertain_dates: end"));
    expect(noEnd.errors).toMatchObject([{ key: "uncertain_dates", line: 6, message: expect.stringMatching(/no ends_on/) }]);
  });

  it("is stored, returned by events() and getEvent(), and a change is a new version", async () => {
    const db = await engineDb();
    const file = tmpFile(md(`id: decree-x\n${base}`), "decree-x.md");
    await importEvents(db, [file]);
    expect((await events(db))[0]!.uncertainDates).toEqual([]);
    const edited = tmpFile(md(`id: decree-x\n${base}\nuncertain_dates: [end]`), "decree-x.md");
    expect(await importEvents(db, [edited])).toMatchObject({ updated: ["decree-x"] });
    expect(await getEvent(db, "decree-x")).toMatchObject({ uncertainDates: ["end"], version: 2 });
    expect(await importEvents(db, [edited])).toMatchObject({ unchanged: ["decree-x"] });
  });

  it("the seed says which dates are uncertain: Decree No. 274's end (from memory), the expulsion-regime law's month (weak source)", async () => {
    const db = await engineDb();
    const dir = join(import.meta.dirname, "../../../../data/seed/events");
    const summary = await importEvents(db, readdirSync(dir).map((f) => join(dir, f)));
    expect(summary.errors).toEqual([]);
    const uncertain = (await events(db)).filter((e) => e.uncertainDates.length > 0);
    expect(uncertain.map((e) => [e.id, e.uncertainDates, e.datePrecision, e.verification])).toEqual([
      ["decree-274-2020", ["end"], "day", "verified"],
      ["expulsion-regime-law-2024", ["start"], "month", "unverified"],
    ]);
  });
});
