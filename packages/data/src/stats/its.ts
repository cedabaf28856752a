/**
 * Interrupted time series (segmented regression), after Lopez Bernal, Cummins & Gasparrini,
 * "Interrupted time series regression for the evaluation of public health interventions: a
 * tutorial", IJE 2017. Pure: rows in, estimates out; no database.
 *
 * Model, on the window's rows (the event's own period left out as the transition):
 *   y = β0 + β1·t + β2·D + β3·(t − t0)·D [+ one dummy per season but the first]
 * with t the period's index in the window, t0 the event period's, D = 1 after it. OLS; standard
 * errors Newey–West (Bartlett kernel, L = floor(4·(n/100)^(2/9)) lags over the rows in period
 * order) times n/(n − k); 95 % intervals from Student's t at n − k degrees of freedom.
 * Matrices by ml-matrix, t quantiles by jStat: no hand-rolled inversion.
 */
// jStat ships no types: the declaration beside it, referenced so that the web build (which compiles
// this file from its own project) sees it too.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../types/jstat.d.ts" />
import { inverse, Matrix } from "ml-matrix";
import jstat from "jstat";

export interface ItsRow {
  /** The period's index in the window (t); gaps keep their place. */
  t: number;
  period: string;
  value: number;
  /** 0-based season (quarter or month) for seasonal data; ignored when `seasons` is 1. */
  season: number;
}

export interface ItsInput {
  rows: ItsRow[];
  /** Index of the event's period (not among the rows). */
  t0: number;
  /** Seasons per year with a dummy each but the first: 4 for quarterly, 12 for monthly, else 1. */
  seasons: number;
}

export interface Estimate {
  estimate: number;
  se: number;
  low: number;
  high: number;
}

export interface CounterfactualPoint {
  period: string;
  /** The model's value with the event's terms. */
  fitted: number;
  /** The model's value without them (β2 = β3 = 0), with its 95 % band. */
  counterfactual: number;
  low: number;
  high: number;
}

export interface ItsFit {
  status: "ok";
  n: number;
  /** Coefficients. */
  k: number;
  lags: number;
  df: number;
  /** Level change at the event (β2). */
  levelChange: Estimate;
  /** Change in slope per period after the event (β3). */
  slopeChange: Estimate;
  /** (fitted − counterfactual) / counterfactual at the last period; null when the counterfactual is 0. */
  relativeEffect: number | null;
  /** The model's value for every row, before the event too: the line a chart draws through the data. */
  fitted: { period: string; value: number }[];
  counterfactual: CounterfactualPoint[];
}

/** Minimum rows on each side and spare degrees of freedom before an estimate is given. */
export const ITS_MIN_BEFORE = 6;
export const ITS_MIN_AFTER = 3;
export const ITS_MIN_DF = 3;

export type ItsOutcome = ItsFit | { status: "not enough data"; reason: string };

/** The Newey–West lag count for n rows. */
export function neweyWestLags(n: number): number {
  return Math.floor(4 * Math.pow(n / 100, 2 / 9));
}

function designRow(t: number, t0: number, season: number, seasons: number, withEvent: boolean): number[] {
  const after = withEvent && t > t0 ? 1 : 0;
  const row = [1, t, after, after * (t - t0)];
  for (let s = 1; s < seasons; s++) row.push(season === s ? 1 : 0);
  return row;
}

export function fitIts({ rows, t0, seasons }: ItsInput): ItsOutcome {
  const sorted = [...rows].sort((a, b) => a.t - b.t);
  const before = sorted.filter((r) => r.t < t0).length;
  const after = sorted.filter((r) => r.t > t0).length;
  const n = sorted.length;
  const k = 4 + Math.max(0, seasons - 1);
  if (before < ITS_MIN_BEFORE || after < ITS_MIN_AFTER || n - k < ITS_MIN_DF)
    return {
      status: "not enough data",
      reason: `an estimate needs at least ${ITS_MIN_BEFORE} periods before the event and ${ITS_MIN_AFTER} after, and ${ITS_MIN_DF} more observations than the model's ${k} coefficients; the window has ${before} before and ${after} after`,
    };

  const X = new Matrix(sorted.map((r) => designRow(r.t, t0, r.season, seasons, true)));
  const y = Matrix.columnVector(sorted.map((r) => r.value));
  const bread = inverse(X.transpose().mmul(X));
  const beta = bread.mmul(X.transpose()).mmul(y);
  const residuals = y.clone().sub(X.mmul(beta)).to1DArray();

  // Newey–West meat: Σ over lags l = 0..L of w_l (Γ_l + Γ_l'), Γ_l = Σ_t u_t u_{t−l}' with u_t = x_t e_t
  // (Γ_0 once), accumulated in plain arrays: Matrix objects per row cost 50× more here.
  const lags = neweyWestLags(n);
  const u = X.to2DArray().map((x, i) => x.map((v) => v * residuals[i]!));
  const meatRows = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let l = 0; l <= lags; l++) {
    const weight = l === 0 ? 1 : 1 - l / (lags + 1);
    for (let i = l; i < n; i++) {
      const ui = u[i]!;
      const uj = u[i - l]!;
      for (let a = 0; a < k; a++)
        for (let b = 0; b < k; b++) {
          const g = weight * ui[a]! * uj[b]!;
          meatRows[a]![b]! += g;
          if (l > 0) meatRows[b]![a]! += g;
        }
    }
  }
  const meat = new Matrix(meatRows);
  const df = n - k;
  const cov = bread.mmul(meat).mmul(bread).mul(n / df);
  const tCrit = jstat.studentt.inv(0.975, df);
  const estimate = (j: number): Estimate => {
    const value = beta.get(j, 0);
    const se = Math.sqrt(cov.get(j, j));
    return { estimate: value, se, low: value - tCrit * se, high: value + tCrit * se };
  };

  const predict = (row: number[]) => row.reduce((sum, x, j) => sum + x * beta.get(j, 0), 0);
  const counterfactual = sorted
    .filter((r) => r.t > t0)
    .map((r) => {
      const withEvent = designRow(r.t, t0, r.season, seasons, true);
      const without = designRow(r.t, t0, r.season, seasons, false);
      const x = Matrix.rowVector(without);
      const se = Math.sqrt(x.mmul(cov).mmul(x.transpose()).get(0, 0));
      const value = predict(without);
      return { period: r.period, fitted: predict(withEvent), counterfactual: value, low: value - tCrit * se, high: value + tCrit * se };
    });
  const last = counterfactual.at(-1)!;
  return {
    status: "ok", n, k, lags, df,
    levelChange: estimate(2),
    slopeChange: estimate(3),
    relativeEffect: last.counterfactual === 0 ? null : (last.fitted - last.counterfactual) / last.counterfactual,
    fitted: sorted.map((r) => ({ period: r.period, value: predict(designRow(r.t, t0, r.season, seasons, true)) })),
    counterfactual,
  };
}
