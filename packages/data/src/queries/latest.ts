/** latest(): per indicator on a corridor, the newest value with its change on the previous period and a year earlier. */
import { sql } from "drizzle-orm";
import { periodFromCanonical, shiftPeriod, yearEarlier, type Frequency } from "../periods.ts";
import type { SqlRunner } from "../runner.ts";
import { resolveCountry } from "./resolve.ts";
import { series, type Series, type SeriesPoint } from "./series.ts";

export interface Comparison {
  period: string;
  value: number;
  change: number;
  /** null when the earlier value is zero. */
  changePct: number | null;
  flag?: string;
  bound?: SeriesPoint["bound"];
  source?: string;
  /**
   * A change is only read between values of the same source and release, neither flagged nor a
   * bound; otherwise it says why not (the web shows "not comparable" with both sources named).
   */
  comparable: boolean;
  whyNot?: "source" | "flag" | "bound";
}

export interface LatestValue {
  indicator: { code: string; name: string; unit: string };
  frequency: Frequency;
  period: string;
  value: number;
  flag?: string;
  /** "> 3 million": the publication gives only a lower (or upper) bound. */
  bound?: SeriesPoint["bound"];
  source?: string;
  /** The immediately preceding period, only when it is published. */
  previous: Comparison | null;
  /** The same period a year earlier (for annual data, the same as previous). */
  yearAgo: Comparison | null;
}

function compare(current: SeriesPoint, earlier: SeriesPoint | undefined): Comparison | null {
  if (!earlier) return null;
  const change = current.value - earlier.value;
  // The source text carries the release (World Bank "Last Updated Date", the report's address): equal text, same release.
  // A bound has no exact difference: "more than 3 million" against 2.5 million is no change figure.
  const whyNot = current.source !== earlier.source ? "source" : current.flag || earlier.flag ? "flag" : current.bound || earlier.bound ? "bound" : undefined;
  const out: Comparison = { period: earlier.period, value: earlier.value, change, changePct: earlier.value === 0 ? null : (change / earlier.value) * 100, comparable: !whyNot };
  if (whyNot) out.whyNot = whyNot;
  if (earlier.flag) out.flag = earlier.flag;
  if (earlier.bound) out.bound = earlier.bound;
  if (earlier.source) out.source = earlier.source;
  return out;
}

/** The newest point of a series with its comparisons; null for an empty series. Pure. */
export function latestOf(s: Series): LatestValue | null {
  const last = s.points[s.points.length - 1];
  if (!last || !s.frequency) return null;
  const byPeriod = new Map(s.points.map((p) => [p.period, p]));
  const current = periodFromCanonical(last.period);
  const entry: LatestValue = {
    indicator: { code: s.indicator.code, name: s.indicator.name, unit: s.indicator.unit },
    frequency: s.frequency,
    period: last.period,
    value: last.value,
    previous: compare(last, byPeriod.get(shiftPeriod(current, -1).period)),
    yearAgo: compare(last, byPeriod.get(yearEarlier(current).period)),
  };
  if (last.flag) entry.flag = last.flag;
  if (last.bound) entry.bound = last.bound;
  if (last.source) entry.source = last.source;
  return entry;
}

/** The indicators with data on a corridor (total breakdown), in catalog (code) order. */
export async function corridorIndicators(db: SqlRunner, corridor: { origin: string; destination?: string }): Promise<{ origin: string; destination: string; codes: string[] }> {
  const origin = resolveCountry(corridor.origin);
  const destination = resolveCountry(corridor.destination ?? "WLD");
  // The corridor summary, not the observations: a few rows whatever the corridor holds.
  const rows = await db.all<{ code: string }>(
    sql`SELECT DISTINCT indicator AS "code" FROM corridor_ranges WHERE origin = ${origin} AND destination = ${destination} AND breakdown = 'total'`,
  );
  // "Catalog order" was always code order: SQLite answered the unordered SELECT from the primary
  // key's covering index. PostgreSQL answers in heap order, so it is said outright (dialect.ts).
  const order = (await db.all<{ code: string }>(sql`SELECT code FROM indicators ORDER BY code`)).map((i) => i.code);
  const codes = rows.map((r) => r.code).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return { origin, destination, codes };
}

export async function latest(db: SqlRunner, corridor: { origin: string; destination?: string }): Promise<LatestValue[]> {
  const { origin, destination, codes } = await corridorIndicators(db, corridor);
  const out: LatestValue[] = [];
  for (const code of codes) {
    const entry = latestOf(await series(db, { indicator: code, origin, destination }));
    if (entry) out.push(entry);
  }
  return out;
}
