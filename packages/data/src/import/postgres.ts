/**
 * The import's write on PostgreSQL: the same outcomes as SQLite's writer.ts (the same rows in
 * observations, revisions, imports and corridor_ranges), reached set-based rather than row by row.
 *
 * Every parsed row streams into a temporary staging table with its file line — through
 * `COPY … FROM STDIN` on the transaction's own pooled connection (runner.ts copyFrom), or on PGlite,
 * which has no COPY from a client stream, in JSON batches (json_populate_recordset, as copy.ts
 * writes) — and then a handful of statements, in the one transaction, do the work:
 * - revisions for rows whose key is stored with another value/flag/bound/source, in file order;
 * - the UPDATE of those rows;
 * - the INSERT of the new keys in file order (ON CONFLICT DO NOTHING skips stored keys and a key's
 *   later lines), whose RETURNING rows feed the corridor summary's merge in the same statement;
 * - the import row's counts (the data version follows by trigger).
 * A key twice in the file is the one thing counted rather than searched for: new rows + rows with a
 * stored key fall short of the staged rows, or a stored key is matched twice. Only then (or for a
 * dry run, a diff, or a file with bad cells) does a window over the staging table name each
 * repeated line and the line that had its key first, as SQLite's writer reports them.
 * The import locks observations against other writers (SHARE ROW EXCLUSIVE: readers go on, at the
 * last committed state) so that the counts are those of a database nobody else changes meanwhile, as
 * SQLite's one writer has it; a dry run reads one REPEATABLE READ snapshot and locks nothing.
 */
import { sql } from "drizzle-orm";
import type { SqlRunner } from "../runner.ts";
import { DatabaseError } from "../db.ts";
import type { Bound } from "../schema.ts";
import type { Frequency } from "../periods.ts";
import type { NormalisedObservation } from "./normalise.ts";
import type { ImportDiffCollector } from "./diff.ts";

const STAGE = "pg_temp.corridor_import_stage";
const STAGE_COLUMNS = ["line", "indicator", "origin", "destination", "period", "frequency", "period_start", "period_end", "value", "breakdown", "flag", "bound", "source"] as const;
const CREATE_STAGE = `CREATE TEMP TABLE corridor_import_stage (
  line integer NOT NULL, indicator text COLLATE "C" NOT NULL, origin text COLLATE "C" NOT NULL, destination text COLLATE "C" NOT NULL,
  period text COLLATE "C" NOT NULL, frequency text COLLATE "C" NOT NULL, period_start text COLLATE "C" NOT NULL, period_end text COLLATE "C" NOT NULL,
  value double precision NOT NULL, breakdown text COLLATE "C" NOT NULL, flag text COLLATE "C", bound text COLLATE "C", source text COLLATE "C"
) ON COMMIT DROP`;
const KEY = sql.raw("o.origin = s.origin AND o.destination = s.destination AND o.indicator = s.indicator AND o.period = s.period AND o.breakdown = s.breakdown");
/** writer.ts sameAsStored(), in SQL. */
const SAME = sql.raw("o.value = s.value AND o.flag IS NOT DISTINCT FROM s.flag AND o.bound IS NOT DISTINCT FROM s.bound AND o.source IS NOT DISTINCT FROM s.source");
const OBSERVATION_COLUMNS = "indicator, origin, destination, period, frequency, period_start, period_end, value, breakdown, flag, bound, source";
const RANGE_GROUP = "origin, destination, indicator, breakdown, frequency";
const smaller = (c: string) => `CASE WHEN excluded.${c} < corridor_ranges.${c} THEN excluded.${c} ELSE corridor_ranges.${c} END`;
const larger = (c: string) => `CASE WHEN excluded.${c} > corridor_ranges.${c} THEN excluded.${c} ELSE corridor_ranges.${c} END`;
/** COPY's text format sends this many characters at a time. */
const CHUNK_CHARS = 1 << 16;
/** Rows per JSON statement on PGlite. */
const JSON_BATCH_ROWS = 5_000;

