/**
 * Issue 18.6: the downloads read by a real pandas (Debian's python3-pandas at /usr/bin/python3;
 * .ci/run installs it), not by our own parser: the CSV is one table, the ZIP's data.csv, events.csv
 * and metadata.json each read as they are. Synthetic data, not published figures.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ChartData } from "@corridor/data";
import { chartCsv, chartZip, compareCsv, compareZip } from "./series-data";
import { syntheticChartData, syntheticEvent } from "./test-data";

const PYTHON = "/usr/bin/python3";

/** Runs a Python snippet with pandas on `file`; its stdout is JSON. */
function pandas(script: string, file: string): unknown {
  const r = spawnSync(PYTHON, ["-c", `import json, sys, zipfile\nimport pandas as pd\nfile = sys.argv[1]\n${script}`, file], { encoding: "utf8" });
  if (r.error || r.status !== 0) throw new Error(`pandas failed (Debian package python3-pandas; .ci/run installs it): ${r.error?.message ?? r.stderr}`);
  return JSON.parse(r.stdout);
}

function saved(name: string, body: string | Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), "corridor-download-")), name);
  writeFileSync(file, body);
  return file;
}

const event = (id: string, kind: string, startsOn: string, title: string, extra: Record<string, unknown> = {}) =>
  syntheticEvent(id, kind, startsOn, title, { documentRef: `Decree No. ${id}, of 1 March`, ...extra });

const FRAME = syntheticChartData(2019, []);
const DATA: ChartData = {
  series: {
    ...FRAME.series,
    points: [
      { period: "2019", start: "2019-01-01", end: "2019-12-31", value: 120, source: "Synthetic source, with a comma: https://example.org/a" },
      { period: "2020", start: "2020-01-01", end: "2020-12-31", value: 40.5, flag: "e", source: "Синтетический источник" },
      { period: "2021", start: "2021-01-01", end: "2021-12-31", value: -3, flag: "a", source: "Synthetic source, with a comma: https://example.org/a", partial: true },
    ],
  },
  events: [
    event("d1", "decree", "2020-03-18", 'A decree, "quoted", with a comma'),
    event("t1", "talks", "2021-04-19", "Talks", {
      verification: "unverified",
      verificationNote: "date from memory",
      texts: {
        en: { title: "Talks", summary: "", label: null, translation: null },
        ru: { title: "Переговоры, «первый раунд»", summary: "", label: null, translation: { by: "Corridor project", on: "2026-12-02" } },
      },
    }),
  ],
};

const OPTIONS = { hidden: [], provenance: "Corridor · test", view: "/?indicator=entries&origin=TJK&destination=RUS" };

