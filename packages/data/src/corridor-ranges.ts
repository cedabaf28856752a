/**
 * The corridor summary (`corridor_ranges`, schema.ts) kept current by every write to observations,
 * inside the writer's own transaction, so that listing corridors never reads every observation:
 * - Inserting only widens a group: its count adds up and its first/last take the smaller/larger.
 *   An import tallies the rows it inserts as it writes them (RangeTally) and merges the tally in with
 *   one upsert per group — an `INSERT … SELECT … GROUP BY` over the import's own rows measured 1.4 s
 *   for 1M rows, half the import again.
 * - Deleting may shrink a group: the (origin, destination, indicator) groups a delete touches are
 *   noted before it (touchImport) and recomputed from their observations after it (recomputeTouched),
 *   an indexed read of those groups alone; a group left empty is gone.
 * Updates change values, never a key or a period, so they leave the summary as it is.
 * The SQL is plain enough for PostgreSQL too (ON CONFLICT … DO UPDATE, CASE instead of SQLite's
 * two-argument min/max, row-value IN); there period strings must compare bytewise (COLLATE "C").
 */
import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import type { Engine, SqlRunner, TransactionRunner } from "./runner.ts";
import type { Frequency, Period } from "./periods.ts";

const COLUMNS = "origin, destination, indicator, breakdown, frequency, observations, first_period, last_period, first_day, last_day";
const GROUP = "origin, destination, indicator, breakdown, frequency";
const AGGREGATES = "count(*), min(period), max(period), min(period_start), max(period_end)";
const TOUCHED = "temp.corridor_ranges_touched";
/** Groups a file may interleave (four indicators side by side, say) before its rows count as scattered. */
const RECENT = 16;

const smaller = (column: string) => `CASE WHEN excluded.${column} < corridor_ranges.${column} THEN excluded.${column} ELSE corridor_ranges.${column} END`;
const larger = (column: string) => `CASE WHEN excluded.${column} > corridor_ranges.${column} THEN excluded.${column} ELSE corridor_ranges.${column} END`;

/** A group already in the summary widens: counts add up, first/last take the smaller/larger. */
const WIDEN = `ON CONFLICT (${GROUP}) DO UPDATE SET
    observations = corridor_ranges.observations + excluded.observations,
    first_period = ${smaller("first_period")}, last_period = ${larger("last_period")},
    first_day = ${smaller("first_day")}, last_day = ${larger("last_day")}`;

const MERGE = `INSERT INTO corridor_ranges (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ${WIDEN}`;

/**
 * PostgreSQL's merge of newly inserted rows, set-based: `rows` names a table or CTE of them with
 * observations' columns (its import of rows into a table that holds some, postgres.ts).
 */
export const mergeRangesFrom = (rows: string): string => `INSERT INTO corridor_ranges (${COLUMNS}) SELECT ${GROUP}, ${AGGREGATES} FROM ${rows} GROUP BY ${GROUP} ${WIDEN}`;

/**
 * Merges tallied groups into corridor_ranges on PostgreSQL, in one statement (its bulk load, which
 * tallies as the rows are formatted: a GROUP BY over 1M loaded rows measured 1–2 s there, as on SQLite).
 */
export async function mergeTallyOnPostgres(tx: SqlRunner, groups: readonly Tallied[]): Promise<void> {
  if (groups.length === 0) return;
  await tx.run(
    sql`INSERT INTO corridor_ranges (${sql.raw(COLUMNS)})
        SELECT origin, destination, indicator, breakdown, frequency, count, "firstPeriod", "lastPeriod", "firstDay", "lastDay"
        FROM json_to_recordset(${JSON.stringify(groups)}::json) AS g(origin text, destination text, indicator text, breakdown text, frequency text, count integer,
             "firstPeriod" text, "lastPeriod" text, "firstDay" text, "lastDay" text) ${sql.raw(WIDEN)}`,
  );
}

/** One group of a tally: plain data (a parser worker posts them). */
export interface Tallied {
  origin: string;
  destination: string;
  indicator: string;
  breakdown: string;
  frequency: Frequency;
  count: number;
  firstPeriod: string;
  lastPeriod: string;
  firstDay: string;
  lastDay: string;
}

/** The groups of the rows an import inserts, counted as they are written; merged in by write(). */
export class RangeTally {
  private readonly groups = new Map<string, Tallied>();
  private last?: Tallied;
  /** The last RECENT groups written to, a ring. */
  private readonly recent: (Tallied | undefined)[] = new Array<Tallied | undefined>(RECENT);
  private next = 0;
  /**
   * Rows that went back to a group not among the last RECENT ones: many series interleaved (a
   * period-major file), whose rows land all over the key index. The writer reads it (writer.ts).
   */
  scattered = 0;

