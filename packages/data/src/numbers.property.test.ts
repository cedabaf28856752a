/**
 * Property-based tests of the number parser (fast-check, 10,000 cases each): a value written in any
 * supported style parses back to exactly that value, and no string makes it throw or return a value
 * that is not finite or that the text does not hold.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseNumber, type DecimalMark, type NumberResult } from "./numbers.ts";

const RUNS = { numRuns: 10_000 };

/** A decimal written out: sign, integer digits (no leading zeros), fraction digits. */
const decimal = fc.record({
  negative: fc.boolean(),
  int: fc.oneof(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })).map(String),
  frac: fc.oneof(fc.constant(""), fc.stringMatching(/^\d{1,6}$/)),
});
type Decimal = { negative: boolean; int: string; frac: string };

/** The exact value the digits mean, as JavaScript reads a plain machine-written number. */
const valueOf = (d: Decimal) => Number(`${d.negative ? "-" : ""}${d.int}${d.frac ? `.${d.frac}` : ""}`);

/** Thousands groups of the integer digits: 1316569 → ["1", "316", "569"]. */
function groups(int: string): string[] {
  const out: string[] = [];
  for (let end = int.length; end > 0; end -= 3) out.unshift(int.slice(Math.max(0, end - 3), end));
  return out;
}

/** The styles publications use, with the decimal mark the file would be read with. */
const STYLES: Record<string, (d: Decimal) => [string, DecimalMark]> = {
  plain: (d) => [`${d.negative ? "-" : ""}${d.int}${d.frac ? `.${d.frac}` : ""}`, "."],
  "plain, decimal comma": (d) => [`${d.negative ? "-" : ""}${d.int}${d.frac ? `,${d.frac}` : ""}`, ","],
  "1,316,569.5": (d) => [`${d.negative ? "-" : ""}${groups(d.int).join(",")}${d.frac ? `.${d.frac}` : ""}`, "."],
  "1.316.569,5": (d) => [`${d.negative ? "-" : ""}${groups(d.int).join(".")}${d.frac ? `,${d.frac}` : ""}`, ","],
  "1 316 569,5": (d) => [`${d.negative ? "-" : ""}${groups(d.int).join(" ")}${d.frac ? `,${d.frac}` : ""}`, ","],
  "1 316 569.5 (point file)": (d) => [`${d.negative ? "-" : ""}${groups(d.int).join(" ")}${d.frac ? `.${d.frac}` : ""}`, "."],
  "NBSP groups": (d) => [`${d.negative ? "-" : ""}${groups(d.int).join("\u00a0")}${d.frac ? `,${d.frac}` : ""}`, ","],
  "narrow NBSP groups": (d) => [`${d.negative ? "-" : ""}${groups(d.int).join("\u202f")}${d.frac ? `,${d.frac}` : ""}`, ","],
  "1'316'569.5": (d) => [`${d.negative ? "-" : ""}${groups(d.int).join("'")}${d.frac ? `.${d.frac}` : ""}`, "."],
  "1’316’569.5": (d) => [`${d.negative ? "-" : ""}${groups(d.int).join("\u2019")}${d.frac ? `.${d.frac}` : ""}`, "."],
};

function number(result: NumberResult, raw: string): number {
  if (result.kind !== "number") throw new Error(`${JSON.stringify(raw)}: ${JSON.stringify(result)}`);
  return result.value;
}

