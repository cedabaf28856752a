import { describe, expect, it } from "vitest";
import { isStale, seriesTitle } from "./titles.ts";

describe("seriesTitle", () => {
  const base = { indicator: { name: "Personal remittances, received", unit: "current US$" }, frequency: "A", points: [{ period: "2002" }, { period: "2024" }] };

  it("says 'from all countries' for a series on WLD, never the corridor's partner", () => {
    expect(seriesTitle({ ...base, origin: "TJK", destination: "WLD" })).toEqual({
      title: "Personal remittances, received: Tajikistan, from all countries (current US$, annual)",
      subtitle: "2002–2024",
    });
  });

  it("names both countries, the unit and the frequency of a corridor series", () => {
    const t = seriesTitle({ indicator: { name: "Work patents issued", unit: "patents" }, origin: "TJK", destination: "RUS", frequency: "Q", points: [{ period: "2021-Q1" }] });
    expect(t.title).toBe("Work patents issued: Tajikistan → Russian Federation (patents, quarterly)");
    expect(t.subtitle).toBe("2021-Q1");
  });

  it("says when there is no data", () => {
    expect(seriesTitle({ ...base, origin: "TJK", destination: "WLD", frequency: null, points: [] }).subtitle).toBe("no data");
  });
});

describe("isStale", () => {
  const today = new Date("2026-12-01T00:00:00Z");
  it("calls a value stale when its period ended more than two years before this one", () => {
    expect(isStale("2017-12-31", today)).toBe(true);
    expect(isStale("2023-12-31", today)).toBe(true);
    expect(isStale("2024-12-31", today)).toBe(false);
    expect(isStale("2026-03-31", today)).toBe(false);
  });
});

describe("in Russian", () => {
  it("names countries by the short names the region uses, and the catalog's indicators in Russian", async () => {
    const { countryName } = await import("./countries.ts");
    expect(["RUS", "KGZ", "MDA", "TJK", "UZB", "KAZ"].map((c) => countryName(c, "ru"))).toEqual(["Россия", "Кыргызстан", "Молдова", "Таджикистан", "Узбекистан", "Казахстан"]);
    expect(countryName("DEU", "ru")).toBe("Германия");
    expect(countryName("WLD", "ru")).toBe("все страны");
    expect(countryName("RUS")).toBe("Russian Federation");
    const t = seriesTitle({ indicator: { code: "transfers_from_russia_usd_mn", name: "Cross-border transfers of individuals from Russia", unit: "US$ million" }, origin: "TJK", destination: "RUS", frequency: "Q", points: [{ period: "2020-Q1" }, { period: "2021-Q4" }] }, "ru");
    expect(t.title).toBe("Трансграничные переводы физических лиц из России: Таджикистан → Россия (млн $, квартальные данные)");
  });
  it("has a Russian name for every built-in indicator", async () => {
    const { BUILTIN_INDICATORS } = await import("./catalog.ts");
    const { TRANSLATED_INDICATORS } = await import("./catalog-names.ts");
    expect(BUILTIN_INDICATORS.map((i) => i.code).filter((c) => !TRANSLATED_INDICATORS.includes(c))).toEqual([]);
  });
});
