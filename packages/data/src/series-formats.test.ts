/** The series' public JSON and CSV, and the event-range rule: the pure pieces the CLI, API, pages and downloads share. */
import { describe, expect, it } from "vitest";
import type { Series } from "./queries/series.ts";
import { SERIES_CSV_COLUMNS, seriesCsv, seriesJson } from "./series-formats.ts";
import { csvFile } from "./csv-writer.ts";
import { eventInRange, seriesRange } from "./events/range.ts";

const s: Series = {
  indicator: { code: "wp", name: "Work patents", unit: "patents", kind: "flow" },
  origin: "TJK",
  destination: "RUS",
  breakdown: "total",
  frequency: "A",
  points: [
    { period: "2020", start: "2020-01-01", end: "2020-12-31", value: 1, flag: "e", source: "MVD" },
    { period: "2021", start: "2021-01-01", end: "2021-12-31", value: 2, rolledUpFrom: 4, partial: true },
  ],
  otherFrequencies: [{ frequency: "Q", count: 2 }],
};
const bounded: Series = {
  ...s,
  points: [
    { period: "2020", start: "2020-01-01", end: "2020-12-31", value: 3000000, bound: "lower", source: "MVD" },
    { period: "2021", start: "2021-01-01", end: "2021-12-31", value: 65000, flag: "a", bound: "upper" },
    { period: "2022", start: "2022-01-01", end: "2022-12-31", value: 2, rolledUpFrom: 4, partial: true },
  ],
  otherFrequencies: [{ frequency: "Q", count: 2 }],
};

describe("seriesJson / seriesCsv", () => {
  it("publishes the indicator's public fields and each point without its dates; absent fields stay absent", () => {
    expect(seriesJson(s)).toEqual({
      indicator: { code: "wp", name: "Work patents", unit: "patents" },
      origin: "TJK",
      destination: "RUS",
      frequency: "A",
      points: [
        { period: "2020", value: 1, flag: "e", flag_meaning: "estimated", source: "MVD" },
        { period: "2021", value: 2, partial: true },
      ],
      otherFrequencies: [{ frequency: "Q", count: 2 }],
    });
    // A series from a snapshot published before the field existed still says "none".
    expect(seriesJson({ ...s, otherFrequencies: undefined }).otherFrequencies).toEqual([]);
    expect(seriesJson(s, [{ id: "x" }]).events).toEqual([{ id: "x" }]);
    expect("events" in seriesJson(s)).toBe(false);
  });

  it("writes one table, each row complete: corridor, indicator, unit, period and days, value, flag in words, source, partial", () => {
    expect(seriesCsv(s).split("\r\n")).toEqual([
      "indicator,indicator_name,unit,origin,destination,period,period_start,period_end,value,bound,flag,flag_meaning,source,partial",
      "wp,Work patents,patents,TJK,RUS,2020,2020-01-01,2020-12-31,1,,e,estimated,MVD,",
      "wp,Work patents,patents,TJK,RUS,2021,2021-01-01,2021-12-31,2,,,,,true",
      "",
    ]);
    expect(SERIES_CSV_COLUMNS.every((c) => c.description.length > 0)).toBe(true);
  });

  it("csvFile adds the UTF-8 byte-order mark once", () => {
    expect(csvFile("a\r\n")).toBe("\uFEFFa\r\n");
    expect(csvFile(csvFile("a\r\n"))).toBe("\uFEFFa\r\n");
  });

  it("writes a bound as lower or upper, empty when the value is exact", () => {
    expect(seriesCsv(bounded).split("\r\n").map((line) => line.split(",").slice(8, 11).join(","))).toEqual(["value,bound,flag", "3000000,lower,", "65000,upper,a", "2,,", ""]);
  });

  it("says a bound in the JSON only where there is one", () => {
    expect(seriesJson(bounded).points).toEqual([
      { period: "2020", value: 3000000, bound: "lower", source: "MVD" },
      { period: "2021", value: 65000, bound: "upper", flag: "a", flag_meaning: "approximate: the publication rounds" },
      { period: "2022", value: 2, partial: true },
    ]);
  });
});

describe("eventInRange / seriesRange", () => {
  const range = { from: "2020-01-01", to: "2021-12-31" };
  it("a point event inside, a span reaching in from either side, nothing wholly outside", () => {
    expect(eventInRange({ startsOn: "2020-05-01", endsOn: null }, range)).toBe(true);
    expect(eventInRange({ startsOn: "2019-06-01", endsOn: "2020-01-01" }, range)).toBe(true);
    expect(eventInRange({ startsOn: "2021-12-31", endsOn: "2023-01-01" }, range)).toBe(true);
    expect(eventInRange({ startsOn: "2019-06-01", endsOn: "2019-12-31" }, range)).toBe(false);
    expect(eventInRange({ startsOn: "2019-12-31", endsOn: null }, range)).toBe(false);
    expect(eventInRange({ startsOn: "2022-01-01", endsOn: null }, range)).toBe(false);
    expect(eventInRange({ startsOn: "1900-01-01", endsOn: null }, {})).toBe(true);
  });

  it("is the query's bounds in any notation, else the data's first and last day", () => {
    expect(seriesRange(s)).toEqual({ from: "2020-01-01", to: "2021-12-31" });
    expect(seriesRange(s, { from: "2020-Q2", to: "2021-03" })).toEqual({ from: "2020-04-01", to: "2021-03-31" });
    expect(seriesRange({ points: [] })).toEqual({});
  });
});
