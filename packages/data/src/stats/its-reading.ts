/**
 * An ITS estimate said in plain words, for the CLI and the event page: what changed at the event
 * and how sure the model is — or that it cannot be told apart from the trend. Never more precise
 * than the interval allows: numbers through the one formatting module (format.ts, "card": three
 * significant figures with the unit's words), as every other figure of the dashboard.
 */
import type { Estimate } from "./its.ts";
import type { Frequency } from "../periods.ts";
import type { IndicatorKind } from "../schema.ts";
import { formatRange } from "../format.ts";

const PER: Record<Exclude<Frequency, "D">, string> = { A: "a year", H: "a half-year", Q: "a quarter", M: "a month" };

/** "400–525 patents a month": a flow counted per period, a stock or a rate not. */
const range = (low: number, high: number, unit: string, frequency: Exclude<Frequency, "D">, kind: IndicatorKind) =>
  `${formatRange(low, high, unit)}${kind === "flow" ? ` ${PER[frequency]}` : ""}`;

/**
 * "a drop of 400–525 patents a month at the event (95 % interval)", or why it cannot be told. A flow
 * is counted per period ("a month"); a stock or a rate is a level, so it is not.
 */
export function levelReading(level: Estimate, unit: string, frequency: Exclude<Frequency, "D">, kind: IndicatorKind = "flow"): string {
  if (level.low <= 0 && level.high >= 0)
    return `cannot be told apart from the trend: the 95 % interval of the change at the event, ${range(level.low, level.high, unit, frequency, kind)}, includes no change`;
  const drop = level.high < 0;
  const [a, b] = drop ? [-level.high, -level.low] : [level.low, level.high];
  return `a ${drop ? "drop" : "rise"} of ${range(a, b, unit, frequency, kind)} at the event (95 % interval)`;
}

const NOUN: Record<Exclude<Frequency, "D">, string> = { A: "year", H: "half-year", Q: "quarter", M: "month" };

/** The slope's change after the event, in the same words. */
export function slopeReading(slope: Estimate, unit: string, frequency: Exclude<Frequency, "D">, kind: IndicatorKind = "flow"): string {
  if (slope.low <= 0 && slope.high >= 0)
    return `no change in the trend that can be told apart from noise (${range(slope.low, slope.high, unit, frequency, kind)} with every ${NOUN[frequency]})`;
  const down = slope.high < 0;
  const [a, b] = down ? [-slope.high, -slope.low] : [slope.low, slope.high];
  return `the trend then ${down ? "falls" : "rises"} by a further ${range(a, b, unit, frequency, kind)} with every ${NOUN[frequency]} (95 % interval)`;
}

/** What the other events in the window mean for the estimate; null when there are none. */
export function confounderReading(count: number): string | null {
  if (count === 0) return null;
  return `${count} other event${count === 1 ? "" : "s"} of this corridor fall${count === 1 ? "s" : ""} in the window: what changed cannot be credited to this event alone`;
}
