/**
 * The import's write on PostgreSQL: the same outcomes as SQLite's writer.ts (the same rows in
 * observations, revisions, imports and corridor_ranges), reached set-based rather than row by row.
 * Parsed rows go to the server as COPY's text (copy-text.ts, made in the CLI's parser worker for big
 * files) through `COPY … FROM STDIN` on the transaction's own pooled connection (runner.ts
 * copyFrom), or on PGlite, which has no COPY from a client stream, in JSON batches
 * (json_populate_recordset, as copy.ts writes). Two ways, in the one transaction:
 *
 * - The first import into an empty observations table loads as a restore does (startBulkLoad): its
 *   indexes are dropped, the rows are copied straight into observations in file order (as a replica
 *   where the role may: no per-row foreign-key check), then the indexes are built by one sort each,
 *   the foreign keys checked by one anti-join each
 * and the corridor summary merged from the tally made as the rows were formatted (copy-text.ts). A key twice in the file stops the unique index's
 *   build; only then does a window over the loaded rows name each repeated line and the line that
 *   had its key first (the ids follow the file, and the lines of the rows are kept in memory).
 * - Otherwise every row streams into a temporary staging table with its file line, and a handful of
 *   statements do the work (writeStaged): revisions for rows whose key is stored with another
 *   value/flag/bound/source, in file order; the UPDATE of those rows; the INSERT of the new keys in
 *   file order, whose RETURNING rows feed the corridor summary's merge in the same statement; the
 *   import row's counts (the data version follows by trigger). A key twice in the file is counted
 *   rather than searched for: new rows + rows with a stored key fall short of the staged rows, or a
 *   stored key is matched twice. Only then (or for a dry run, or a file with bad cells) does a window
 *   over the staging table name each repeated line.
 * The import locks observations against other writers (SHARE ROW EXCLUSIVE: readers go on, at the
 * last committed state; a bulk load's DROP INDEX holds them too, until it commits) so that the
 * counts are those of a database nobody else changes meanwhile, as SQLite's one writer has it; a
 * dry run reads one REPEATABLE READ snapshot and locks nothing.
 */
import { sql, type SQL } from "drizzle-orm";
import type { SqlRunner } from "../runner.ts";
import { DatabaseError } from "../db.ts";
import type { Bound } from "../schema.ts";
import { mergeRangesFrom, mergeTallyOnPostgres, RangeTally, type Tallied } from "../corridor-ranges.ts";
import type { NormalisedObservation, ObservationColumns } from "./normalise.ts";
import type { ImportDiffCollector } from "./diff.ts";
import { CopyTextEncoder, type CopyBatch, type CopyLayout } from "./copy-text.ts";

const STAGE = "pg_temp.corridor_import_stage";
const CREATE_STAGE = `CREATE TEMP TABLE corridor_import_stage (
  line integer NOT NULL, indicator text COLLATE "C" NOT NULL, origin text COLLATE "C" NOT NULL, destination text COLLATE "C" NOT NULL,
  period text COLLATE "C" NOT NULL, frequency text COLLATE "C" NOT NULL, period_start text COLLATE "C" NOT NULL, period_end text COLLATE "C" NOT NULL,
  value double precision NOT NULL, breakdown text COLLATE "C" NOT NULL, flag text COLLATE "C", bound text COLLATE "C", source text COLLATE "C"
) ON COMMIT DROP`;
const KEY = sql.raw("o.origin = s.origin AND o.destination = s.destination AND o.indicator = s.indicator AND o.period = s.period AND o.breakdown = s.breakdown");
const KEY_COLUMNS = "origin, destination, indicator, period, breakdown";
/** writer.ts sameAsStored(), in SQL. */
const SAME = sql.raw("o.value = s.value AND o.flag IS NOT DISTINCT FROM s.flag AND o.bound IS NOT DISTINCT FROM s.bound AND o.source IS NOT DISTINCT FROM s.source");
/** In copy-text.ts's order. */
const OBSERVATION_COLUMNS = "indicator, origin, destination, period, frequency, period_start, period_end, value, breakdown, flag, bound, source";
/** Rows per JSON statement on PGlite. */
const JSON_BATCH_ROWS = 5_000;
/**
 * For the bulk load's index builds (this transaction only): the key index's sort of 1M rows then
 * stays in memory instead of spilling to disk, as 64 MB (the default) made it.
 */
