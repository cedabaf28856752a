/**
 * Property-based tests of the period parser (fast-check, 10,000 cases each): every canonical period
 * and every supported notation of it round-trips to the same canonical form; impossible dates are
 * typed failures; and no string at all makes it throw or return a period that is not well formed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { annual, daily, halfYearly, monthly, parsePeriod, periodFromCanonical, quarterly, type Period } from "./periods.ts";

const RUNS = { numRuns: 10_000 };
const pad2 = (n: number) => String(n).padStart(2, "0");
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

const year = fc.integer({ min: 1800, max: 2200 });
const month = fc.integer({ min: 1, max: 12 });
/** A real calendar day (29 February only in leap years). */
const date = fc
  .tuple(year, month, fc.integer({ min: 1, max: 31 }))
  .map(([y, m, d]) => [y, m, Math.min(d, daysIn(y, m))] as const);

const EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const RU_MONTHS = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];
const ROMAN = ["I", "II", "III", "IV"];

/** Any period of any frequency, as the builders make it. */
const canonical: fc.Arbitrary<Period> = fc.oneof(
  year.map(annual),
  fc.tuple(year, fc.integer({ min: 1, max: 2 })).map(([y, h]) => halfYearly(y, h)),
  fc.tuple(year, fc.integer({ min: 1, max: 4 })).map(([y, q]) => quarterly(y, q)),
  fc.tuple(year, month).map(([y, m]) => monthly(y, m)),
  date.map(([y, m, d]) => daily(y, m, d)),
);

/** Random letter case and surrounding/inner whitespace: publications are not consistent. */
const messy = (text: string) =>
  fc.tuple(fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }), fc.constantFrom("", " ", "  ", "\t", "\u00a0"), fc.constantFrom("", " ", "\n"))
    .map(([upper, before, after]) => before + [...text].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join("") + after);

function ok(raw: string): Period {
  const r = parsePeriod(raw);
  if (!r.ok) throw new Error(`${JSON.stringify(raw)}: ${r.reason}`);
  return r.value;
}

