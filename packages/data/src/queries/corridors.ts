/** corridors(): every origin→destination pair with data, its indicators and their period ranges. */
import { sql } from "drizzle-orm";
import type { CorridorDb } from "../db.ts";
import type { Frequency } from "../periods.ts";
import { corridorRanges, countries, indicators } from "../schema.ts";

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

/**
 * The ranges come from the corridor summary that every write keeps current (corridor-ranges.ts):
 * one indexed read of a few rows per corridor and indicator, never a scan of the observations.
 * Its rows are per breakdown; a corridor's ranges here count every breakdown, as the pages list them.
 */
async function rangesByFrequency(db: CorridorDb) {
  return db.orm
    .select({
      origin: corridorRanges.origin,
      destination: corridorRanges.destination,
      indicator: corridorRanges.indicator,
      frequency: corridorRanges.frequency,
      count: sql<number>`sum(${corridorRanges.observations})`,
      first: sql<string>`min(${corridorRanges.firstPeriod})`,
      last: sql<string>`max(${corridorRanges.lastPeriod})`,
      firstDay: sql<string>`min(${corridorRanges.firstDay})`,
      lastDay: sql<string>`max(${corridorRanges.lastDay})`,
    })
    .from(corridorRanges)
    .groupBy(corridorRanges.origin, corridorRanges.destination, corridorRanges.indicator, corridorRanges.frequency);
}

export async function corridors(db: CorridorDb): Promise<Corridor[]> {
  const rows = await rangesByFrequency(db);
  const names = new Map((await db.orm.select({ code: countries.code, name: countries.nameEn }).from(countries)).map((c) => [c.code, c.name]));
  const catalog = new Map((await db.orm.select().from(indicators)).map((i) => [i.code, i]));

  const byCorridor = new Map<string, Corridor>();
  for (const r of rows) {
    const key = `${r.origin}>${r.destination}`;
    let corridor = byCorridor.get(key);
    if (!corridor) {
      corridor = {
        origin: r.origin,
        destination: r.destination,
        originName: names.get(r.origin) ?? r.origin,
        destinationName: names.get(r.destination) ?? r.destination,
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
  return [...byCorridor.values()].sort((a, b) => a.origin.localeCompare(b.origin) || a.destination.localeCompare(b.destination));
}