  add(indicator: string, origin: string, destination: string, breakdown: string, p: Period): void {
    let g = this.last;
    // Files come in runs of one series: most rows add to the group of the row before.
    if (!g || g.indicator !== indicator || g.origin !== origin || g.destination !== destination || g.breakdown !== breakdown || g.frequency !== p.frequency) {
      const key = `${indicator}\u0000${origin}\u0000${destination}\u0000${breakdown}\u0000${p.frequency}`;
      g = this.groups.get(key);
      if (!g) {
        g = { origin, destination, indicator, breakdown, frequency: p.frequency, count: 0, firstPeriod: p.period, lastPeriod: p.period, firstDay: p.start, lastDay: p.end };
        this.groups.set(key, g);
      } else if (!this.recent.includes(g)) this.scattered++;
      this.recent[this.next] = g;
      this.next = (this.next + 1) % RECENT;
      this.last = g;
    }
    g.count++;
    if (p.period < g.firstPeriod) g.firstPeriod = p.period;
    if (p.period > g.lastPeriod) g.lastPeriod = p.period;
    if (p.start < g.firstDay) g.firstDay = p.start;
    if (p.end > g.lastDay) g.lastDay = p.end;
  }

  get size(): number {
    return this.groups.size;
  }

  /** The groups tallied so far. */
  tallied(): Tallied[] {
    return [...this.groups.values()];
  }

  /** Merges the tally into corridor_ranges (inside the caller's transaction). */
  write(sqlite: Database.Database): void {
    if (this.groups.size === 0) return;
    const merge = sqlite.prepare(MERGE);
    for (const g of this.groups.values()) merge.run(g.origin, g.destination, g.indicator, g.breakdown, g.frequency, g.count, g.firstPeriod, g.lastPeriod, g.firstDay, g.lastDay);
  }
}

/** The table of groups an undo touches: a temporary table (on PostgreSQL dropped when the transaction ends). */
const touched = (engine: Engine) => (engine === "sqlite" ? TOUCHED : "pg_temp.corridor_ranges_touched");

/** The statements of recomputeTouched(), in order, for either engine. */
export function recomputeStatements(engine: Engine): readonly string[] {
  const table = touched(engine);
  return [
    // PostgreSQL plans a temporary table it has no statistics for as ≈ 650 rows, and so read every
    // observation (4–6 s at 10M) instead of the key index once per group (0.5 ms): give it the count.
    ...(engine === "postgres" ? [`ANALYZE ${table}`] : []),
    `DELETE FROM corridor_ranges WHERE (origin, destination, indicator) IN (SELECT origin, destination, indicator FROM ${table})`,
    `INSERT INTO corridor_ranges (${COLUMNS})
     SELECT ${GROUP}, ${AGGREGATES} FROM observations
     WHERE (origin, destination, indicator) IN (SELECT origin, destination, indicator FROM ${table})
     GROUP BY ${GROUP}`,
    `DELETE FROM ${table}`,
  ];
}

/** SQLite's (exported for the test that reads their query plans). */
export const RECOMPUTE = recomputeStatements("sqlite");

export function touchedTable(sqlite: Database.Database): void {
  sqlite.exec(touchedTableStatement("sqlite"));
}

function touchedTableStatement(engine: Engine): string {
  const columns = "(origin TEXT NOT NULL, destination TEXT NOT NULL, indicator TEXT NOT NULL, PRIMARY KEY (origin, destination, indicator))";
  return engine === "sqlite" ? `CREATE TABLE IF NOT EXISTS ${TOUCHED} ${columns}` : `CREATE TEMP TABLE IF NOT EXISTS corridor_ranges_touched ${columns} ON COMMIT DROP`;
}

/** Notes the groups of an import's rows, before they are deleted (undo; inside the caller's transaction). */
export async function touchImport(tx: SqlRunner, importId: number): Promise<void> {
  await tx.run(sql.raw(touchedTableStatement(tx.engine)));
  await tx.run(
    sql`INSERT INTO ${sql.raw(touched(tx.engine))} (origin, destination, indicator) SELECT DISTINCT origin, destination, indicator FROM observations WHERE import_id = ${importId} ON CONFLICT DO NOTHING`,
  );
}

/**
 * Recomputes the groups noted since the last call from their observations, and forgets them. The
 * row-value IN makes SQLite search observations' key index once per group (a join on the temp
 * table, which has no statistics, was planned as a scan of every observation).
 */
export async function recomputeTouched(tx: SqlRunner): Promise<void> {
  await tx.run(sql.raw(touchedTableStatement(tx.engine)));
  for (const statement of recomputeStatements(tx.engine)) await tx.run(sql.raw(statement));
}

/**
 * The whole summary again from every observation (a full scan): for data written around the
 * writers, e.g. a benchmark's generated table. Migration 0007 ran the same statement once.
 */
export function rebuildCorridorRanges(sqlite: Database.Database): void {
  sqlite.transaction(() => {
    for (const statement of REBUILD) sqlite.prepare(statement).run();
  })();
}

const REBUILD = ["DELETE FROM corridor_ranges", `INSERT INTO corridor_ranges (${COLUMNS}) SELECT ${GROUP}, ${AGGREGATES} FROM observations GROUP BY ${GROUP}`];

/** rebuildCorridorRanges() on either engine, through the portable runner. */
export async function rebuildCorridorRangesOn(db: TransactionRunner): Promise<void> {
  await db.transaction(async (tx) => {
    for (const statement of REBUILD) await tx.run(sql.raw(statement));
  }, "rebuilding the corridor summary");
}
