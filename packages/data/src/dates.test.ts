import { describe, expect, it } from "vitest";
import { formatDate, formatDateRange } from "./dates.ts";

describe("formatDate", () => {
  it("writes English dates as before: day, short month, year", () => {
    expect(formatDate("2021-04-19")).toBe("19 Apr 2021");
    expect(formatDate("2021-04", "month")).toBe("Apr 2021");
    expect(formatDate("2021", "year")).toBe("2021");
  });
  it("writes Russian dates with the month in the genitive and г.", () => {
    expect(formatDate("2021-04-19", "day", "ru")).toBe("19 апреля 2021\u00a0г.");
    expect(formatDate("2026-12-01", "day", "ru")).toBe("1 декабря 2026\u00a0г.");
    expect(formatDate("2021-04", "month", "ru")).toBe("апрель 2021\u00a0г.");
    expect(formatDate("2021", "year", "ru")).toBe("2021\u00a0г.");
  });
  it("never moves a day across a time zone", () => {
    expect(formatDate("2021-01-01", "day", "ru")).toBe("1 января 2021\u00a0г.");
  });
});

describe("formatDateRange", () => {
  it("says once what both ends share, in Russian", () => {
    expect(formatDateRange("2021-04-19", "2021-04-20", "day", "ru")).toBe("19–20 апреля 2021\u00a0г.");
    expect(formatDateRange("2021-03-30", "2021-04-02", "day", "ru")).toBe("30 марта – 2 апреля 2021\u00a0г.");
    expect(formatDateRange("2020-12-30", "2021-01-02", "day", "ru")).toBe("30 декабря 2020\u00a0г. – 2 января 2021\u00a0г.");
  });
  it("is one date when the span is a day or has no end", () => {
    expect(formatDateRange("2021-04-19", "2021-04-19", "day", "ru")).toBe("19 апреля 2021\u00a0г.");
    expect(formatDateRange("2021-04-19", null)).toBe("19 Apr 2021");
    expect(formatDateRange("2021-04-19", "2021-06-15")).toBe("19 Apr 2021 – 15 Jun 2021");
  });
});
