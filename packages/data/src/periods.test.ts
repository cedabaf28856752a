import { describe, expect, it } from "vitest";
import { parsePeriod, periodContaining, shiftPeriod, yearEarlier, periodFromCanonical } from "./periods.ts";

const ok = (raw: string) => {
  const r = parsePeriod(raw);
  if (!r.ok) throw new Error(`${raw}: ${r.reason}`);
  return r.value;
};

describe("parsePeriod", () => {
  it.each([
    ["2021", "2021", "A", "2021-01-01", "2021-12-31"],
    [" 2021 ", "2021", "A", "2021-01-01", "2021-12-31"],
    ["2021 год", "2021", "A", "2021-01-01", "2021-12-31"],
    ["2021г.", "2021", "A", "2021-01-01", "2021-12-31"],
    ["2021Q1", "2021-Q1", "Q", "2021-01-01", "2021-03-31"],
    ["2021-Q2", "2021-Q2", "Q", "2021-04-01", "2021-06-30"],
    ["2021q3", "2021-Q3", "Q", "2021-07-01", "2021-09-30"],
    ["2021 Q4", "2021-Q4", "Q", "2021-10-01", "2021-12-31"],
    ["Q1 2021", "2021-Q1", "Q", "2021-01-01", "2021-03-31"],
    ["Q4-2020", "2020-Q4", "Q", "2020-10-01", "2020-12-31"],
    ["I квартал 2022", "2022-Q1", "Q", "2022-01-01", "2022-03-31"],
    ["IV квартал 2022 года", "2022-Q4", "Q", "2022-10-01", "2022-12-31"],
    ["2 квартал 2022 г.", "2022-Q2", "Q", "2022-04-01", "2022-06-30"],
    ["2021-01", "2021-01", "M", "2021-01-01", "2021-01-31"],
    ["2021M01", "2021-01", "M", "2021-01-01", "2021-01-31"],
    ["2021M2", "2021-02", "M", "2021-02-01", "2021-02-28"],
    ["2020-02", "2020-02", "M", "2020-02-01", "2020-02-29"],
    ["01.2021", "2021-01", "M", "2021-01-01", "2021-01-31"],
    ["9.2021", "2021-09", "M", "2021-09-01", "2021-09-30"],
    ["Jan 2021", "2021-01", "M", "2021-01-01", "2021-01-31"],
    ["January 2021", "2021-01", "M", "2021-01-01", "2021-01-31"],
    ["Sept 2021", "2021-09", "M", "2021-09-01", "2021-09-30"],
    ["январь 2022", "2022-01", "M", "2022-01-01", "2022-01-31"],
    ["Декабрь 2022 года", "2022-12", "M", "2022-12-01", "2022-12-31"],
    ["2021 Dec", "2021-12", "M", "2021-12-01", "2021-12-31"],
    ["2021-04-16", "2021-04-16", "D", "2021-04-16", "2021-04-16"],
    ["16.04.2021", "2021-04-16", "D", "2021-04-16", "2021-04-16"],
    ["2024-02-29", "2024-02-29", "D", "2024-02-29", "2024-02-29"],
  ])("%s → %s", (raw, period, frequency, start, end) => {
    expect(ok(raw)).toEqual({ period, frequency, start, end });
  });

  it.each([
    ["", "empty"],
    ["2021-13", "month 13"],
    ["2021Q5", "quarter 5"],
    ["2023-02-29", "does not exist"],
    ["31.04.2021", "does not exist"],
    ["Foo 2021", "not a month"],
    ["21", "not a recognised period"],
    ["0099", "outside"],
    ["2021-1-1-1", "not a recognised period"],
  ])("rejects %j (%s)", (raw, reason) => {
    const r = parsePeriod(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
});

describe("period arithmetic", () => {
  it("periodContaining snaps a day to its month, quarter and year", () => {
    expect(periodContaining("2021-04-19", "M").period).toBe("2021-04");
    expect(periodContaining("2021-04-19", "Q").period).toBe("2021-Q2");
    expect(periodContaining("2021-12-31", "Q").period).toBe("2021-Q4");
    expect(periodContaining("2021-04-19", "A").period).toBe("2021");
  });

  it("shiftPeriod crosses year boundaries", () => {
    expect(shiftPeriod(ok("2021-Q1"), -1).period).toBe("2020-Q4");
    expect(shiftPeriod(ok("2021-01"), -1).period).toBe("2020-12");
    expect(shiftPeriod(ok("2021-12"), 1).period).toBe("2022-01");
    expect(shiftPeriod(ok("2021"), -3).period).toBe("2018");
    expect(shiftPeriod(ok("2021-03-01"), -1).period).toBe("2021-02-28");
  });

  it("yearEarlier keeps the period type and handles 29 February", () => {
    expect(yearEarlier(ok("2021-Q3")).period).toBe("2020-Q3");
    expect(yearEarlier(ok("2021-07")).period).toBe("2020-07");
    expect(yearEarlier(ok("2024-02-29")).period).toBe("2023-02-28");
  });

  it("periodFromCanonical refuses non-canonical text", () => {
    expect(periodFromCanonical("2021-Q2").end).toBe("2021-06-30");
    expect(() => periodFromCanonical("2021Q2")).toThrow(/canonical/);
  });
});