/** What every successful parse must satisfy, whatever the input. */
function wellFormed(p: Period): void {
  expect(p.period).toMatch(/^\d{4}(?:-H[12]|-Q[1-4]|-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/);
  expect(p.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(p.end).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  // Real dates, in order, and the same ones the canonical form gives.
  expect(new Date(`${p.start}T00:00:00Z`).toISOString().slice(0, 10)).toBe(p.start);
  expect(new Date(`${p.end}T00:00:00Z`).toISOString().slice(0, 10)).toBe(p.end);
  expect(p.start <= p.end).toBe(true);
  expect(periodFromCanonical(p.period)).toEqual(p);
}

describe("parsePeriod: properties", () => {
  it("canonical → parse → the same canonical period", () => {
    fc.assert(
      fc.property(canonical, (p) => {
        expect(parsePeriod(p.period)).toEqual({ ok: true, value: p });
      }),
      RUNS,
    );
  });

  it("every supported notation of a period parses to its canonical form", () => {
    const notation = fc.oneof(
      year.chain((y) => fc.tuple(fc.constant(annual(y)), fc.constantFrom(`${y}`, `${y} год`, `${y} г.`, `${y}г`).chain(messy))),
      fc.tuple(year, fc.integer({ min: 1, max: 2 })).chain(([y, h]) =>
        fc.tuple(fc.constant(halfYearly(y, h)), fc.constantFrom(`${y}-H${h}`, `${y}H${h}`, `H${h} ${y}`, `${ROMAN[h - 1]} полугодие ${y}`, `${h}-е полугодие ${y} г.`).chain(messy)),
      ),
      fc.tuple(year, fc.integer({ min: 1, max: 4 })).chain(([y, q]) =>
        fc.tuple(
          fc.constant(quarterly(y, q)),
          fc.constantFrom(`${y}Q${q}`, `${y}-Q${q}`, `${y} Q${q}`, `${y}:Q${q}`, `Q${q} ${y}`, `Q${q}-${y}`, `Q${q}/${y}`, `${ROMAN[q - 1]} квартал ${y}`, `${q} квартал ${y} г.`, `${q}-й квартал ${y} года`, `${ROMAN[q - 1]} кв. ${y}`, `${EN_MONTHS[(q - 1) * 3]}-${EN_MONTHS[(q - 1) * 3 + 2]} ${y}`, `${RU_MONTHS[(q - 1) * 3]}–${RU_MONTHS[(q - 1) * 3 + 2]} ${y} года`).chain(messy),
        ),
      ),
      fc.tuple(year, month).chain(([y, m]) =>
        fc.tuple(
          fc.constant(monthly(y, m)),
          fc.constantFrom(`${y}-${pad2(m)}`, `${y}-${m}`, `${y}/${pad2(m)}`, `${y}M${pad2(m)}`, `${y}M${m}`, `${y}-M${pad2(m)}`, `${pad2(m)}.${y}`, `${m}.${y}`, `${pad2(m)}/${y}`, `${EN_MONTHS[m - 1]} ${y}`, `${EN_MONTHS[m - 1]!.slice(0, 3)} ${y}`, `${EN_MONTHS[m - 1]!.slice(0, 3)}-${y}`, `${y} ${EN_MONTHS[m - 1]}`, `${RU_MONTHS[m - 1]} ${y}`, `${RU_MONTHS[m - 1]} ${y} года`).chain(messy),
        ),
      ),
      date.chain(([y, m, d]) =>
        fc.tuple(fc.constant(daily(y, m, d)), fc.constantFrom(`${y}-${pad2(m)}-${pad2(d)}`, `${y}/${m}/${d}`, `${pad2(d)}.${pad2(m)}.${y}`, `${d}/${m}/${y}`).chain(messy)),
      ),
    );
    fc.assert(
      fc.property(notation, ([expected, raw]) => {
        expect(ok(raw)).toEqual(expected);
      }),
      RUNS,
    );
  });

  it("months, quarters, half-years and days that do not exist are typed failures", () => {
    const impossible = fc.oneof(
      fc.tuple(year, fc.integer({ min: 13, max: 99 })).map(([y, m]) => [`${y}-${pad2(m)}`, `month ${m} is not 1–12`]),
      fc.tuple(year, fc.integer({ min: 5, max: 9 })).map(([y, q]) => [`${y}-Q${q}`, `quarter ${q} is not 1–4`]),
      fc.tuple(year, fc.integer({ min: 3, max: 9 })).map(([y, h]) => [`${y}-H${h}`, `half-year ${h} is not 1–2`]),
      fc.tuple(year, month, fc.integer({ min: 0, max: 99 }))
        .filter(([y, m, d]) => d < 1 || d > daysIn(y, m))
        .map(([y, m, d]) => [`${y}-${pad2(m)}-${pad2(d)}`, `day ${d} does not exist in ${y}-${pad2(m)}`]),
      fc.oneof(fc.integer({ min: 1000, max: 1799 }), fc.integer({ min: 2201, max: 9999 })).map((y) => [`${y}`, `year ${y} is outside 1800–2200`]),
    );
    fc.assert(
      fc.property(impossible, ([raw, reason]) => {
        expect(parsePeriod(raw!)).toEqual({ ok: false, reason });
      }),
      RUNS,
    );
  });

  it("never throws on arbitrary text, and anything it accepts is a well-formed period", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (raw) => {
        const r = parsePeriod(raw);
        if (r.ok) wellFormed(r.value);
        else expect(typeof r.reason).toBe("string");
      }),
      RUNS,
    );
  });

  it("never throws on near-misses built from the grammar's own pieces, nor accepts a malformed one", () => {
    // Tokens the patterns look for, plus words that are keys of every plain JavaScript object.
    const token = fc.oneof(
      fc.integer({ min: 0, max: 99_999 }).map(String),
      fc.integer({ min: 1790, max: 2210 }).map(String),
      fc.constantFrom(...EN_MONTHS, ...RU_MONTHS, "jan", "sept", "янв.", "q", "h", "m", "i", "ii", "iv", "квартал", "кв.", "полугодие", "год", "г.", "года", "-й", "-е"),
      fc.constantFrom("constructor", "__proto__", "prototype", "valueof", "tostring", "hasownproperty"),
      fc.constantFrom("-", "–", "/", ".", ":", " ", "  "),
    );
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 6 }), (tokens) => {
        const r = parsePeriod(tokens.join(""));
        if (r.ok) wellFormed(r.value);
        const spaced = parsePeriod(tokens.join(" "));
        if (spaced.ok) wellFormed(spaced.value);
      }),
      RUNS,
    );
  });
});

describe("parsePeriod: counterexamples found by the properties", () => {
  it.each(["constructor 2021", "2021 constructor", "Constructor-2021", "constructor-march 2021"])(
    "%j is not a month (a key every plain object has is no month name)",
    (raw) => {
      const r = parsePeriod(raw);
      expect(r.ok).toBe(false);
    },
  );
});
