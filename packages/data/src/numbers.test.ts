import { describe, expect, it } from "vitest";
import { detectDecimalMark, parseNumber } from "./numbers.ts";

const value = (raw: string, decimal: "." | "," = ".") => {
  const r = parseNumber(raw, decimal);
  if (r.kind !== "number") throw new Error(`${raw}: ${JSON.stringify(r)}`);
  return r.value;
};

describe("parseNumber", () => {
  it.each([
    ["1316569", 1316569],
    ["-42", -42],
    ["4533928.8", 4533928.8],
    ["2.88917705640482E-05", 2.88917705640482e-5],
    ["1e3", 1000],
    [".5", 0.5],
    ["1 316 569", 1316569],
    ["1\u00a0316\u00a0569", 1316569],
    ["1\u202f316\u202f569", 1316569],
    ["3 757 303", 3757303],
    ["1,316,569", 1316569],
    ["1,316,569.25", 1316569.25],
    ["0", 0],
  ])("point mode: %j → %d", (raw, expected) => {
    expect(value(raw)).toBe(expected);
  });

  it.each([
    ["21,1", 21.1],
    ["1 316 569", 1316569],
    ["1 316 569,5", 1316569.5],
    ["1.316.569,5", 1316569.5],
    ["1316569", 1316569],
    ["0,25", 0.25],
  ])("comma mode: %j → %d", (raw, expected) => {
    expect(value(raw, ",")).toBe(expected);
  });

  it.each(["", "  ", "..", ":", "-", "n/a", "N/A", "—"])("%j is missing, not zero", (raw) => {
    expect(parseNumber(raw)).toEqual({ kind: "missing" });
  });

  it.each([
    ["abc", "."],
    ["12abc", "."],
    ["1.2.3", "."],
    ["21,1", "."],
    ["21.1", ","],
    ["1 31 569", "."],
    ["Infinity", "."],
  ] as const)("rejects %j in %s mode", (raw, mode) => {
    expect(parseNumber(raw, mode).kind).toBe("error");
  });

  it("explains a decimal comma in a point file", () => {
    const r = parseNumber("21,1", ".");
    expect(r.kind === "error" && r.reason).toMatch(/decimal comma/);
  });
});

describe("detectDecimalMark", () => {
  it("sees a decimal comma in 21,1", () => expect(detectDecimalMark(["100", "21,1"], ",")).toBe(","));
  it("sees a decimal point in 21.5", () => expect(detectDecimalMark(["21.5", "3"], ";")).toBe("."));
  it("uses the last separator when both appear", () => {
    expect(detectDecimalMark(["1.316.569,5"], ",")).toBe(",");
    expect(detectDecimalMark(["1,316,569.5"], ";")).toBe(".");
  });
  it("falls back by delimiter when samples are ambiguous", () => {
    expect(detectDecimalMark(["1,316", "100"], ";")).toBe(",");
    expect(detectDecimalMark(["1,316", "100"], ",")).toBe(".");
  });
});