describe("downloads read by pandas", () => {
  it("the chart CSV is one table: pandas.read_csv reads every row with its flag meaning and source", () => {
    const out = pandas(
      `df = pd.read_csv(file)\nprint(json.dumps({"columns": list(df.columns), "values": df["value"].tolist(), "flags": df["flag_meaning"].fillna("").tolist(), "sources": df["source"].tolist(), "partial": df["partial"].fillna(False).tolist()}))`,
      saved("data.csv", chartCsv(DATA)),
    );
    expect(out).toEqual({
      // The byte-order mark is not part of the first column's name.
      columns: ["indicator", "indicator_name", "unit", "origin", "destination", "period", "period_start", "period_end", "value", "bound", "flag", "flag_meaning", "source", "partial"],
      values: [120, 40.5, -3],
      flags: ["", "estimated", "approximate: the publication rounds"],
      sources: ["Synthetic source, with a comma: https://example.org/a", "Синтетический источник", "Synthetic source, with a comma: https://example.org/a"],
      partial: [false, false, true],
    });
  });

  it("the ZIP holds data.csv, events.csv, metadata.json and README.txt, each read as it is", () => {
    const out = pandas(
      `z = zipfile.ZipFile(file)
data = pd.read_csv(z.open("data.csv"))
events = pd.read_csv(z.open("events.csv"))
meta = json.load(z.open("metadata.json"))
print(json.dumps({"names": sorted(z.namelist()), "rows": len(data), "events": events[["note", "event_id", "title", "verification"]].values.tolist(), "note": events["verification_note"].fillna("").tolist(), "ru": events[["title_ru", "title_ru_translated_by"]].fillna("").values.tolist(), "meta": {k: meta[k] for k in ["title", "view", "sources", "flags", "provenance"]}, "columns": [c["name"] for c in meta["files"]["data.csv"]["columns"]] == list(data.columns), "readme": z.read("README.txt").decode("utf-8")}))`,
      saved("download.zip", chartZip(DATA, OPTIONS)),
    ) as { names: string[]; rows: number; events: unknown[]; note: string[]; ru: string[][]; meta: Record<string, unknown>; columns: boolean; readme: string };
    expect(out.names).toEqual(["README.txt", "data.csv", "events.csv", "metadata.json"]);
    expect(out.rows).toBe(3);
    // Numbered as the image's notes (footnoteNumbers), quotes and commas intact.
    expect(out.events).toEqual([
      [1, "t1", "Talks", "unverified"],
      [2, "d1", 'A decree, "quoted", with a comma', "verified"],
    ]);
    expect(out.note).toEqual(["date from memory", ""]);
    // Both languages travel with the download; a project translation says who made it.
    expect(out.ru).toEqual([
      ["Переговоры, «первый раунд»", "Corridor project"],
      ["", ""],
    ]);
    expect(out.meta).toEqual({
      title: "Entries (synthetic): Tajikistan → Russian Federation (people, annual)",
      view: OPTIONS.view,
      sources: ["Synthetic source, with a comma: https://example.org/a", "Синтетический источник"],
      flags: { a: "approximate: the publication rounds", e: "estimated" },
      provenance: "Corridor · test",
    });
    // metadata.json describes exactly the columns data.csv has.
    expect(out.columns).toBe(true);
    expect(out.readme).toMatch(/data\.csv \(3 rows\)/);
    expect(out.readme).toMatch(/flag_meaning: the flag in words/);
  });

  it("hidden event kinds stay out of events.csv, as they are out of the image", () => {
    const out = pandas(`z = zipfile.ZipFile(file)\nprint(json.dumps(pd.read_csv(z.open("events.csv"))["event_id"].tolist()))`, saved("d.zip", chartZip(DATA, { ...OPTIONS, hidden: ["talks"] })));
    expect(out).toEqual(["d1"]);
  });

  it("the comparison's CSV and ZIP read the same way", () => {
    const data = {
      indicator: { code: "entries", name: "Entries (synthetic)", unit: "people" },
      unit: "people",
      lines: [
        { key: "TJK-RUS", label: "Tajikistan → Russia", points: [{ period: "2018", start: "2018-01-01", end: "2018-12-31", value: 1 }] },
        { key: "UZB-RUS", label: "Uzbekistan → Russia", points: [{ period: "2019", start: "2019-01-01", end: "2019-12-31", value: 2 }] },
      ],
      notes: ["Kyrgyzstan → Russia: no data for this indicator."],
      sources: ["Synthetic test source"],
    };
    expect(pandas(`df = pd.read_csv(file)\nprint(json.dumps([list(df.columns), df.fillna(-1).values.tolist()]))`, saved("c.csv", compareCsv(data)))).toEqual([
      ["period", "Tajikistan → Russia", "Uzbekistan → Russia"],
      [
        [2018, 1, -1],
        [2019, -1, 2],
      ],
    ]);
    const zip = compareZip(data, { provenance: "p", view: "/explorer?series=TJK-RUS,UZB-RUS", title: "T", subtitle: "S" });
    expect(
      pandas(`z = zipfile.ZipFile(file)\nprint(json.dumps([sorted(z.namelist()), len(pd.read_csv(z.open("data.csv"))), json.load(z.open("metadata.json"))["notes"]]))`, saved("c.zip", zip)),
    ).toEqual([["README.txt", "data.csv", "metadata.json"], 2, data.notes]);
  });
});
