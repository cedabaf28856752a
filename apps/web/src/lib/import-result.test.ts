import { describe, expect, it } from "vitest";
import { boundSign, errorsByLine, finalMessage, formatRevision, readNdjson, revisionChange, revisionLines, summariseDiff, windowAround } from "./import-result";

describe("readNdjson", () => {
  it("yields whole lines and keeps a half line for later", () => {
    const text = '{"progress":{"bytesRead":1,"totalBytes":4}}\n{"progress":{"bytesRead":4,"totalBytes":4}}\n{"result":{"a"';
    const first = readNdjson(text, 0);
    expect(first.messages).toHaveLength(2);
    const done = text + ':1},"status":201}';
    expect(readNdjson(done, first.offset).messages).toEqual([]);
    expect(finalMessage(done, first.offset)).toEqual({ result: { a: 1 }, status: 201 });
  });
  it("skips lines that are not JSON", () => {
    expect(readNdjson('oops\n{"status":1,"result":null}\n', 0).messages).toHaveLength(1);
  });
});

const diff = {
  truncated: false,
  groups: [
    { indicator: "entries", origin: "UZB", destination: "RUS", breakdown: "total", inserted: 0, updated: 0, unchanged: 3, changes: [] },
    {
      indicator: "work_patents_issued",
      origin: "TJK",
      destination: "RUS",
      breakdown: "total",
      inserted: 1,
      updated: 1,
      unchanged: 0,
      changes: [
        { period: "2022", old: null, new: 900, line: 3 },
        { period: "2021", old: 787000, new: 790000, line: 2 },
      ],
    },
  ],
};

describe("summariseDiff", () => {
  it("totals the groups, puts changed groups first and orders changes by period", () => {
    const s = summariseDiff(diff);
    expect(s).toMatchObject({ inserted: 1, updated: 1, unchanged: 3, truncated: false });
    expect(s.groups.map((g) => g.label)).toEqual(["work_patents_issued · Tajikistan → Russian Federation", "entries · Uzbekistan → Russian Federation"]);
    expect(s.groups.map((g) => g.codes)).toEqual(["work_patents_issued · TJK → RUS", "entries · UZB → RUS"]);
    // With the catalogue's names, the diff speaks as the rest of the app does.
    const named = summariseDiff(diff, (code) => ({ work_patents_issued: "Work patents issued" })[code]);
    expect(named.groups.map((g) => g.label)).toEqual(["Work patents issued · Tajikistan → Russian Federation", "entries · Uzbekistan → Russian Federation"]);
    expect(s.groups[0]!.changes.map((c) => c.period)).toEqual(["2021", "2022"]);
    expect(s.groups[0]!.revisions).toHaveLength(1);
    expect(s.groups[0]!.additions).toHaveLength(1);
    expect(summariseDiff(undefined).groups).toEqual([]);
  });
  it("names a breakdown that is not the total", () => {
    expect(summariseDiff({ truncated: true, groups: [{ ...diff.groups[0]!, breakdown: "sex=F" }] }).groups[0]!.label).toBe("entries · Uzbekistan → Russian Federation · sex=F");
  });
});

describe("revisionChange", () => {
  it("is relative to the old value", () => {
    expect(revisionChange({ period: "2021", old: 200, new: 210, line: 1 })).toBeCloseTo(5);
    expect(revisionChange({ period: "2021", old: null, new: 210, line: 1 })).toBeNull();
    expect(revisionChange({ period: "2021", old: 0, new: 210, line: 1 })).toBeNull();
  });
});

describe("formatRevision", () => {
  it("keeps small revisions visible", () => {
    expect(formatRevision({ period: "2022-Q1", old: 3757303, new: 3757310, line: 2 })).toBe("+0.0002%");
    expect(formatRevision({ period: "2022-Q1", old: 200, new: 190, line: 2 })).toBe("−5.0%");
    expect(formatRevision({ period: "2022-Q1", old: 5, new: 5, line: 2 })).toBe("0%");
    expect(formatRevision({ period: "2022-Q1", old: null, new: 5, line: 2 })).toBe("—");
  });

  it("says a bound that changed on the same number, and marks bounded values", () => {
    expect(formatRevision({ period: "2021", old: 3000000, new: 3000000, oldBound: null, newBound: "lower", line: 2 })).toBe("bound changed");
    expect(formatRevision({ period: "2021", old: 3000000, new: 3100000, oldBound: "lower", newBound: "lower", line: 2 })).toBe("+3.3%");
    expect([boundSign("lower"), boundSign("upper"), boundSign(null), boundSign(undefined)]).toEqual(["> ", "< ", "", ""]);
  });

  it("writes Russian with a decimal comma and a spaced per cent sign", () => {
    expect(formatRevision({ period: "2022-Q1", old: 200, new: 190, line: 2 }, "ru")).toBe("−5,0\u00a0%");
    expect(formatRevision({ period: "2022-Q1", old: 3757303, new: 3757310, line: 2 }, "ru")).toBe("+0,0002\u00a0%");
    expect(formatRevision({ period: "2021", old: 3000000, new: 3000000, oldBound: null, newBound: "lower", line: 2 }, "ru")).toBe("изменилась граница");
  });
});

describe("revisionLines", () => {
  it("draws old and new in one scale with a gap where there was no old value", () => {
    const lines = revisionLines(
      [
        { period: "2020", old: 0, new: 0, line: 1 },
        { period: "2021", old: null, new: 20, line: 2 },
        { period: "2022", old: 30, new: 40, line: 3 },
      ],
      100,
      20,
      0,
    );
    expect(lines.old).toEqual(["0,20", "100,5"]);
    expect(lines.new).toBe("0,20 50,10 100,0");
    expect(lines.dots[1]).toEqual({ x: 50, y: 10, isNew: true, oldY: null });
    expect(lines.dots[2]).toEqual({ x: 100, y: 0, isNew: false, oldY: 5 });
  });
  it("centres a single change and draws nothing for none", () => {
    expect(revisionLines([{ period: "2020", old: 1, new: 2, line: 1 }], 100, 20, 0).new).toBe("50,0");
    expect(revisionLines([], 100, 20).new).toBe("");
  });
});

describe("errorsByLine", () => {
  it("places an error on its column by header name, case and spaces aside", () => {
    const byLine = errorsByLine(
      [
        { line: 4, column: "Страна", value: "Атлантида", message: "unknown country" },
        { line: 4, column: "", value: "", message: "row has no origin" },
        { line: 7, column: "I квартал 2022", value: "abc", message: "not a number" },
      ],
      ["страна ", "Период", "I квартал 2022"],
    );
    expect([...byLine.get(4)!.columns]).toEqual([0]);
    expect(byLine.get(4)!.messages).toHaveLength(2);
    expect([...byLine.get(7)!.columns]).toEqual([2]);
  });
});

describe("windowAround", () => {
  const rows = Array.from({ length: 100 }, (_, i) => ({ line: i + 1 }));
  it("starts a little before the line, and stays within the rows", () => {
    expect(windowAround(rows, null, 10).rows[0]!.line).toBe(1);
    expect(windowAround(rows, 50, 10).rows[0]!.line).toBe(47);
    expect(windowAround(rows, 99, 10).rows.at(-1)!.line).toBe(100);
    expect(windowAround(rows, 500, 10).start).toBe(90);
  });
});