const BULK_MAINTENANCE_WORK_MEM = "256MB";

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

/** Text chunks for COPY, pushed by the read loop (synchronous), read by the COPY stream. */
class CopyChunks implements AsyncIterable<string> {
  private readonly chunks: string[] = [];
  private next = 0;
  private ended = false;
  private failure?: unknown;
  private wake?: () => void;

  push(text: string): void {
    this.chunks.push(text);
    this.wake?.();
  }

  end(): void {
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

/** What a RowSink wrote: its rows, and for rows into observations the corridor summary's groups of them. */
interface Written {
  rows: number;
  ranges?: Tallied[];
}

/** Where the read loop's rows go: the staging table, or observations itself (a bulk load). */
export interface RowSink {
  /** A row parsed on this thread. */
  add(o: NormalisedObservation, line: number): void;
  /** Rows a parser worker formatted (in `layout`); only when `acceptsBatches`. */
  addBatch(batch: CopyBatch): void;
  /** True on a pooled PostgreSQL connection (COPY); PGlite's JSON batches take only add(). */
  readonly acceptsBatches: boolean;
  /** What a parser worker is to format. */
  readonly layout: CopyLayout;
  /** After the last row: waits until every row is written. */
  done(): Promise<Written>;
  /** The read failed: stop writing (the transaction rolls back). */
  abort(error: unknown): Promise<void>;
}

/**
 * Rows into `table` (`columns`, in copy-text.ts's order for `layout`): COPY where there is one, else
 * JSON batches of rows named as the table's columns, written by `jsonInsert`.
 */
function startRows(tx: SqlRunner, table: string, columns: string, layout: CopyLayout, jsonInsert: (json: string) => SQL): RowSink {
  let rows = 0;
  let ranges: Tallied[] | undefined;
  if (tx.copyFrom) {
    const chunks = new CopyChunks();
    const encoder = new CopyTextEncoder(layout);
    const copying = tx.copyFrom(`COPY ${table} (${columns}) FROM STDIN`, chunks);
    copying.catch(() => {}); // awaited in done() or abort()
    const addBatch = (batch: CopyBatch) => {
      rows += batch.lines.length;
      if (batch.text) chunks.push(batch.text);
      if (batch.ranges) ranges = batch.ranges;
    };
    return {
      acceptsBatches: true,
      layout,
      add: (o, line) => {
        const batch = encoder.add(o, line);
        if (batch) addBatch(batch);
      },
      addBatch,
      done: async () => {
        const rest = encoder.take();
        if (rest) addBatch(rest);
        chunks.end();
        await copying;
        return { rows, ranges };
      },
      abort: async (error) => {
        chunks.fail(error);
        await copying.catch(() => {});
      },
    };
  }
  let batch: Record<string, unknown>[] = [];
  let writing: Promise<unknown> = Promise.resolve();
  const tally = layout.importId === undefined ? undefined : new RangeTally();
  const send = () => {
    if (batch.length === 0) return;
    const json = JSON.stringify(batch);
    batch = [];
    writing = writing.then(() => tx.run(jsonInsert(json)));
    writing.catch(() => {});
  };
  return {
    acceptsBatches: false,
    layout,
    add: (o, line) => {
      const p = o.period;
      rows++;
      tally?.add(o.indicator, o.origin, o.destination, o.breakdown, p);
      batch.push({
        ...(layout.line ? { line } : {}),
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
    addBatch: () => {
      throw new Error("PGlite takes rows, not COPY text");
    },
    done: async () => {
      send();
      await writing;
      return { rows, ranges: tally?.tallied() };
    },
    abort: async () => {
      batch = [];
      await writing.catch(() => {});
    },
  };
}

/** True when observations holds no row (the import holds its lock, so it stays so). */
export async function observationsEmpty(tx: SqlRunner): Promise<boolean> {
  return !(await tx.get(sql`SELECT 1 AS x FROM observations LIMIT 1`));
}

/** Creates the staging table (dropped at the transaction's end) and returns where to send rows. */
export async function startStaging(tx: SqlRunner): Promise<RowSink> {
  await tx.run(sql.raw(CREATE_STAGE));
  return startRows(
    tx,
    STAGE,
    `line, ${OBSERVATION_COLUMNS}`,
    { line: true },
    (json) => sql`INSERT INTO ${sql.raw(STAGE)} SELECT * FROM json_populate_recordset(NULL::${sql.raw(STAGE)}, ${json}::json)`,
  );
}

interface StagedRow extends ObservationColumns {
  line: number;
}

const observationOf = (r: Omit<StagedRow, "line">): NormalisedObservation => ({
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
    sql`SELECT * FROM (SELECT *, min(line) OVER (PARTITION BY ${sql.raw(KEY_COLUMNS)}) AS first_line FROM ${sql.raw(STAGE)}) AS d
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
 * Writes the staged rows as import `importId` into a table that holds rows already: revisions and
 * updates for changed stored rows, inserts for new keys (and the corridor summary). A repeated key
 * leaves `repeats` non-empty: the caller rolls back.
 */
export async function writeStaged(tx: SqlRunner, importId: number, replacedAt: string): Promise<PostgresWriteResult> {
  await tx.run(sql.raw(`ANALYZE ${STAGE}`));
  const staged = (await tx.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${sql.raw(STAGE)}`))?.n ?? 0;
  let updated = 0;
  const m = (await tx.get<{ matched: number; distinct: number; unchanged: number }>(
    sql`SELECT count(*) AS matched, count(DISTINCT o.id) AS "distinct", count(*) FILTER (WHERE ${SAME}) AS unchanged
          FROM ${sql.raw(STAGE)} AS s JOIN observations AS o ON ${KEY}`,
  ))!;
  // A stored key on two lines: name them, write nothing.
  if (m.matched > m.distinct) return { inserted: 0, updated: 0, unchanged: 0, repeats: await repeatsInStage(tx) };
  if (m.matched > m.unchanged) {
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
  const inserted = await insertNew(tx, importId);
  // Every staged line is a new key (inserted once) or a stored one (matched): a shortfall is a key's later line.
  const repeats = inserted + m.matched < staged ? await repeatsInStage(tx) : [];
  return { inserted, updated, unchanged: m.unchanged, repeats };
}

/**
 * INSERTs the staged rows whose key is not stored, in file order, and merges them into the corridor
 * summary (from the INSERT's RETURNING, in the same statement); returns how many went in. Stored
 * keys are left out before the INSERT, not by its ON CONFLICT (which skips a key's later lines):
 * PostgreSQL draws an id for every row an INSERT proposes, and the ids must follow on as SQLite's
 * do; engines-equal.test.ts checks them.
 */
async function insertNew(tx: SqlRunner, importId: number): Promise<number> {
  const row = await tx.get<{ inserted: number }>(
    sql`WITH ins AS (
          INSERT INTO observations (${sql.raw(OBSERVATION_COLUMNS)}, import_id)
          SELECT ${sql.raw(OBSERVATION_COLUMNS)}, ${importId}::integer FROM ${sql.raw(STAGE)} AS s
          WHERE NOT EXISTS (SELECT 1 FROM observations AS o WHERE ${KEY}) ORDER BY line
          ON CONFLICT (${sql.raw(KEY_COLUMNS)}) DO NOTHING
          RETURNING *
        ), merged AS (${sql.raw(mergeRangesFrom("ins"))} RETURNING 1)
        SELECT count(*) AS inserted FROM ins`,
  );
  return row?.inserted ?? 0;
}

/**
 * Sets `session_replication_role` for the rest of the transaction; false (nothing changed) where the
 * role may not. As a replica no ordinary trigger fires, foreign-key checks included: only the bulk
 * load's COPY into observations runs so (observations has no trigger of its own; imports' data-version
 * triggers fire before and after it).
 */
async function replicaRole(tx: SqlRunner, role: "replica" | "origin"): Promise<boolean> {
  await tx.run(sql`SAVEPOINT corridor_role`);
  try {
    await tx.run(sql.raw(`SET LOCAL session_replication_role = ${role}`));
  } catch (error) {
    if (!(error instanceof DatabaseError && error.sqliteCode === "42501")) throw error;
    await tx.run(sql`ROLLBACK TO SAVEPOINT corridor_role`);
    return false;
  }
  await tx.run(sql`RELEASE SAVEPOINT corridor_role`);
  return true;
}

/**
 * What re-adding observations' foreign keys would check, without dropping them: every value has its
 * row in the table it refers to (one anti-join per key). The rows were resolved against the same
 * registry and catalog, so this never fails unless the database was changed around the app.
 */
async function checkForeignKeys(tx: SqlRunner): Promise<void> {
  const keys = await tx.all<{ name: string; column: string; target: string; targetColumn: string; columns: number }>(
    sql`SELECT c.conname AS name, a.attname AS "column", t.relname AS target, ta.attname AS "targetColumn", array_length(c.conkey, 1) AS columns
        FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        JOIN pg_class t ON t.oid = c.confrelid JOIN pg_attribute ta ON ta.attrelid = c.confrelid AND ta.attnum = c.confkey[1]
        WHERE c.conrelid = 'observations'::regclass AND c.contype = 'f' ORDER BY c.conname`,
  );
  for (const k of keys) {
    if (Number(k.columns) !== 1) throw new Error(`observations: foreign key ${k.name} has ${k.columns} columns; the bulk load checks single-column keys only`);
    const [col, target, targetCol] = [sql.identifier(k.column), sql.identifier(k.target), sql.identifier(k.targetColumn)];
    const missing = await tx.get<{ value: string }>(
      sql`SELECT o.${col}::text AS value FROM observations o WHERE o.${col} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${target} t WHERE t.${targetCol} = o.${col}) LIMIT 1`,
    );
    if (missing) throw new DatabaseError(`observations.${k.column} = ${missing.value} has no row in ${k.target} (foreign key ${k.name})`, "23503");
  }
}

/** The first import's rows, loaded straight into observations (startBulkLoad). */
export interface BulkLoad extends RowSink {
  /**
   * After done(), when the file had no bad cell: builds the indexes and foreign keys back and the
   * corridor summary. A repeated key leaves `repeats` non-empty (the caller rolls back).
   */
  finish(): Promise<PostgresWriteResult>;
  /** After done(), for a file with bad cells (rolled back anyway): its repeated keys and what would have gone in. */
  classify(): Promise<PostgresWriteResult>;
}

/**
 * The first import into an empty observations table (`observationsEmpty`), loaded as a restore loads
 * a table: its indexes are dropped here (pg_indexes gives back exactly what was there), the rows are
 * copied straight in, in file order, with no staging pass, and the indexes built after by one sort
 * each. Row by row, the four foreign-key look-ups and the two indexes were about 95 % of the write
 * (docs/benchmarks.md). The foreign keys stay: where the role may set `session_replication_role`
 * (a superuser; PostgreSQL 15's GRANT SET ON PARAMETER; a managed server's admin role) the COPY runs
 * as a replica, which skips their per-row checks, and each key is then checked by one anti-join;
 * elsewhere the keys are checked row by row (slower, the same outcome). Dropping a foreign key would
 * lock its referenced table (countries, indicators, imports) ACCESS EXCLUSIVE until the commit, and
 * every page reads those: each page then waited for the whole first import. All inside the import's
 * transaction: a failure leaves the table as it was. DROP INDEX locks observations ACCESS EXCLUSIVE
 * until the commit, so readers of observations wait for the first import instead of reading the
 * empty table — they never see half of it (write-isolation-instances.test.ts).
 */
export async function startBulkLoad(tx: SqlRunner, importId: number): Promise<BulkLoad> {
  const indexes = await tx.all<{ name: string; def: string }>(
    sql`SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'observations' AND indexname <> 'observations_pkey' ORDER BY indexname`,
  );
  for (const i of indexes) await tx.run(sql`DROP INDEX ${sql.identifier(i.name)}`);
  const asReplica = await replicaRole(tx, "replica");
  // The file line of every row loaded, in load order (= id order): a repeated key's message names them.
  const lineBatches: Int32Array[] = [];
  let pendingLines: number[] = [];
  const rows = startRows(
    tx,
    "observations",
    `${OBSERVATION_COLUMNS}, import_id`,
    { line: false, importId },
    (json) =>
      sql`INSERT INTO observations (${sql.raw(OBSERVATION_COLUMNS)}, import_id)
        SELECT ${sql.raw(OBSERVATION_COLUMNS)}, ${importId}::integer FROM json_populate_recordset(NULL::observations, ${json}::json)`,
  );
  let loaded = 0;
  let ranges: Tallied[] = [];
  const linesInOrder = () => {
    const all = new Int32Array(loaded);
    let at = 0;
    for (const lines of [...lineBatches, Int32Array.from(pendingLines)]) {
      all.set(lines, at);
      at += lines.length;
    }
    return all;
  };
  /** Every loaded row whose key an earlier one had, with the line of that one, in file order. */
  const repeats = async (): Promise<StagedRepeat[]> => {
    const lines = linesInOrder();
    const found = await tx.all<Omit<StagedRow, "line"> & { ord: number; first_ord: number }>(
      sql`SELECT * FROM (SELECT n.*, first_value(ord) OVER (PARTITION BY ${sql.raw(KEY_COLUMNS)} ORDER BY ord) AS first_ord
                         FROM (SELECT o.*, row_number() OVER (ORDER BY id) AS ord FROM observations AS o) AS n) AS d
          WHERE ord <> first_ord ORDER BY ord`,
    );
    return found.map((r) => ({ line: lines[r.ord - 1]!, firstLine: lines[r.first_ord - 1]!, observation: observationOf(r) }));
  };
  return {
    ...rows,
    add: (o, line) => {
      pendingLines.push(line);
      rows.add(o, line);
    },
    addBatch: (batch) => {
      if (pendingLines.length) lineBatches.push(Int32Array.from(pendingLines));
      pendingLines = [];
      lineBatches.push(batch.lines);
      rows.addBatch(batch);
    },
    done: async () => {
      const written = await rows.done();
      if (asReplica) await replicaRole(tx, "origin");
      loaded = written.rows;
      ranges = written.ranges ?? [];
      return written;
    },
    classify: async () => {
      const found = await repeats();
      return { inserted: loaded - found.length, updated: 0, unchanged: 0, repeats: found };
    },
    finish: async () => {
      await tx.run(sql`SAVEPOINT corridor_bulk`);
      try {
        await tx.run(sql.raw(`SET LOCAL maintenance_work_mem = '${BULK_MAINTENANCE_WORK_MEM}'`));
        for (const i of indexes) await tx.run(sql.raw(i.def));
      } catch (error) {
        // The unique key index will not build over a key twice: back to the rows, then name the lines.
        if (!(error instanceof DatabaseError && error.sqliteCode === "23505")) throw error;
        await tx.run(sql`ROLLBACK TO SAVEPOINT corridor_bulk`);
        const found = await repeats();
        return { inserted: loaded - found.length, updated: 0, unchanged: 0, repeats: found };
      }
      await tx.run(sql`RELEASE SAVEPOINT corridor_bulk`);
      if (asReplica) await checkForeignKeys(tx);
      await mergeTallyOnPostgres(tx, ranges);
      return { inserted: loaded, updated: 0, unchanged: 0, repeats: [] };
    },
  };
}
