/** corridors(): every origin→destination pair with data, its indicators and their period ranges. */
import { sql } from "drizzle-orm";
import type { CorridorDb } from "../db.ts";
import type { Frequency } from "../periods.ts";
import { countries, indicators, observations } from "../schema.ts";
import { dataVersion } from "../publish.ts";

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

/** One row per corridor, indicator and frequency: what corridors() builds on. */
interface CorridorRange {
  origin: string;
  destination: string;
  indicator: string;
  frequency: Frequency;
  count: number;
  first: string;
  last: string;
  firstDay: string;
  lastDay: string;
}

/**
 * The ranges read every observation (seconds at 10M rows), yet change only when an import or an undo
 * commits — which moves the data version. So every page asks for them, but each connection computes
 * them once per version: one indexed read of data_state instead of a scan.
 */
const rangesByVersion = new WeakMap<CorridorDb, { version: number; rows: readonly CorridorRange[] }>();

async function corridorRanges(db: CorridorDb): Promise<readonly CorridorRange[]> {
  const { version } = await dataVersion(db);
  const cached = rangesByVersion.get(db);
  if (cached?.version === version) return cached.rows;
  const rows: CorridorRange[] = await db.orm
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
  rangesByVersion.set(db, { version, rows });
  return rows;
}

export async function corridors(db: CorridorDb): Promise<Corridor[]> {
  const rows = await corridorRanges(db);
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