/** A repeated key: the later line, the first line that had it, and the observation (for the message). */
export interface StagedRepeat {
  line: number;
  firstLine: number;
  observation: NormalisedObservation;
}

export interface PostgresWriteResult {
  inserted: number;
  updated: number;
  unchanged: number;
  repeats: StagedRepeat[];
}

/** COPY text format: backslash, tab, newline and carriage return escaped; \N is NULL. */
function copyText(value: string | null): string {
  if (value === null) return "\\N";
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r")) : value;
}

/** Staged rows as text chunks for COPY, fed by the (synchronous) read loop, read by the COPY stream. */
class CopyChunks implements AsyncIterable<string> {
  private buffer = "";
  private readonly chunks: string[] = [];
  private next = 0;
  private ended = false;
  private failure?: unknown;
  private wake?: () => void;

  push(line: number, o: NormalisedObservation): void {
    const p = o.period;
    this.buffer += `${line}\t${copyText(o.indicator)}\t${copyText(o.origin)}\t${copyText(o.destination)}\t${copyText(p.period)}\t${p.frequency}\t${p.start}\t${p.end}\t${o.value}\t${copyText(o.breakdown)}\t${copyText(o.flag)}\t${o.bound ?? "\\N"}\t${copyText(o.source)}\n`;
    if (this.buffer.length >= CHUNK_CHARS) this.flush();
  }

  private flush(): void {
    if (this.buffer) this.chunks.push(this.buffer);
    this.buffer = "";
    this.wake?.();
  }

  end(): void {
    this.flush();
    this.ended = true;
    this.wake?.();
  }

