/** corridors(): every origin→destination pair with data, its indicators and their period ranges. */
import { sql } from "drizzle-orm";
import type { CorridorDb } from "../db.ts";
import type { Frequency } from "../periods.ts";
import { countries, indicators, observations } from "../schema.ts";

export interface CorridorIndicator {
  code: string;
  name: string;
  unit: string;
  observations: number;
  /** First and last period per frequency present. */
  ranges: { frequency: Frequency; first: string; last: string; count: number }[];
  firstDay: string;
  lastDay: string;
}

export interface Corridor {
  origin: string;
  destination: string;
  originName: string;
  destinationName: string;
  indicators: CorridorIndicator[];
}

export async function corridors(db: CorridorDb): Promise<Corridor[]> {
  const rows = await db.orm
    .select({
      origin: observations.origin,
      destination: observations.destination,
      indicator: observations.indicator,
      frequency: observations.frequency,
      count: sql<number>`count(*)`,
      first: sql<string>`min(${observations.period})`,
      last: sql<string>`max(${observations.period})`,
      firstDay: sql<string>`min(${observations.periodStart})`,
      lastDay: sql<string>`max(${observations.periodEnd})`,
    })
    .from(observations)
    .groupBy(observations.origin, observations.destination, observations.indicator, observations.frequency);
  const names = new Map((await db.orm.select({ code: countries.code, name: countries.nameEn }).from(countries)).map((c) => [c.code, c.name]));
  const catalog = new Map((await db.orm.select().from(indicators)).map((i) => [i.code, i]));

  const byCorridor = new Map<string, Corridor>();
  for (const r of rows) {
    const key = `${r.origin}>${r.destination}`;
    let corridor = byCorridor.get(key);
    if (!corridor) {
      corridor = {
        origin: r.origin, destination: r.destination,
        originName: names.get(r.origin) ?? r.origin, destinationName: names.get(r.destination) ?? r.destination,
        indicators: [],
      };
      byCorridor.set(key, corridor);
    }
    let entry = corridor.indicators.find((i) => i.code === r.indicator);
    if (!entry) {
      const meta = catalog.get(r.indicator)!;
      entry = { code: r.indicator, name: meta.name, unit: meta.unit, observations: 0, ranges: [], firstDay: r.firstDay, lastDay: r.lastDay };
      corridor.indicators.push(entry);
    }
    entry.observations += r.count;
    entry.ranges.push({ frequency: r.frequency, first: r.first, last: r.last, count: r.count });
    if (r.firstDay < entry.firstDay) entry.firstDay = r.firstDay;
    if (r.lastDay > entry.lastDay) entry.lastDay = r.lastDay;
  }
  return [...byCorridor.values()].sort(
    (a, b) => a.origin.localeCompare(b.origin) || a.destination.localeCompare(b.destination),
  );
}