describe("parseNumber: properties", () => {
  it("a value written in any supported style parses back to the same value", () => {
    fc.assert(
      fc.property(decimal, fc.constantFrom(...Object.keys(STYLES)), fc.constantFrom("", " ", "\t"), (d, style, pad) => {
        const [text, mark] = STYLES[style]!(d);
        // Negative zero is zero: SQLite stores 0 either way.
        expect(number(parseNumber(pad + text + pad, mark), text) + 0).toBe(valueOf(d) + 0);
      }),
      RUNS,
    );
  });

  it("a double printed by JavaScript (shortest round-trip form, exponents included) parses to itself", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), (v, upper) => {
        const text = upper ? String(v).toUpperCase() : String(v);
        expect(number(parseNumber(text), text)).toBe(v + 0);
        const exp = v.toExponential();
        expect(number(parseNumber(exp), exp)).toBe(v + 0);
      }),
      RUNS,
    );
  });

  it("integers formatted by Intl in en, ru, fr and de parse back (the mark the locale writes)", () => {
    const locales: [string, DecimalMark][] = [["en-US", "."], ["ru-RU", ","], ["fr-FR", ","], ["de-DE", ","]];
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(...locales), fc.integer({ min: 0, max: 3 }), (n, [locale, mark], digits) => {
        const v = n / 10 ** digits;
        const text = v.toLocaleString(locale, { maximumFractionDigits: 20 });
        // Intl rounds to the shortest decimal that reads back as the same double.
        expect(number(parseNumber(text, mark), text)).toBe(v + 0);
      }),
      RUNS,
    );
  });

  it("never throws on arbitrary text; a number it returns is finite and written in the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 30 }), fc.constantFrom<DecimalMark>(".", ","), (raw, mark) => {
        const r = parseNumber(raw, mark);
        expect(["number", "missing", "error"]).toContain(r.kind);
        if (r.kind === "number") {
          expect(Number.isFinite(r.value)).toBe(true);
          expect(raw).toMatch(/\d/);
          if (raw.trim().startsWith("-")) expect(r.value <= 0).toBe(true);
        }
        if (r.kind === "error") expect(r.reason).toMatch(/^".*" (is|has)/s);
      }),
      RUNS,
    );
  });

  it("never throws on near-misses built from number pieces; whatever it accepts is finite and agrees with the digits", () => {
    const piece = fc.oneof(
      fc.stringMatching(/^\d{1,4}$/),
      fc.constantFrom(".", ",", " ", "\u00a0", "'", "-", "+", "e", "E", "e-", "e+", "309", "400", "999", "Infinity", "NaN", "0x", "_", "..", "—"),
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), fc.constantFrom<DecimalMark>(".", ","), (pieces, mark) => {
        const raw = pieces.join("");
        const r = parseNumber(raw, mark);
        if (r.kind === "number") {
          expect(Number.isFinite(r.value)).toBe(true);
          // A non-zero digit before any exponent means a non-zero value: no silent underflow to 0.
          const mantissa = raw.split(/e/i)[0]!;
          if (/[1-9]/.test(mantissa)) expect(r.value).not.toBe(0);
        }
      }),
      RUNS,
    );
  });
});

describe("parseNumber: counterexamples found by the properties", () => {
  it.each([
    ["1e309", "."], ["-1e309", "."], ["1E400", "."], ["1e309", ","], ["9".repeat(400), "."],
  ] as const)("%j overflows: an error, not Infinity", (raw, mark) => {
    const r = parseNumber(raw, mark);
    expect(r.kind).toBe("error");
    if (r.kind === "error") expect(r.reason).toMatch(/finite/);
  });

  it.each([["1e-400", "."], ["2,5e-400", ","]] as const)("%j underflows: an error, not a silent 0", (raw, mark) => {
    const r = parseNumber(raw, mark);
    expect(r.kind).toBe("error");
    if (r.kind === "error") expect(r.reason).toMatch(/too small/);
  });

  it("0e-400 and 0.0 are still zero", () => {
    expect(parseNumber("0e-400")).toEqual({ kind: "number", value: 0 });
    expect(parseNumber("0.000")).toEqual({ kind: "number", value: 0 });
  });

  it("Swiss typographic apostrophes group thousands", () => {
    expect(parseNumber("1\u2019316\u2019569.5")).toEqual({ kind: "number", value: 1316569.5 });
  });
});
