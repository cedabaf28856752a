/**
 * Country registry: ISO 3166-1 codes and English/Russian names from i18n-iso-countries, plus the
 * aliases that migration statistics actually use. `WLD` is "all partners / world".
 */
// The core, not the package main: that one loads every locale (≈ 1 MB of names) where two are used.
import countries from "i18n-iso-countries/index.js";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import ru from "i18n-iso-countries/langs/ru.json" with { type: "json" };
import { closest, distance } from "fastest-levenshtein";

countries.registerLocale(en);
countries.registerLocale(ru);

export const WORLD = "WLD";
const MAX_SUGGEST_LENGTH = 80;

export interface CountryRecord {
  code: string;
  alpha2: string | null;
  nameEn: string;
  nameRu: string;
  aliases: string[];
}

/** Names seen in Russian, Central Asian and international publications that the ISO lists lack. */
const EXTRA_ALIASES: Record<string, string[]> = {
  WLD: ["World", "Мир", "Всего", "Итого", "All", "All countries", "Все страны", "TOTAL", "Total", "W1", "W0"],
  RUS: ["Russian Federation", "Russia", "Россия", "РФ", "Российская Федерация", "Russian Federation (the)"],
  TJK: ["Republic of Tajikistan", "Tadjikistan", "Таджикистан", "Республика Таджикистан", "Тоджикистон"],
  KGZ: ["Kyrgyz Republic", "Kyrgyzstan", "Kirghizia", "Киргизия", "Кыргызстан", "Киргизстан", "Кыргызская Республика", "Киргизская Республика"],
  UZB: ["Republic of Uzbekistan", "Узбекистан", "Республика Узбекистан", "Ўзбекистон", "O'zbekiston"],
  KAZ: ["Republic of Kazakhstan", "Казахстан", "Республика Казахстан", "Қазақстан"],
  ARM: ["Republic of Armenia", "Армения", "Республика Армения"],
  AZE: ["Republic of Azerbaijan", "Азербайджан", "Азербайджанская Республика"],
  MDA: ["Republic of Moldova", "Moldova", "Молдова", "Молдавия", "Республика Молдова"],
  UKR: ["Украина"],
  BLR: ["Republic of Belarus", "Belarus", "Беларусь", "Белоруссия", "Республика Беларусь"],
  TKM: ["Туркменистан", "Туркмения"],
  GEO: ["Грузия"],
  // Eurostat's own two-letter codes.
  GRC: ["EL"],
  GBR: ["UK"],
};

/** Lower-case, trim, fold ё, drop punctuation that publications add or omit at will. */
export function normaliseName(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[’'`"«»().,]/g, "")
    .replace(/[\s\u00a0\-–—]+/g, " ")
    .trim();
}

function buildRecords(): CountryRecord[] {
  const enNames = countries.getNames("en", { select: "all" });
  const ruNames = countries.getNames("ru", { select: "all" });
  const records: CountryRecord[] = [
    { code: WORLD, alpha2: null, nameEn: "World (all partners)", nameRu: "Мир (все страны)", aliases: EXTRA_ALIASES.WLD! },
  ];
  for (const alpha3 of Object.keys(countries.getAlpha3Codes()).sort()) {
    const alpha2 = countries.alpha3ToAlpha2(alpha3)!;
    const enAll = enNames[alpha2] ?? [];
    const ruAll = ruNames[alpha2] ?? [];
    const aliases = [...new Set([...enAll.slice(1), ...ruAll.slice(1), ...(EXTRA_ALIASES[alpha3] ?? [])])];
    records.push({ code: alpha3, alpha2, nameEn: enAll[0] ?? alpha3, nameRu: ruAll[0] ?? enAll[0] ?? alpha3, aliases });
  }
  return records;
}

export const COUNTRY_RECORDS: readonly CountryRecord[] = buildRecords();

/**
 * The short names people use, where the ISO list gives a formal or dated one ("Киргизия",
 * "Российская Федерация", "Moldova, Republic of"): the names the ministries of the region write.
 */
const SHORT_NAMES: Record<"en" | "ru", Record<string, string>> = {
  en: {},
  ru: { RUS: "Россия", KGZ: "Кыргызстан", MDA: "Молдова", TJK: "Таджикистан", UZB: "Узбекистан", KAZ: "Казахстан", BLR: "Беларусь", TKM: "Туркменистан" },
};
const BY_CODE = new Map(COUNTRY_RECORDS.map((c) => [c.code, c]));

/** A country's name in the locale ("Russian Federation" / "Россия"); `WLD` is "all countries" / "все страны"; an unknown code stays a code. */
export function countryName(code: string, locale = "en"): string {
  const ru = locale.split("-")[0]!.toLowerCase() === "ru";
  if (code === WORLD) return ru ? "все страны" : "all countries";
  const short = SHORT_NAMES[ru ? "ru" : "en"][code];
  if (short) return short;
  const record = BY_CODE.get(code);
  return record ? (ru ? record.nameRu : record.nameEn) : code;
}

export type CountryLookup =
  | { ok: true; code: string }
  | { ok: false; reason: string; suggestion?: string };

/**
 * Resolves codes (alpha-3, alpha-2) and names in English or Russian to alpha-3. Build once and reuse:
 * lookups are cached, so a million rows cost a million Map hits.
 */
export class CountryResolver {
  private readonly byKey = new Map<string, string>();
  private readonly codes = new Set<string>();
  private readonly cache = new Map<string, CountryLookup>();
  private readonly names: string[];

  constructor(records: readonly CountryRecord[] = COUNTRY_RECORDS) {
    for (const r of records) {
      this.codes.add(r.code);
      for (const key of [r.nameEn, r.nameRu, ...r.aliases]) {
        const norm = normaliseName(key);
        // First writer wins so that ISO names are never shadowed by an alias elsewhere.
        if (!this.byKey.has(norm)) this.byKey.set(norm, r.code);
      }
      if (r.alpha2 && !this.byKey.has(r.alpha2.toLowerCase())) this.byKey.set(r.alpha2.toLowerCase(), r.code);
    }
    this.names = [...this.byKey.keys()].filter((k) => k.length > 3);
  }

  has(code: string): boolean {
    return this.codes.has(code);
  }

  resolve(raw: string): CountryLookup {
    const hit = this.cache.get(raw);
    if (hit) return hit;
    const result = this.lookup(raw);
    this.cache.set(raw, result);
    return result;
  }

  private lookup(raw: string): CountryLookup {
    const text = raw.trim();
    if (text === "") return { ok: false, reason: "empty country" };
    const upper = text.toUpperCase();
    if (upper.length === 3 && this.codes.has(upper)) return { ok: true, code: upper };
    const code = this.byKey.get(normaliseName(text));
    if (code) return { ok: true, code };
    const norm = normaliseName(text);
    // No country name is longer than about 50 characters: a longer cell gets no (costly) suggestion.
    const guess = norm.length > 3 && norm.length <= MAX_SUGGEST_LENGTH ? closest(norm, this.names) : undefined;
    if (guess && distance(guess, norm) <= Math.max(2, Math.floor(norm.length / 4))) {
      const suggestion = this.byKey.get(guess)!;
      return { ok: false, reason: `unknown country "${text}" (did you mean ${suggestion}, "${guess}"?)`, suggestion };
    }
    return { ok: false, reason: `unknown country "${text.length > MAX_SUGGEST_LENGTH ? `${text.slice(0, MAX_SUGGEST_LENGTH)}…` : text}"` };
  }
}
