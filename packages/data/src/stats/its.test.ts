import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fitIts, neweyWestLags, type ItsFit, type ItsInput, type ItsRow } from "./its.ts";

interface ReferenceCase {
  name: string;
  input: ItsInput;
  expected: Omit<ItsFit, "status" | "relativeEffect">;
}
const reference = JSON.parse(readFileSync(new URL("./its-reference.json", import.meta.url), "utf8")) as { generatedBy: string; cases: ReferenceCase[] };

/** |a − b| within 1e-6 of |b| (or of 1e-9 absolute, for values at zero). */
function close(actual: number, expected: number, what: string) {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(Math.max(1e-6 * Math.abs(expected), 1e-9));
}

/** A seeded generator (mulberry32) and standard normal draws, so the SYNTHETIC series repeat exactly. */
function normals(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** SYNTHETIC monthly patents: trend, season, a level and slope change at t0, AR(1) noise. */
function monthly(seed: number, effect: { level: number; slope: number }, t0 = 60, length = 121): ItsInput {
  const draw = normals(seed);
  const rows: ItsRow[] = [];
  let noise = 0;
  for (let t = 0; t < length; t++) {
    noise = 0.3 * noise + 30 * draw();
    if (t === t0) continue;
    const after = t > t0 ? 1 : 0;
    const value = 5000 + 4 * t + 120 * Math.sin((2 * Math.PI * (t % 12)) / 12) + effect.level * after + effect.slope * (t - t0) * after + noise;
    rows.push({ t, period: `${2010 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, "0")}`, value, season: t % 12 });
  }
  return { rows, t0, seasons: 12 };
}

describe("fitIts against statsmodels (OLS, HAC Bartlett, n/(n−k), Student's t)", () => {
  it.each(reference.cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const fit = fitIts(c.input);
    if (fit.status !== "ok") throw new Error(fit.reason);
    expect({ n: fit.n, k: fit.k, lags: fit.lags, df: fit.df }).toEqual({ n: c.expected.n, k: c.expected.k, lags: c.expected.lags, df: c.expected.df });
    for (const key of ["levelChange", "slopeChange"] as const)
      for (const part of ["estimate", "se", "low", "high"] as const) close(fit[key][part], c.expected[key][part], `${key}.${part}`);
    expect(fit.counterfactual.map((p) => p.period)).toEqual(c.expected.counterfactual.map((p) => p.period));
    fit.counterfactual.forEach((p, i) => {
      for (const part of ["fitted", "counterfactual", "low", "high"] as const) close(p[part], c.expected.counterfactual[i]![part], `${p.period} ${part}`);
    });
    const last = fit.counterfactual.at(-1)!;
    close(fit.relativeEffect!, (last.fitted - last.counterfactual) / last.counterfactual, "relativeEffect");
  });

  it("uses the tutorial's lag rule", () => {
    expect([10, 19, 37, 100, 119, 241].map(neweyWestLags)).toEqual([2, 2, 3, 4, 4, 4]);
  });
});

describe("fitIts on series with known effects", () => {
  it("recovers an injected level drop of 450 and slope change of −3 a month within its 95 % intervals", () => {
    const fit = fitIts(monthly(7, { level: -450, slope: -3 }));
    if (fit.status !== "ok") throw new Error(fit.reason);
    expect(fit.levelChange.low).toBeLessThan(-450);
    expect(fit.levelChange.high).toBeGreaterThan(-450);
    expect(fit.slopeChange.low).toBeLessThan(-3);
    expect(fit.slopeChange.high).toBeGreaterThan(-3);
    // The counterfactual runs above what happened, and its band holds the trend the data had before.
    expect(fit.counterfactual.every((p) => p.counterfactual > p.fitted)).toBe(true);
    expect(fit.relativeEffect!).toBeLessThan(0);
  });

  it("holds the truth in its intervals about as often as it says (over 200 seeded series)", () => {
    let level = 0;
    let slope = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const fit = fitIts(monthly(seed, { level: 300, slope: 2 }));
      if (fit.status !== "ok") throw new Error(fit.reason);
      if (fit.levelChange.low < 300 && 300 < fit.levelChange.high) level++;
      if (fit.slopeChange.low < 2 && 2 < fit.slopeChange.high) slope++;
    }
    // Newey–West with few lags is a little optimistic at n ≈ 120; far below 95 % would be a bug.
    expect(level / 200).toBeGreaterThan(0.85);
    expect(slope / 200).toBeGreaterThan(0.85);
  });

  it("finds no effect where there is none: the intervals hold zero", () => {
    const fit = fitIts(monthly(11, { level: 0, slope: 0 }));
    if (fit.status !== "ok") throw new Error(fit.reason);
    expect(fit.levelChange.low).toBeLessThan(0);
    expect(fit.levelChange.high).toBeGreaterThan(0);
  });
});

describe("fitIts without enough data", () => {
  const annual = (before: number, after: number): ItsInput => ({
    t0: before,
    seasons: 1,
    rows: [...Array.from({ length: before }, (_, t) => t), ...Array.from({ length: after }, (_, i) => before + 1 + i)].map((t) => ({ t, period: String(2000 + t), value: 100 + t, season: 0 })),
  });
  it.each([
    [5, 3],
    [6, 2],
    [0, 10],
  ])("%i periods before and %i after: no number, and why", (before, after) => {
    const fit = fitIts(annual(before, after));
    expect(fit).toMatchObject({ status: "not enough data", reason: expect.stringContaining(`the window has ${before} before and ${after} after`) });
  });

  it("needs three spare degrees of freedom even with enough periods on each side", () => {
    // Quarterly: 7 coefficients, so 6 + 3 rows leave only 2.
    const rows = [0, 1, 2, 3, 4, 5, 7, 8, 9].map((t) => ({ t, period: `q${t}`, value: t, season: t % 4 }));
    expect(fitIts({ rows, t0: 6, seasons: 4 })).toMatchObject({ status: "not enough data" });
    expect(fitIts({ rows: [...rows, { t: 10, period: "q10", value: 3, season: 2 }], t0: 6, seasons: 4 })).toMatchObject({ status: "ok", df: 3 });
  });
});
