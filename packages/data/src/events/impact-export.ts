/**
 * An impact estimate as files: the JSON the CLI prints (`events impact … --json`) and the event
 * page's exports serve — one writer, so the two cannot drift — and the ITS panel as one tidy table
 * (period, observed, fitted, counterfactual, low, high) for the CSV and the chart. Pure.
 */
import { toCsv } from "../csv-writer.ts";
import type { Impact, ItsEstimate } from "./impact.ts";

export function impactJson(impact: Impact): string {
  return JSON.stringify(impact, null, 2);
}

export interface ItsTableRow {
  period: string;
  /** The series (or treated − control) as the model saw it; the event's own period included. */
  observed: number;
  /** The model's line; null for the event's period (left out of the fit) and gaps. */
  fitted: number | null;
  /** After the event only: the fit without the event's terms, and its 95 % band. */
  counterfactual: number | null;
  low: number | null;
  high: number | null;
}

/** Every period of the window with data, in order; the model's columns empty where it says nothing. */
export function itsTable(its: ItsEstimate): ItsTableRow[] {
  const fitted = new Map(its.status === "ok" ? its.fitted.map((f) => [f.period, f.value]) : []);
  const cf = new Map(its.status === "ok" ? its.counterfactual.map((c) => [c.period, c]) : []);
  // The model's rows are the observed periods less the event's: `observed` is the whole window, in order.
  return its.observed.map(({ period, value }) => {
    const c = cf.get(period);
    return { period, observed: value, fitted: fitted.get(period) ?? null, counterfactual: c?.counterfactual ?? null, low: c?.low ?? null, high: c?.high ?? null };
  });
}

export const ITS_CSV_FIELDS = ["period", "observed", "fitted", "counterfactual", "low", "high"] as const;

/** The table as CSV with one header row; the estimates themselves are in the JSON. */
export function itsCsv(its: ItsEstimate): string {
  return toCsv([...ITS_CSV_FIELDS], itsTable(its).map((r) => ITS_CSV_FIELDS.map((f) => r[f])));
}
