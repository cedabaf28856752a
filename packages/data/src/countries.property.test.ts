/**
 * Property-based tests of the country resolver (fast-check, 10,000 cases each): every code and name
 * in the registry resolves to its own country however it is cased, spaced or punctuated, and no
 * string makes it throw or return a code that is not in the registry.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COUNTRY_RECORDS, CountryResolver, normaliseName, type CountryRecord } from "./countries.ts";

const RUNS = { numRuns: 10_000 };
const resolver = new CountryResolver();
const record = fc.constantFrom(...COUNTRY_RECORDS);

/** Which country a normalised name belongs to when two records share it: the first (ISO) one. */
const owner = new Map<string, string>();
for (const r of COUNTRY_RECORDS) for (const n of [r.nameEn, r.nameRu, ...r.aliases]) if (!owner.has(normaliseName(n))) owner.set(normaliseName(n), r.code);

/** Case, spacing and the punctuation publications add or drop; none of it may change the answer. */
function messy(text: string): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }),
      fc.constantFrom("", " ", "  ", "\u00a0", "\t"),
      fc.constantFrom("", " ", "\n"),
      fc.constantFrom((s: string) => s, (s: string) => s.replace(/ /g, "  "), (s: string) => s.replace(/ /g, "\u00a0"), (s: string) => s.replace(/ /g, "-"), (s: string) => `«${s}»`, (s: string) => `"${s}"`, (s: string) => `${s}.`),
    )
    .map(([upper, before, after, punct]) => before + punct([...text].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join("")) + after);
}

const expectCode = (raw: string, code: string) => {
  const r = resolver.resolve(raw);
  expect(r, JSON.stringify(raw)).toEqual({ ok: true, code });
};

describe("CountryResolver: properties", () => {
  it("alpha-3 and alpha-2 codes in any case resolve to their country", () => {
    fc.assert(
      fc.property(record, fc.boolean(), fc.boolean(), (r, useAlpha2, lower) => {
        const text = useAlpha2 && r.alpha2 ? r.alpha2 : r.code;
        expectCode(lower ? text.toLowerCase() : text, r.code);
      }),
      RUNS,
    );
  });

  it("English and Russian names and aliases, however written, resolve to the country that owns the name", () => {
    const named = record.chain((r: CountryRecord) =>
      fc.constantFrom(r.nameEn, r.nameRu, ...r.aliases).chain((name) => fc.tuple(fc.constant(owner.get(normaliseName(name))!), messy(name))),
    );
    fc.assert(
      fc.property(named, ([code, raw]) => {
        // Three-letter names (Мир, ЮАР…) are looked up as codes first; a code must not be shadowed.
        if (raw.trim().length === 3 && resolver.has(raw.trim().toUpperCase())) return;
        expectCode(raw, code);
      }),
      RUNS,
    );
  });

  it("ISO English and Russian names resolve to their own country (no alias shadows them)", () => {
    for (const r of COUNTRY_RECORDS) {
      expectCode(r.nameEn, r.code);
      expectCode(r.nameRu, r.code);
    }
  });

  it("never throws on arbitrary text; what it resolves is in the registry, what it refuses has a reason", () => {
    const fresh = new CountryResolver();
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 24 }), (raw) => {
        const r = fresh.resolve(raw);
        if (r.ok) expect(fresh.has(r.code)).toBe(true);
        else {
          expect(r.reason.length).toBeGreaterThan(0);
          if (r.suggestion !== undefined) expect(fresh.has(r.suggestion)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("never resolves a name one edit away from a real one: typos are suggestions, not silent matches", () => {
    const typo = fc
      .tuple(record, fc.nat(), fc.constantFrom("q", "z", "ж", "x"))
      .filter(([r]) => r.nameEn.length > 6)
      .map(([r, at, letter]) => {
        const i = at % r.nameEn.length;
        return r.nameEn.slice(0, i) + letter + r.nameEn.slice(i + 1);
      })
      .filter((text) => !owner.has(normaliseName(text)));
    fc.assert(
      fc.property(typo, (text) => {
        const found = resolver.resolve(text);
        expect(found.ok).toBe(false);
        if (!found.ok) expect(found.suggestion).toBeDefined();
      }),
      RUNS,
    );
  });
});