  fail(error: unknown): void {
    this.failure = error;
    this.end();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      if (this.next < this.chunks.length) {
        const chunk = this.chunks[this.next]!;
        this.chunks[this.next++] = "";
        if (this.next > 1024) {
          this.chunks.splice(0, this.next);
          this.next = 0;
        }
        yield chunk;
      } else if (this.ended) return;
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

/** Where the read loop's rows go: the staging table, by COPY or by JSON batches. */
export interface Stager {
  add(o: NormalisedObservation, line: number): void;
  /** After the last row: waits until every row is staged. */
  done(): Promise<void>;
  /** The read failed: stop staging (the transaction rolls back). */
  abort(error: unknown): Promise<void>;
}

/** Creates the staging table (dropped at the transaction's end) and returns where to send rows. */
export async function startStaging(tx: SqlRunner): Promise<Stager> {
  await tx.run(sql.raw(CREATE_STAGE));
  if (tx.copyFrom) {
    const chunks = new CopyChunks();
    const copying = tx.copyFrom(`COPY ${STAGE} (${STAGE_COLUMNS.join(", ")}) FROM STDIN`, chunks);
    copying.catch(() => {}); // awaited in done() or abort()
    return {
      add: (o, line) => chunks.push(line, o),
      done: async () => {
        chunks.end();
        await copying;
      },
      abort: async (error) => {
        chunks.fail(error);
        await copying.catch(() => {});
      },
    };
  }
  let batch: Record<string, unknown>[] = [];
  let writing: Promise<unknown> = Promise.resolve();
  const send = () => {
    if (batch.length === 0) return;
    const json = JSON.stringify(batch);
    batch = [];
    writing = writing.then(() => tx.run(sql`INSERT INTO ${sql.raw(STAGE)} SELECT * FROM json_populate_recordset(NULL::${sql.raw(STAGE)}, ${json}::json)`));
    writing.catch(() => {});
  };
  return {
    add: (o, line) => {
      const p = o.period;
      batch.push({
        line,
        indicator: o.indicator,
        origin: o.origin,
        destination: o.destination,
        period: p.period,
        frequency: p.frequency,
        period_start: p.start,
        period_end: p.end,
        value: o.value,
        breakdown: o.breakdown,
        flag: o.flag,
        bound: o.bound,
        source: o.source,
      });
      if (batch.length >= JSON_BATCH_ROWS) send();
    },
    done: async () => {
      send();
      await writing;
    },
    abort: async () => {
      batch = [];
      await writing.catch(() => {});
    },
  };
}

interface StagedRow {
  line: number;
  indicator: string;
  origin: string;
  destination: string;
  period: string;
  frequency: Frequency;
  period_start: string;
  period_end: string;
  value: number;
  breakdown: string;
  flag: string | null;
  bound: Bound | null;
  source: string | null;
}

const observationOf = (r: StagedRow): NormalisedObservation => ({
  indicator: r.indicator,
  origin: r.origin,
  destination: r.destination,
  period: { period: r.period, frequency: r.frequency, start: r.period_start, end: r.period_end },
  value: Number(r.value),
  breakdown: r.breakdown,
  flag: r.flag,
  bound: r.bound,
  source: r.source,
});

/** Every staged line whose key an earlier line had, with that first line, in line order. */
async function repeatsInStage(tx: SqlRunner): Promise<StagedRepeat[]> {
  const rows = await tx.all<StagedRow & { first_line: number }>(
    sql`SELECT * FROM (SELECT *, min(line) OVER (PARTITION BY origin, destination, indicator, period, breakdown) AS first_line FROM ${sql.raw(STAGE)}) AS d
        WHERE line <> first_line ORDER BY line`,
  );
  return rows.map((r) => ({ line: r.line, firstLine: r.first_line, observation: observationOf(r) }));
}

/** Each staged row beside the stored row of its key (before this import writes), in line order: the diff's input. */
export async function feedDiff(tx: SqlRunner, diff: ImportDiffCollector): Promise<void> {
  const rows = await tx.all<StagedRow & { stored: number; o_value: number | null; o_flag: string | null; o_bound: Bound | null; o_source: string | null }>(
    sql`SELECT s.*, (o.id IS NOT NULL)::integer AS stored, o.value AS o_value, o.flag AS o_flag, o.bound AS o_bound, o.source AS o_source
        FROM ${sql.raw(STAGE)} AS s LEFT JOIN observations AS o ON ${KEY} ORDER BY s.line`,
  );
  for (const r of rows) diff.observeStored(observationOf(r), r.line, r.stored ? { value: Number(r.o_value), flag: r.o_flag, bound: r.o_bound, source: r.o_source } : undefined);
}

/**
 * What the staged rows would do, written nowhere: repeated lines, and for each key's first line
 * inserted, updated or unchanged against the stored rows. For a dry run, and for a file with
 * errors (which is rolled back, but reports every repeat as SQLite's writer does).
 */
export async function classifyStaged(tx: SqlRunner): Promise<PostgresWriteResult> {
  const repeats = await repeatsInStage(tx);
  const counts = await tx.get<{ inserted: number; updated: number; unchanged: number }>(
    sql`SELECT count(*) FILTER (WHERE o.id IS NULL) AS inserted, count(*) FILTER (WHERE o.id IS NOT NULL AND NOT (${SAME})) AS updated,
               count(*) FILTER (WHERE o.id IS NOT NULL AND ${SAME}) AS unchanged
        FROM ${sql.raw(STAGE)} AS s LEFT JOIN observations AS o ON ${KEY}
        WHERE NOT EXISTS (SELECT 1 FROM ${sql.raw(STAGE)} AS e WHERE e.origin = s.origin AND e.destination = s.destination AND e.indicator = s.indicator AND e.period = s.period AND e.breakdown = s.breakdown AND e.line < s.line)`,
  );
  return { inserted: counts?.inserted ?? 0, updated: counts?.updated ?? 0, unchanged: counts?.unchanged ?? 0, repeats };
}

/**
 * Writes the staged rows as import `importId`: revisions and updates for changed stored rows, inserts
 * for new keys (and the corridor summary). A repeated key leaves `repeats` non-empty: the caller
 * rolls back.
 */
export async function writeStaged(tx: SqlRunner, importId: number, replacedAt: string): Promise<PostgresWriteResult> {
  await tx.run(sql.raw(`ANALYZE ${STAGE}`));
  const staged = (await tx.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${sql.raw(STAGE)}`))?.n ?? 0;
  const anyStored = !!(await tx.get(sql`SELECT 1 AS x FROM observations LIMIT 1`));
  if (!anyStored) return intoEmpty(tx, importId);
  let matched = 0;
  let unchanged = 0;
  let updated = 0;
  const m = (await tx.get<{ matched: number; distinct: number; unchanged: number }>(
    sql`SELECT count(*) AS matched, count(DISTINCT o.id) AS "distinct", count(*) FILTER (WHERE ${SAME}) AS unchanged
          FROM ${sql.raw(STAGE)} AS s JOIN observations AS o ON ${KEY}`,
  ))!;
  // A stored key on two lines: name them, write nothing.
  if (m.matched > m.distinct) return { inserted: 0, updated: 0, unchanged: 0, repeats: await repeatsInStage(tx) };
  matched = m.matched;
  unchanged = m.unchanged;
  if (matched > unchanged) {
    updated = (
      await tx.run(
        sql`INSERT INTO revisions (indicator, origin, destination, period, breakdown, old_value, old_flag, old_bound, old_source, old_import_id, new_value, new_flag, new_bound, new_import_id, replaced_at)
              SELECT s.indicator, s.origin, s.destination, s.period, s.breakdown, o.value, o.flag, o.bound, o.source, o.import_id, s.value, s.flag, s.bound, ${importId}::integer, ${replacedAt}::text
              FROM ${sql.raw(STAGE)} AS s JOIN observations AS o ON ${KEY} WHERE NOT (${SAME}) ORDER BY s.line`,
      )
    ).changes;
    await tx.run(
      sql`UPDATE observations AS o SET value = s.value, flag = s.flag, bound = s.bound, source = s.source, import_id = ${importId}::integer
            FROM ${sql.raw(STAGE)} AS s WHERE ${KEY} AND NOT (${SAME})`,
    );
  }
  const inserted = await insertNew(tx, importId, anyStored);
  // Every staged line is a new key (inserted once) or a stored one (matched): a shortfall is a key's later line.
  const repeats = inserted + matched < staged ? await repeatsInStage(tx) : [];
  return { inserted, updated, unchanged, repeats };
}

/**
 * INSERTs the staged rows whose key is not stored, in file order, and merges them into the corridor
 * summary (from the INSERT's RETURNING, in the same statement); returns how many went in.
 * Stored keys are left out before the INSERT, not by its ON CONFLICT: PostgreSQL draws an id for
 * every row an INSERT proposes, and the ids must follow on as SQLite's do. Into an empty table no
 * sort is needed for file order: a temporary table is read from its first block in the order COPY
 * wrote it (synchronised scans, which may start mid-table, are for shared tables only), and never
 * in parallel; engines-equal.test.ts checks the ids. `keyIndex`: the key index is there to skip a
 * key's later lines (ON CONFLICT); without it (intoEmpty) they go in and the index build finds them.
 */
async function insertNew(tx: SqlRunner, importId: number, anyStored: boolean, keyIndex = true): Promise<number> {
  const row = await tx.get<{ inserted: number }>(
    sql`WITH ins AS (
          INSERT INTO observations (${sql.raw(OBSERVATION_COLUMNS)}, import_id)
          SELECT ${sql.raw(OBSERVATION_COLUMNS)}, ${importId}::integer FROM ${sql.raw(STAGE)} AS s
          ${anyStored ? sql`WHERE NOT EXISTS (SELECT 1 FROM observations AS o WHERE ${KEY}) ORDER BY line` : sql``}
          ${keyIndex ? sql`ON CONFLICT (origin, destination, indicator, period, breakdown) DO NOTHING` : sql``}
          RETURNING ${sql.raw(RANGE_GROUP)}, period, period_start, period_end
        ), merged AS (
          INSERT INTO corridor_ranges (${sql.raw(RANGE_GROUP)}, observations, first_period, last_period, first_day, last_day)
          SELECT ${sql.raw(RANGE_GROUP)}, count(*), min(period), max(period), min(period_start), max(period_end) FROM ins GROUP BY ${sql.raw(RANGE_GROUP)}
          ON CONFLICT (${sql.raw(RANGE_GROUP)}) DO UPDATE SET
            observations = corridor_ranges.observations + excluded.observations,
            first_period = ${sql.raw(smaller("first_period"))}, last_period = ${sql.raw(larger("last_period"))},
            first_day = ${sql.raw(smaller("first_day"))}, last_day = ${sql.raw(larger("last_day"))}
          RETURNING 1
        )
        SELECT count(*) AS inserted FROM ins`,
  );
  return row?.inserted ?? 0;
}

/**
 * The first import into an empty observations table, as a restore loads a table: its foreign keys
 * and indexes are dropped, the rows go in, the indexes are built by one sort each and the foreign
 * keys checked by one join each (pg_get_constraintdef/pg_indexes give back exactly what was there).
 * Row by row, the four foreign-key look-ups and the two indexes were about 95 % of the write
 * (docs/benchmarks.md). All inside the import's transaction: a failure, or a repeated key (the unique
 * index will not build; rolled back to the savepoint and then named line by line), leaves the table
 * as it was. The cost: DROP INDEX locks the table ACCESS EXCLUSIVE until the commit, so readers of
 * observations wait for the first import instead of reading the empty table — they still never see
 * half of it (write-isolation-instances.test.ts) — and so, from then on, does a data-version bump
 * on another instance (an event saved).
 */
async function intoEmpty(tx: SqlRunner, importId: number): Promise<PostgresWriteResult> {
  const indexes = await tx.all<{ name: string; def: string }>(
    sql`SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'observations' AND indexname <> 'observations_pkey' ORDER BY indexname`,
  );
  const keys = await tx.all<{ name: string; def: string }>(
    sql`SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'observations'::regclass AND contype = 'f' ORDER BY conname`,
  );
  // ALTER TABLE refuses while the import's imports row has its data-version bump pending (deferred
  // to COMMIT, drizzle-pg 0003): run it now. Its row lock on data_state then lasts to the COMMIT — in
  // this phase only, while readers of observations wait for the rebuilt indexes anyway.
  await tx.run(sql`SET CONSTRAINTS ALL IMMEDIATE`);
  await tx.run(sql`SAVEPOINT corridor_bulk`);
  try {
    for (const k of keys) await tx.run(sql`ALTER TABLE observations DROP CONSTRAINT ${sql.identifier(k.name)}`);
    for (const i of indexes) await tx.run(sql`DROP INDEX ${sql.identifier(i.name)}`);
    const inserted = await insertNew(tx, importId, false, false);
    for (const i of indexes) await tx.run(sql.raw(i.def));
    for (const k of keys) await tx.run(sql`ALTER TABLE observations ADD CONSTRAINT ${sql.identifier(k.name)} ${sql.raw(k.def)}`);
    await tx.run(sql`RELEASE SAVEPOINT corridor_bulk`);
    return { inserted, updated: 0, unchanged: 0, repeats: [] };
  } catch (error) {
    if (!(error instanceof DatabaseError && error.sqliteCode === "23505")) throw error;
    await tx.run(sql`ROLLBACK TO SAVEPOINT corridor_bulk`);
    return { inserted: 0, updated: 0, unchanged: 0, repeats: await repeatsInStage(tx) };
  }
}
