import { describe, expect, it } from "vitest";
import { boundMeaning, formatRange, formatValue, unitCaption, unitName } from "./format.ts";

describe("formatValue", () => {
  it("writes current US$ with the symbol and a scale word", () => {
    expect(formatValue(2_186_807_504.32, "current US$", "card")).toBe("US$ 2.19 bn");
    expect(formatValue(2_186_807_504.32, "current US$", "tooltip")).toBe("US$ 2.187 bn");
    expect(formatValue(8e9, "current US$", "axis")).toBe("US$ 8 bn");
    expect(formatValue(16_580_000_000, "current US$", "axis")).toBe("US$ 16.6 bn");
    expect(formatValue(2_186_807_504.32, "current US$", "table")).toBe("2,186,807,504.32");
  });

  it("scales US$ million by its factor: 2500 is US$ 2.5 bn, 787 is US$ 787 million", () => {
    expect(formatValue(2500, "US$ million", "card")).toBe("US$ 2.5 bn");
    expect(formatValue(787, "US$ million", "card")).toBe("US$ 787 million");
    expect(formatValue(0.4, "US$ million", "card")).toBe("US$ 400,000");
    // The table keeps the published figure in its published unit.
    expect(formatValue(2500, "US$ million", "table")).toBe("2,500");
  });

  it("writes counts with their noun, scaled from a million up", () => {
    expect(formatValue(3_200_000, "persons", "card")).toBe("3.2 million persons");
    expect(formatValue(787_000, "patents", "card")).toBe("787,000 patents");
    expect(formatValue(2_221_826, "patents", "tooltip")).toBe("2.222 million patents");
    expect(formatValue(3_000_000, "entries", "axis")).toBe("3 million");
    expect(formatValue(12, "permits", "card")).toBe("12 permits");
  });

  it("writes shares of GDP with the unit, the axis with a bare %", () => {
    expect(formatValue(16.58, "% of GDP", "card")).toBe("16.6 % of GDP");
    expect(formatValue(26.69, "% of GDP", "tooltip")).toBe("26.69 % of GDP");
    expect(formatValue(25, "% of GDP", "axis")).toBe("25 %");
  });

  it("keeps tiny and huge values readable", () => {
    expect(formatValue(0.000_028_8, "% of GDP", "card")).toBe("0.0000288 % of GDP");
    expect(formatValue(0, "persons", "card")).toBe("0 persons");
    expect(formatValue(4.2e12, "current US$", "card")).toBe("US$ 4.2 tn");
    expect(formatValue(3.5e15, "current US$", "card")).toBe("US$ 3,500 tn");
    // 999,950 rounds to a million at 3 digits: it must say so, not "1,000 thousand".
    expect(formatValue(999_950, "persons", "card")).toBe("1 million persons");
  });

  it("puts a minus sign before the currency", () => {
    expect(formatValue(-1_234_000_000, "current US$", "card")).toBe("−US$ 1.23 bn");
    expect(formatValue(-3.25, "% of GDP", "axis")).toBe("−3.25 %");
    expect(formatValue(-1500, "persons", "table")).toBe("−1,500");
  });

  it("says a lower or upper bound", () => {
    expect(formatValue(3_000_000, "entries", "card", { bound: "lower" })).toBe("> 3 million entries");
    expect(formatValue(2500, "US$ million", "tooltip", { bound: "upper" })).toBe("< US$ 2.5 bn");
  });

  it("answers a dash for no number", () => {
    expect(formatValue(Number.NaN, "persons", "card")).toBe("—");
  });

});

describe("unitCaption", () => {
  it("names the unit for an axis", () => {
    expect(unitCaption("current US$")).toBe("US$");
    expect(unitCaption("US$ million")).toBe("US$");
    expect(unitCaption("% of GDP")).toBe("% of GDP");
    expect(unitCaption("persons")).toBe("persons");
  });
});

describe("formatRange", () => {
  it("says the unit once, and 'to' when the interval crosses zero", () => {
    expect(formatRange(400.2, 525.4, "patents")).toBe("400–525 patents");
    expect(formatRange(775_123_456, 3_791_000_000, "current US$")).toBe("US$ 775 million–3.79 bn");
    expect(formatRange(9.33, 21.4, "% of GDP")).toBe("9.33–21.4 % of GDP");
    expect(formatRange(-120, 80, "US$ million")).toBe("−US$ 120 million to 80 million");
  });
});

describe("Russian", () => {
  const ru = { locale: "ru" };
  const nb = (s: string) => s.replace(/ /g, "\u00a0");
  it("puts the currency after the number, with a decimal comma and Russian scale words", () => {
    expect(formatValue(2500, "US$ million", "card", ru)).toBe(nb("2,5 млрд $"));
    expect(formatValue(2_186_807_504.32, "current US$", "tooltip", ru)).toBe(nb("2,187 млрд $"));
    expect(formatValue(4.2e12, "current US$", "card", ru)).toBe(nb("4,2 трлн $"));
    expect(formatValue(-1_234_000_000, "current US$", "card", ru)).toBe(nb("−1,23 млрд $"));
  });
  it("says thousands as тыс., with the noun in the genitive plural after a scale word", () => {
    expect(formatValue(787_000, "patents", "card", ru)).toBe(nb("787 тыс. патентов"));
    expect(formatValue(3_200_000, "persons", "card", ru)).toBe(nb("3,2 млн человек"));
    expect(formatValue(787_000, "entries", "axis", ru)).toBe(nb("787 тыс."));
    // Just under a million rounds into millions, never "1 000 тыс.".
    expect(formatValue(999_950, "persons", "card", ru)).toBe(nb("1 млн человек"));
  });
  it("agrees a count noun with its number (1 патент, 2 патента, 5 патентов)", () => {
    expect(formatValue(1, "patents", "card", ru)).toBe(nb("1 патент"));
    expect(formatValue(2, "patents", "card", ru)).toBe(nb("2 патента"));
    expect(formatValue(5, "patents", "card", ru)).toBe(nb("5 патентов"));
    expect(formatValue(21, "registrations", "card", ru)).toBe(nb("21 регистрация"));
    expect(formatValue(2.5, "permits", "card", ru)).toBe(nb("2,5 разрешения"));
  });
  it("groups a table's figure with no-break spaces and a decimal comma", () => {
    expect(formatValue(2_186_807_504.32, "current US$", "table", ru)).toBe("2\u00a0186\u00a0807\u00a0504,32");
    expect(formatValue(787_000, "patents", "table", ru)).toBe("787\u00a0000");
  });
  it("writes shares of GDP as % ВВП and bounds in Russian", () => {
    expect(formatValue(16.58, "% of GDP", "card", ru)).toBe("16,6\u00a0% ВВП");
    expect(formatValue(3_000_000, "entries", "card", { ...ru, bound: "lower" })).toBe(nb("> 3 млн въездов"));
    expect(boundMeaning("lower", "ru")).toMatch(/^нижняя граница/);
  });
  it("names units and ranges in Russian", () => {
    expect(unitCaption("current US$", "ru")).toBe("$");
    expect(unitCaption("persons", "ru")).toBe("человек");
    expect(unitCaption("% of GDP", "ru")).toBe("% ВВП");
    expect(unitName("US$ million", "ru")).toBe("млн $");
    expect(formatRange(400, 525, "patents", "card", ru)).toBe(nb("400–525 патентов"));
    expect(formatRange(775, 3790, "US$ million", "card", ru)).toBe(nb("775 млн–3,79 млрд $"));
    expect(formatRange(-120, 80, "persons", "card", ru)).toBe("от −120 до 80\u00a0человек");
  });
});
