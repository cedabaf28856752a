import { describe, expect, it } from "vitest";
import { CountryResolver, COUNTRY_RECORDS } from "./countries.ts";

const resolver = new CountryResolver();
const code = (raw: string) => {
  const r = resolver.resolve(raw);
  if (!r.ok) throw new Error(r.reason);
  return r.code;
};

describe("CountryResolver", () => {
  it.each([
    ["TJK", "TJK"], ["tjk", "TJK"], ["TJ", "TJK"], ["Tajikistan", "TJK"], ["Таджикистан", "TJK"],
    ["Республика Таджикистан", "TJK"], ["Republic of Tajikistan", "TJK"],
    ["Kyrgyz Republic", "KGZ"], ["Kyrgyzstan", "KGZ"], ["Киргизия", "KGZ"], ["Кыргызстан", "KGZ"],
    ["Uzbekistan", "UZB"], ["Узбекистан", "UZB"],
    ["Russian Federation", "RUS"], ["Russia", "RUS"], ["Россия", "RUS"], ["РФ", "RUS"], ["Российская Федерация", "RUS"],
    ["Казахстан", "KAZ"], ["World", "WLD"], ["WLD", "WLD"], ["TOTAL", "WLD"],
    ["EL", "GRC"], ["UK", "GBR"], ["DE", "DEU"], ["Germany", "DEU"],
    ["  russian   federation ", "RUS"],
  ])("%j → %s", (raw, expected) => expect(code(raw)).toBe(expected));

  it("suggests the nearest name for a typo", () => {
    const r = resolver.resolve("Tajikstan");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.suggestion).toBe("TJK");
      expect(r.reason).toMatch(/did you mean TJK/);
    }
  });

  it("rejects unknown codes without a wild guess", () => {
    const r = resolver.resolve("XYZ");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('unknown country "XYZ"');
  });

  it("every record has an alpha-3 key and both names", () => {
    expect(COUNTRY_RECORDS.length).toBeGreaterThan(240);
    for (const c of COUNTRY_RECORDS) {
      expect(c.code).toMatch(/^[A-Z]{3}$/);
      expect(c.nameEn.length).toBeGreaterThan(0);
      expect(c.nameRu.length).toBeGreaterThan(0);
    }
    expect(COUNTRY_RECORDS.find((c) => c.code === "KGZ")?.nameRu).toBe("Киргизия");
  });
});
