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
  /** Corridors from or to any of these countries (an event's page: the corridors its countries may concern). */
  touching?: readonly string[];
}

function where(filter: CorridorFilter): SQL {
  const terms: SQL[] = [];
  if (filter.origin !== undefined) terms.push(sql`origin = ${filter.origin}`);
  if (filter.destinations !== undefined) terms.push(sql`destination IN ${list(filter.destinations)}`);
  if (filter.indicator !== undefined) terms.push(sql`indicator = ${filter.indicator}`);
  if (filter.touching !== undefined) terms.push(sql`(origin IN ${list(filter.touching)} OR destination IN ${list(filter.touching)})`);
  return terms.length ? sql`WHERE ${sql.join(terms, sql` AND `)}` : sql``;
}

/** A summary row as corridorsJson reads it: one text per row, its fields joined by SEP (codes, periods and days never hold it). */
const SEP = "|";
const ROW = sql.raw(
  ["origin", "destination", "indicator", "frequency", "observations", "first_period", "last_period", "first_day", "last_day"].join(` || '${SEP}' || `),
);

/**
 * Each corridor's JSON, kept by this process and keyed by the summary rows it was made from (and the
 * names and catalog it was named by, `naming`): a data change rebuilds only the corridors whose
 * summary rows it changed. A pure function of its key, so it cannot go stale; bounded by size.
 */
const kept = { naming: "", bytes: 0, fragments: new Map<string, string>() };
const KEPT_MAX_BYTES = 32 * 1024 * 1024;

/**
 * The corridors as JSON text, read from the corridor summary that every write keeps current
 * (corridor-ranges.ts) — one row per corridor, indicator, breakdown and frequency, about 10,000 at
 * 10M observations — never the observations. A corridor's ranges count every breakdown; indicators
 * in code order, corridors by origin then destination. At 10M, making objects of every summary row
 * and merging them cost 60–90 ms on every data change; reading the rows as text and rebuilding only
 * the corridors that changed costs a fraction of that (docs/benchmarks.md).
 */
export async function corridorsJson(db: SqlRunner, filter: CorridorFilter = {}): Promise<string> {
  const rows = await db.all<{ r: string }>(sql`SELECT ${ROW} AS r FROM corridor_ranges ${where(filter)}`);
  const countryRows = await db.all<{ code: string; name: string }>(sql`SELECT code, name_en AS "name" FROM countries`);
  const catalogRows = await rowsOf(db, indicators);
  const naming = JSON.stringify([countryRows, catalogRows.map((i) => [i.code, i.name, i.unit])]);
  if (naming !== kept.naming) Object.assign(kept, { naming, bytes: 0, fragments: new Map() });

  const byCorridor = new Map<string, { origin: string; destination: string; lines: string[] }>();
  for (const { r } of rows) {
    const [origin, destination] = r.split(SEP, 2) as [string, string];
    const key = `${origin}${SEP}${destination}`;
    let corridor = byCorridor.get(key);
    if (!corridor) byCorridor.set(key, (corridor = { origin, destination, lines: [] }));
    corridor.lines.push(r);
  }
  let names: Map<string, string> | undefined;
  let catalog: Map<string, (typeof catalogRows)[number]> | undefined;
  const parts: string[] = [];
  for (const { origin, destination, lines } of [...byCorridor.values()].sort((a, b) => byText(a.origin, b.origin) || byText(a.destination, b.destination))) {
    const key = lines.sort(byText).join("\n");
    let fragment = kept.fragments.get(key);
    if (fragment === undefined) {
      names ??= new Map(countryRows.map((c) => [c.code, c.name]));
      catalog ??= new Map(catalogRows.map((i) => [i.code, i]));
      fragment = JSON.stringify(merged(origin, destination, lines, names, catalog));
      if (kept.bytes > KEPT_MAX_BYTES) Object.assign(kept, { bytes: 0, fragments: new Map() });
      kept.fragments.set(key, fragment);
      kept.bytes += key.length + fragment.length;
    }
    parts.push(fragment);
  }
  return `[${parts.join(",")}]`;
}

/** One corridor from its summary rows (corridorsJson's text, sorted). */
function merged(origin: string, destination: string, lines: string[], names: Map<string, string>, catalog: Map<string, { name: string; unit: string }>): Corridor {
  const corridor: Corridor = { origin, destination, originName: names.get(origin) ?? origin, destinationName: names.get(destination) ?? destination, indicators: [] };
  for (const line of lines) {
    const fields = line.split(SEP);
    if (fields.length !== 9) throw new Error(`corridor summary row has ${fields.length} fields, not 9: ${line}`);
    const [, , indicator, frequency, observations, first, last, firstDay, lastDay] = fields as [string, string, string, Frequency, string, string, string, string, string];
    const count = Number(observations);
    let entry = corridor.indicators.at(-1);
    if (entry?.code !== indicator) {
      const meta = catalog.get(indicator)!;
      entry = { code: indicator, name: meta.name, unit: meta.unit, observations: 0, ranges: [], firstDay, lastDay };
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
  // Lines sort with SEP inside them: "entries|" after "entries_x|" (each code's lines stay together).
  corridor.indicators.sort((a, b) => byText(a.code, b.code));
  for (const entry of corridor.indicators) entry.ranges.sort((a, b) => byText(a.frequency, b.frequency));
  return corridor;
}

/** The corridors (corridorsJson) as objects. */
export async function corridors(db: SqlRunner, filter: CorridorFilter = {}): Promise<Corridor[]> {
  return JSON.parse(await corridorsJson(db, filter)) as Corridor[];
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
