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

export interface ItsPlotGeometry {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; value: number }[];
  /** Path data ("M…L…"), one subpath per unbroken run: a missing value breaks the line. */
  observed: string;
  fitted: string;
  counterfactual: string;
  /** The 95 % band after the event, one closed polygon per run. */
  band: string;
  dots: { x: number; y: number; row: number }[];
  /** The event's start, and the end of its span (null for a one-day event), clamped to the plot. */
  event: { x: number; x2: number | null };
  /** Each row's x, for the hover read-out. */
  rowX: number[];
}

/** The plot's margins: room for value labels ("−US$ 12 bn") on the left and year labels below. */
export const ITS_MARGIN = { top: 14, right: 12, bottom: 24, left: 84 } as const;

/**
 * The panel in pixels, pure: what the server-drawn SVG (event page and exports alike) draws, so the
 * page ships no charting code. `eventEndsOn` is the span's last day (inclusive), if any.
 */
export function itsPlotGeometry(model: ItsChartModel, width: number, height: number, eventEndsOn: string | null = null): ItsPlotGeometry {
  const plot = { left: ITS_MARGIN.left, top: ITS_MARGIN.top, right: width - ITS_MARGIN.right, bottom: height - ITS_MARGIN.bottom };
  const [t0, t1] = model.xDomain;
  const [v0, v1] = model.yDomain;
  const x = (t: number) => plot.left + ((t - t0) / (t1 - t0)) * (plot.right - plot.left);
  const y = (v: number) => plot.bottom - ((v - v0) / (v1 - v0)) * (plot.bottom - plot.top);
  const round = (n: number) => Math.round(n * 10) / 10;
  const clampX = (px: number) => Math.min(plot.right, Math.max(plot.left, px));

  const runs = (value: (r: ItsChartRow) => number | null) => {
    let d = "";
    let open = false;
    for (const r of model.rows) {
      const v = value(r);
      if (v === null) {
        open = false;
        continue;
      }
      d += `${open ? "L" : "M"}${round(x(r.t))},${round(y(v))}`;
      open = true;
    }
    return d;
  };

  let band = "";
  let run: ItsChartRow[] = [];
  const closeBand = () => {
    if (run.length) {
      const upper = run.map((r, i) => `${i ? "L" : "M"}${round(x(r.t))},${round(y(r.band![1]))}`).join("");
      const lower = [...run]
        .reverse()
        .map((r) => `L${round(x(r.t))},${round(y(r.band![0]))}`)
        .join("");
      band += `${upper}${lower}Z`;
    }
    run = [];
  };
  for (const r of model.rows) {
    if (r.band) run.push(r);
    else closeBand();
  }
  closeBand();

  return {
    width,
    height,
    plot,
    xTicks: model.xTicks.filter((t) => t >= t0 && t <= t1).map((t) => ({ x: round(x(t)), label: String(new Date(t).getUTCFullYear()) })),
    yTicks: model.yTicks.map((value) => ({ y: round(y(value)), value })),
    observed: runs((r) => r.observed),
    fitted: model.fitted ? runs((r) => r.fitted) : "",
    counterfactual: model.fitted ? runs((r) => r.counterfactual) : "",
    band: model.fitted ? band : "",
    dots: model.rows.flatMap((r, row) => (r.observed === null ? [] : [{ x: round(x(r.t)), y: round(y(r.observed)), row }])),
    event: { x: round(clampX(x(model.eventT))), x2: eventEndsOn ? round(clampX(x(ms(eventEndsOn) + DAY))) : null },
    rowX: model.rows.map((r) => round(x(r.t))),
  };
}
