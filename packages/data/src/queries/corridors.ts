/**
 * corridors(): the origin→destination pairs with data (all, or those a filter names), their
 * indicators and their period ranges; corridorCountries(): the countries with data, for a picker.
 */
import { sql, type SQL } from "drizzle-orm";
import { byText, list, rowsOf } from "../dialect.ts";
import type { Frequency } from "../periods.ts";
import type { SqlRunner } from "../runner.ts";
import { indicators } from "../schema.ts";

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
 * Which corridors to read: every condition given must hold. A page reads only what it shows —
 * one corridor's pairs, or the corridors holding one indicator — through the summary's primary key
 * (origin first) or a scan of the summary, never the whole list built and then filtered in JS.
 */
export interface CorridorFilter {
  origin?: string;
  /** Any of these destinations (WLD: all partners). */
  destinations?: readonly string[];
  /** Only this indicator: each corridor then lists it alone. */
  indicator?: string;
}

function where(filter: CorridorFilter): SQL {
  const terms: SQL[] = [];
  if (filter.origin !== undefined) terms.push(sql`origin = ${filter.origin}`);
  if (filter.destinations !== undefined) terms.push(sql`destination IN ${list(filter.destinations)}`);
  if (filter.indicator !== undefined) terms.push(sql`indicator = ${filter.indicator}`);
  return terms.length ? sql`WHERE ${sql.join(terms, sql` AND `)}` : sql``;
}

/**
 * Reads the corridor summary that every write keeps current (corridor-ranges.ts) — one row per
 * corridor, indicator, breakdown and frequency, about 10,000 at 10M observations — never the
 * observations. Its rows are merged here, in one pass in table order, rather than by a GROUP BY
 * (a sort of the whole summary on every call): a corridor's ranges count every breakdown.
 */
export async function corridors(db: SqlRunner, filter: CorridorFilter = {}): Promise<Corridor[]> {
  const rows = await db.all<{ origin: string; destination: string; indicator: string; frequency: Frequency; observations: number; first: string; last: string; firstDay: string; lastDay: string }>(
    sql`SELECT origin, destination, indicator, frequency, observations, first_period AS "first", last_period AS "last", first_day AS "firstDay", last_day AS "lastDay" FROM corridor_ranges ${where(filter)}`,
  );
  const names = new Map((await db.all<{ code: string; name: string }>(sql`SELECT code, name_en AS "name" FROM countries`)).map((c) => [c.code, c.name]));
  const catalog = new Map((await rowsOf(db, indicators)).map((i) => [i.code, i]));

  const byCorridor = new Map<string, Corridor>();
  const byIndicator = new Map<string, CorridorIndicator>();
  for (const { origin, destination, indicator, frequency, observations: count, first, last, firstDay, lastDay } of rows) {
    const key = `${origin}>${destination}`;
    let corridor = byCorridor.get(key);
    if (!corridor) {
      corridor = { origin, destination, originName: names.get(origin) ?? origin, destinationName: names.get(destination) ?? destination, indicators: [] };
      byCorridor.set(key, corridor);
    }
    let entry = byIndicator.get(`${key}>${indicator}`);
    if (!entry) {
      const meta = catalog.get(indicator)!;
      entry = { code: indicator, name: meta.name, unit: meta.unit, observations: 0, ranges: [], firstDay, lastDay };
      byIndicator.set(`${key}>${indicator}`, entry);
      corridor.indicators.push(entry);
    }
    entry.observations += count;
    if (firstDay < entry.firstDay) entry.firstDay = firstDay;
    if (lastDay > entry.lastDay) entry.lastDay = lastDay;
    // Another breakdown at a frequency already seen widens that range.
    const range = entry.ranges.find((r) => r.frequency === frequency);
    if (!range) entry.ranges.push({ frequency, first, last, count });
    else {
      range.count += count;
      if (first < range.first) range.first = first;
      if (last > range.last) range.last = last;
    }
  }
  for (const corridor of byCorridor.values()) {
    corridor.indicators.sort((a, b) => byText(a.code, b.code));
    for (const entry of corridor.indicators) entry.ranges.sort((a, b) => byText(a.frequency, b.frequency));
  }
  return [...byCorridor.values()].sort((a, b) => byText(a.origin, b.origin) || byText(a.destination, b.destination));
}

/** A country with data and its stored (English) name; the code where the registry has none. */
export interface NamedCountry {
  code: string;
  name: string;
}

/**
 * The countries that are the origin, and those that are the destination, of some corridor with data
 * (WLD included: callers that list partners leave it out), in code order — what a corridor picker
 * offers, read as two DISTINCTs over the summary instead of every corridor's ranges.
 */
export async function corridorCountries(db: SqlRunner): Promise<{ origins: NamedCountry[]; destinations: NamedCountry[] }> {
  const side = async (column: "origin" | "destination") => {
    const rows = await db.all<{ code: string; name: string | null }>(
      sql`SELECT r.code, c.name_en AS "name" FROM (SELECT DISTINCT ${sql.identifier(column)} AS code FROM corridor_ranges) r LEFT JOIN countries c ON c.code = r.code`,
    );
    return rows.map((r) => ({ code: r.code, name: r.name ?? r.code })).sort((a, b) => byText(a.code, b.code));
  };
  return { origins: await side("origin"), destinations: await side("destination") };
}
