/**
 * The ITS panel's chart model, pure: the window's periods on a time axis (each at its middle, as the
 * event chart places them), the observed series, the model's fitted line, and — after the event
 * only — the counterfactual with its 95 % band; the event at its true date; explicit ticks so the
 * server's and the browser's render agree. Shared by the event page (recharts) and the exports.
 */
import { parsePeriod } from "@corridor/data/periods";
import { itsTable, type ItsTableRow } from "@corridor/data/pure";
import type { ItsEstimate } from "@corridor/data";
import { niceDomain, niceStep, padDomain, yearTicks } from "./chart-model";

export interface ItsChartRow extends ItsTableRow {
  /** The period's middle, ms since the epoch. */
  t: number;
  /** [low, high] after the event, for recharts' range area; null elsewhere. */
  band: [number, number] | null;
}

export interface ItsChartModel {
  rows: ItsChartRow[];
  xDomain: [number, number];
  xTicks: number[];
  yDomain: [number, number];
  yTicks: number[];
  /** The event's start date on the time axis (its true date, not its period's middle). */
  eventT: number;
  /** Whether there is a model to draw (else only the observed series). */
  fitted: boolean;
}

const DAY = 86_400_000;
const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

function middle(period: string): number {
  const p = parsePeriod(period);
  if (!p.ok) throw new Error(`itsChartModel: "${period}" is not a period (${p.reason})`);
  return (ms(p.value.start) + ms(p.value.end) + DAY) / 2;
}

/** `width` is the plot's expected width in px: it only decides how many year ticks fit. */
export function itsChartModel(its: ItsEstimate, eventStartsOn: string, width = 480): ItsChartModel {
  const rows = itsTable(its).map((r) => ({ ...r, t: middle(r.period), band: r.low !== null && r.high !== null ? ([r.low, r.high] as [number, number]) : null }));
  const eventT = ms(eventStartsOn);
  const times = [...rows.map((r) => r.t), eventT];
  const xDomain = padDomain([Math.min(...times) - 120 * DAY, Math.max(...times) + 120 * DAY]);
  const values = rows.flatMap((r) => [r.observed, r.fitted, r.counterfactual, r.low, r.high]).filter((v): v is number => v !== null);
  const yDomain = niceDomain(values);
  // The ticks the event chart would draw: niceDomain's span in about five round steps.
  const step = niceStep((yDomain[1] - yDomain[0]) / 5);
  const yTicks: number[] = [];
  for (let v = yDomain[0]; v <= yDomain[1] + step / 1e6; v += step) yTicks.push(Number(v.toPrecision(12)));
  return {
    rows,
    xDomain,
    xTicks: yearTicks(xDomain, width).map((t) => t.t),
    yDomain,
    yTicks,
    eventT,
    fitted: its.status === "ok",
  };
}
