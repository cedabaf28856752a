import { describe, expect, it } from "vitest";
import { countsIn, optionPairs, when } from "./imports-view";

describe("countsIn", () => {
  it("words each non-zero count through the caller's catalog, in order", () => {
    const row = { rowsRead: 5, inserted: 3, updated: 0, unchanged: 2, rejected: 1, skippedMissing: 0 };
    expect(countsIn(row, (key, n) => `${key}=${n}`, "none")).toBe("new=3 · unchanged=2 · rejected=1");
    expect(countsIn({ ...row, inserted: 0, unchanged: 0, rejected: 0 }, (key, n) => `${key}=${n}`, "none")).toBe("none");
  });
});

describe("when", () => {
  it("prints UTC the same everywhere", () => {
    expect(when("2026-11-29T02:04:55.000Z")).toBe("29 Nov 2026, 02:04 UTC");
    expect(when("not a date")).toBe("not a date");
    expect(when("2026-11-29T02:04:55.000Z", "ru")).toBe("29 ноября 2026\u00a0г., 02:04 UTC");
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
