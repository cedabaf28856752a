import { describe, expect, it } from "vitest";
import { countsLine, optionPairs, when } from "./imports-view";

describe("countsLine", () => {
  it("lists the non-zero counts", () => {
    expect(countsLine({ rowsRead: 5, inserted: 1200, updated: 1, unchanged: 0, rejected: 0, skippedMissing: 2 })).toBe("1,200 new · 1 changed · 2 missing skipped");
    expect(countsLine({ rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, skippedMissing: 0 })).toBe("no observations");
  });
});

describe("when", () => {
  it("prints UTC the same everywhere", () => {
    expect(when("2026-11-29T02:04:55.000Z")).toBe("29 Nov 2026, 02:04 UTC");
    expect(when("not a date")).toBe("not a date");
  });
});

describe("optionPairs", () => {
  it("flattens the map and hides bookkeeping", () => {
    expect(optionPairs({ format: "tidy", delimiter: "\t", map: { value: "Количество" }, dryRun: false, importedBy: "a@b", indicator: "x", decimal: "," })).toEqual([
      ["format", "tidy"],
      ["delimiter", "tab"],
      ["map", "value=Количество"],
      ["indicator", "x"],
      ["decimal", "comma"],
    ]);
    expect(optionPairs({ delimiter: ";" })).toEqual([["delimiter", "semicolon"]]);
  });
});
