/**
 * Writes normalised observations inside the caller's transaction with prepared statements (the hot
 * path: drizzle's query builder costs ~8× more per row here). Classifies each row as inserted,
 * updated (old value kept in `revisions`) or unchanged, and catches the same key twice in one file.
 *
 * Two ways to write, same outcomes:
 * - Row by row (the general case): INSERT … ON CONFLICT DO NOTHING, and for a row whose key exists,
 *   a look-up that tells a repeat in this file from an unchanged or updated row.
 * - Bulk load, when the observations table is empty (a new database, the first import): rows arrive
 *   as small integers packed two to a number (StageEncoder: each distinct text and period once,
 *   kept in TEMP lookup tables), go into a TEMP staging table with no index, 16 rows per INSERT,
 *   and every FLUSH_ROWS rows into observations with one INSERT … SELECT in file order, after which
 *   the staging table is emptied (it then stays one flush in the page cache, not the whole file
 *   in a temporary file: ≈ 20–40 MB less peak memory for 1M rows). Each
 *   statement call from JavaScript costs about as much as SQLite's own work for a row, and binding a
 *   string costs several times an integer, so this takes ≈ 1 s off 1M rows (inserting from 16-row
 *   VALUES joined to the lookup tables directly measured slower still). The encoding can run in the
 *   parser worker (read.ts), so that parsing overlaps with SQLite's work.
 *   A flush inserts with ON CONFLICT DO NOTHING into the indexed table; one that inserts fewer rows
 *   than it holds met a repeated key, and its rows are looked up one by one to tell which line came
 *   first. Rows of many series interleaved (a period-major file: every country, then the next month)
 *   land all over the key index, a page read and written back per row (the sqlite3 CLI itself took
 *   13 s for 1M such rows, 1.5 s in key order). So once a flush shows the rows scattered, the
 *   table's indexes are dropped, later flushes append, and finish() builds the indexes once (CREATE
 *   INDEX sorts the keys), all inside the import's one transaction. For a file in series order the
 *   build at the end measured slower than keeping the index row by row (its work no longer overlaps
 *   with the parser), so those keep the index. The unique key index refusing to build is how a
 *   repeated key then shows: one query finds the repeats, names them by line and leaves them out.
 */
import type Database from "better-sqlite3";
import type { NormalisedObservation, ObservationColumns } from "./normalise.ts";
import type { Period } from "../periods.ts";
import type { Bound } from "../schema.ts";
import { RangeTally } from "../corridor-ranges.ts";

export type WriteOutcome = "inserted" | "updated" | "unchanged" | { duplicateOfLine: number };

/** The row an update replaced or an unchanged row matched (not given for inserts and duplicates). */
export interface PreviousValue {
  value: number;
  flag: string | null;
  bound: Bound | null;
  source: string | null;
  importId: number;
}

export interface WriterOptions {
  /** A row whose key an earlier line of the same file already had. */
  onDuplicate: (observation: NormalisedObservation, line: number, firstLine: number) => void;
  /**
   * Every row's outcome, at once and in file order (for a diff). Asking for it turns the bulk load
   * off: outcomes are then known row by row.
   */
  onRow?: (outcome: WriteOutcome, observation: NormalisedObservation, line: number, previous?: PreviousValue) => void;
  /**
   * Classify every row against the stored data exactly as a real import would, and write nothing:
   * a preview runs on a read snapshot, holds no write lock and leaves nothing to roll back.
   */
  dryRun?: boolean;
}

/** A row of this import whose key an earlier row (first_id) already had. */
interface RepeatedRow extends ObservationColumns {
  id: number;
  first_id: number;
}

interface ExistingRow {
  id: number;
  value: number;
  flag: string | null;
  bound: Bound | null;
  source: string | null;
  import_id: number;
}

const COLUMNS = "indicator, origin, destination, period, frequency, period_start, period_end, value, breakdown, flag, bound, source";
/** The key index's columns (schema.ts observations_key_idx). */
const KEY = "origin, destination, indicator, period, breakdown";
const CONFLICT = `ON CONFLICT (${KEY}) DO NOTHING`;
/** Rows per staging INSERT: 16 measured ≈ 2× faster than 1 into an unindexed table; 64 no better. */
const GROUP_ROWS = 16;
const STAGE_TABLE = "temp.corridor_import_stage";
const TEXT_TABLE = "temp.corridor_import_text";
const PERIOD_TABLE = "temp.corridor_import_period";
/** Numbers per staged row: ids are packed two to a number (below), so fewer values are bound. */
const STAGE_COLUMNS = 5;
/** Two ids in one number: high · 2^26 + low, exact in a double while both stay below 2^26. */
const PAIR = 2 ** 26;
const pair = (high: number, low: number) => high * PAIR + low;
const highOf = (packed: number) => Math.floor(packed / PAIR);
const lowOf = (packed: number) => packed % PAIR;
const boundCode = (b: Bound | null) => (b === "lower" ? 1 : b === "upper" ? 2 : 0);
const boundOf = (code: number): Bound | null => (code === 1 ? "lower" : code === 2 ? "upper" : null);
/** Rows per encoded batch (a multiple of GROUP_ROWS). */
const ENCODED_BATCH_ROWS = 4096;
/** Staged rows written to observations at a time: small enough to overlap with parsing. */
const FLUSH_ROWS = 16 * ENCODED_BATCH_ROWS;

/**
 * Staged rows, encoded: per row STAGE_COLUMNS numbers — (indicator, origin), (destination,
 * period), value, (breakdown, flag), (source, bound), each pair packed into one number; text and period
 * ids from 1, 0 for a null flag or source, bound 0 none, 1 lower, 2 upper — and its line. `texts` and `periods` are the ones first
 * seen in this batch, their ids continuing the previous batch's. Plain typed arrays and strings,
 * so a worker can post them cheaply.
 */
export interface StageBatch {
  texts: string[];
  periods: Period[];
  rows: Float64Array;
  lines: Int32Array;
}

/**
 * The one rule for "unchanged" (the writer and the diff): a value, flag, bound or source that differs
 * is an update — a bound that appears, goes or flips too, since "> 3 million" and "3 million" differ.
 */
export function sameAsStored(
  stored: { value: number; flag: string | null; bound: Bound | null; source: string | null },
  o: Pick<NormalisedObservation, "value" | "flag" | "bound" | "source">,
): boolean {
  return stored.value === o.value && stored.flag === o.flag && stored.bound === o.bound && stored.source === o.source;
}

/** One string per observation key (indicator, corridor, period, breakdown), for maps of lines. */
const observationKey = (o: NormalisedObservation) => `${o.indicator}\u0000${o.origin}\u0000${o.destination}\u0000${o.period.period}\u0000${o.breakdown}`;

/** Encodes observations into StageBatches. Pure, so that it runs wherever the parser runs. */
export class StageEncoder {
  private readonly textIds = new Map<string, number>();
  private readonly periodIds = new Map<string, number>();
  private texts: string[] = [];
  private periods: Period[] = [];
  private rows = new Float64Array(ENCODED_BATCH_ROWS * STAGE_COLUMNS);
  private lines = new Int32Array(ENCODED_BATCH_ROWS);
  private count = 0;

  private textId(text: string): number {
    let id = this.textIds.get(text);
    if (id === undefined) {
      id = this.textIds.size + 1;
      if (id >= PAIR) throw new Error(`more than ${PAIR - 1} distinct texts in one file: too many to import at once`);
      this.textIds.set(text, id);
      this.texts.push(text);
    }
    return id;
  }

  private periodId(p: Period): number {
    let id = this.periodIds.get(p.period);
    if (id === undefined) {
      id = this.periodIds.size + 1;
      if (id >= PAIR) throw new Error(`more than ${PAIR - 1} distinct periods in one file: too many to import at once`);
      this.periodIds.set(p.period, id);
      this.periods.push(p);
    }
    return id;
  }

  /** Encodes one row; returns the batch when this row filled it. */
  add(o: NormalisedObservation, line: number): StageBatch | undefined {
    const rows = this.rows;
    const k = this.count * STAGE_COLUMNS;
    rows[k] = pair(this.textId(o.indicator), this.textId(o.origin));
    rows[k + 1] = pair(this.textId(o.destination), this.periodId(o.period));
    rows[k + 2] = o.value;
    rows[k + 3] = pair(this.textId(o.breakdown), o.flag === null ? 0 : this.textId(o.flag));
    rows[k + 4] = pair(o.source === null ? 0 : this.textId(o.source), boundCode(o.bound));
    this.lines[this.count++] = line;
    return this.count === ENCODED_BATCH_ROWS ? this.take() : undefined;
  }

  /** The rows not yet returned in a batch (at the end of the file), if any. */
  take(): StageBatch | undefined {
    if (this.count === 0 && this.texts.length === 0) return undefined;
    const full = this.count === ENCODED_BATCH_ROWS;
    // A full batch hands its arrays over (they are transferred to another thread) and starts new ones.
    const batch: StageBatch = {
      texts: this.texts,
      periods: this.periods,
      rows: full ? this.rows : this.rows.slice(0, this.count * STAGE_COLUMNS),
      lines: full ? this.lines : this.lines.slice(0, this.count),
    };
    if (full) {
      this.rows = new Float64Array(ENCODED_BATCH_ROWS * STAGE_COLUMNS);
      this.lines = new Int32Array(ENCODED_BATCH_ROWS);
    }
    this.texts = [];
    this.periods = [];
    this.count = 0;
    return batch;
  }
}

/** Staged row `r` of a batch as an observation; `texts` and `periods` hold every batch's so far (ids from 1). */
function decodeStaged({ rows }: StageBatch, r: number, texts: readonly string[], periods: readonly Period[]): NormalisedObservation {
  const text = (id: number) => (id === 0 ? null : texts[id - 1]!);
  const k = r * STAGE_COLUMNS;
  return {
    indicator: text(highOf(rows[k]!))!,
    origin: text(lowOf(rows[k]!))!,
    destination: text(highOf(rows[k + 1]!))!,
    period: periods[lowOf(rows[k + 1]!) - 1]!,
    value: rows[k + 2]!,
    breakdown: text(highOf(rows[k + 3]!))!,
    flag: text(lowOf(rows[k + 3]!)),
    bound: boundOf(lowOf(rows[k + 4]!)),
    source: text(highOf(rows[k + 4]!)),
  };
}

export class ObservationWriter {
  private readonly sqlite: Database.Database;
  private readonly insert: Database.Statement;
  private readonly select: Database.Statement;
  private readonly update: Database.Statement;
  private readonly revise: Database.Statement;
  /** Rows this import inserted have ids above this; their file lines sit at id - firstNewId. */
  private readonly maxIdBefore: number;
  private insertedLines = new Int32Array(1024);
  /** Pre-existing rows this import has already seen: id → line. */
  private readonly touchedExisting = new Map<number, number>();
  /** Dry run: keys this file brings that are not stored yet → the line that brought them first. */
  private readonly newKeys = new Map<string, number>();
  private readonly now = new Date().toISOString();
  private previous?: PreviousValue;
  /** The groups of the rows inserted, for the corridor summary (merged in by finish()). */
  private readonly ranges = new RangeTally();

  inserted = 0;
  updated = 0;
  unchanged = 0;

  /**
   * Bulk load: the encoder, the lookup tables' statements and contents, statements for short groups;
   * the 16-row staging statement and its parameters; the flush; the last id written.
   */
  private encoder?: StageEncoder;
  private textInsert?: Database.Statement;
  private periodInsert?: Database.Statement;
  private readonly texts: string[] = [];
  private readonly periods: Period[] = [];
  private readonly shortGroupInserts = new Map<number, Database.Statement>();

  private readonly groupInsert?: Database.Statement;
  private readonly groupParams: unknown[] = [];
  private readonly flushStaged?: Database.Statement;
  private flushedRows = 0;
  /** Batches staged since the last flush, and how many rows they hold. */
  private pending: StageBatch[] = [];
  private pendingRows = 0;
  private lastId = 0;
  /** observations' indexes once dropped for scattered rows, built again by finish() (their own SQL, from sqlite_schema). */
  private droppedIndexes: { name: string; sql: string }[] = [];
  /** Scattered rows: flushes append to the unindexed table (appendStaged) once this is set. */
  private appending = false;
  private readonly appendStaged?: Database.Statement;
  private readonly clearStage?: Database.Statement;

  constructor(
    sqlite: Database.Database,
    private readonly importId: number,
    private readonly options: WriterOptions,
  ) {
    this.sqlite = sqlite;
    this.insert = sqlite.prepare(`INSERT INTO observations (${COLUMNS}, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ${CONFLICT}`);
    this.select = sqlite.prepare(
      `SELECT id, value, flag, bound, source, import_id FROM observations
       WHERE origin = ? AND destination = ? AND indicator = ? AND period = ? AND breakdown = ?`,
    );
    this.update = sqlite.prepare("UPDATE observations SET value = ?, flag = ?, bound = ?, source = ?, import_id = ? WHERE id = ?");
    this.revise = sqlite.prepare(
      `INSERT INTO revisions (indicator, origin, destination, period, breakdown, old_value, old_flag, old_bound, old_source, old_import_id, new_value, new_flag, new_bound, new_import_id, replaced_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.maxIdBefore = (sqlite.prepare("SELECT coalesce(max(id), 0) AS m FROM observations").get() as { m: number }).m;
    if (this.maxIdBefore === 0 && !options.onRow && !options.dryRun) {
      sqlite.exec(`DROP TABLE IF EXISTS ${STAGE_TABLE}; DROP TABLE IF EXISTS ${TEXT_TABLE}; DROP TABLE IF EXISTS ${PERIOD_TABLE}`);
      // INTEGER affinity stores the packed ids (bound as doubles) as integers, so / and % divide exactly.
      sqlite.exec(`CREATE TABLE ${STAGE_TABLE} (indicator_origin INTEGER, destination_period INTEGER, value REAL, breakdown_flag INTEGER, source_bound INTEGER)`);
      sqlite.exec(`CREATE TABLE ${TEXT_TABLE} (id INTEGER PRIMARY KEY, text)`);
      sqlite.exec(`CREATE TABLE ${PERIOD_TABLE} (id INTEGER PRIMARY KEY, period, frequency, period_start, period_end)`);
      this.groupParams = new Array(GROUP_ROWS * STAGE_COLUMNS);
      this.encoder = new StageEncoder();
      this.groupInsert = this.groupStatement(GROUP_ROWS);
      // CROSS JOIN keeps the staging table the outer loop, so rows go in in file order with no sort:
      // ids then follow the file, and a row's line is found from its id.
      const stagedRows = (conflict: string) =>
        `INSERT INTO observations (${COLUMNS}, import_id)
         SELECT i.text, o.text, d.text, p.period, p.frequency, p.period_start, p.period_end, s.value, b.text, f.text,
                CASE s.source_bound % ${PAIR} WHEN 1 THEN 'lower' WHEN 2 THEN 'upper' END, src.text, ${importId}
         FROM ${STAGE_TABLE} AS s
         CROSS JOIN ${TEXT_TABLE} AS i ON i.id = s.indicator_origin / ${PAIR}
         CROSS JOIN ${TEXT_TABLE} AS o ON o.id = s.indicator_origin % ${PAIR}
         CROSS JOIN ${TEXT_TABLE} AS d ON d.id = s.destination_period / ${PAIR}
         CROSS JOIN ${PERIOD_TABLE} AS p ON p.id = s.destination_period % ${PAIR}
         CROSS JOIN ${TEXT_TABLE} AS b ON b.id = s.breakdown_flag / ${PAIR}
         LEFT JOIN ${TEXT_TABLE} AS f ON f.id = s.breakdown_flag % ${PAIR}
         LEFT JOIN ${TEXT_TABLE} AS src ON src.id = s.source_bound / ${PAIR}
         WHERE true ORDER BY s.rowid ${conflict}`; // WHERE: SQLite's rule for an upsert's SELECT
      this.flushStaged = sqlite.prepare(stagedRows(CONFLICT));
      this.appendStaged = sqlite.prepare(stagedRows(""));
      // No WHERE: SQLite empties the whole table at once (its truncate optimisation), no row by row.
      this.clearStage = sqlite.prepare(`DELETE FROM ${STAGE_TABLE}`);
      this.textInsert = sqlite.prepare(`INSERT INTO ${TEXT_TABLE} (id, text) VALUES (?, ?)`);
      this.periodInsert = sqlite.prepare(`INSERT INTO ${PERIOD_TABLE} (id, period, frequency, period_start, period_end) VALUES (?, ?, ?, ?, ?)`);
    }
  }

  /** True when this writer bulk-loads (empty table, no per-row outcomes): it then takes stage(). */
  get bulk(): boolean {
    return this.encoder !== undefined;
  }

  /** Writes (or stages) one row; outcomes are counted, repeats reported through onDuplicate. */
  add(o: NormalisedObservation, line: number): void {
    if (!this.encoder) {
      this.settle(o, line, this.write(o, line));
      return;
    }
    const batch = this.encoder.add(o, line);
    if (batch) this.stage(batch);
  }

  /** Bulk load: stages a batch encoded here or by a parser worker (never both for one writer). */
  stage(batch: StageBatch): void {
    for (const text of batch.texts) this.textInsert!.run(this.texts.push(text), text);
    for (const p of batch.periods) this.periodInsert!.run(this.periods.push(p), p.period, p.frequency, p.start, p.end);
    const { rows } = batch;
    const n = batch.lines.length;
    this.tallyStaged(batch);
    const params = this.groupParams;
    for (let first = 0; first < n; first += GROUP_ROWS) {
      const count = Math.min(GROUP_ROWS, n - first);
      const values = count === GROUP_ROWS ? params : new Array(count * STAGE_COLUMNS);
      for (let i = first * STAGE_COLUMNS, j = 0; j < count * STAGE_COLUMNS; i++, j++) values[j] = rows[i];
      (count === GROUP_ROWS ? this.groupInsert! : this.shortGroup(count)).run(values);
    }
    this.pending.push(batch);
    this.pendingRows += n;
    if (this.pendingRows >= FLUSH_ROWS) this.flush();
  }

  /**
   * Every staged row counts towards the summary: a repeated key (the only row a flush leaves out)
   * is an error, and an import with errors is rolled back, summary and all.
   */
  private tallyStaged({ rows, lines }: StageBatch): void {
    const texts = this.texts;
    for (let r = 0, k = 0; r < lines.length; r++, k += STAGE_COLUMNS) {
      const indicatorOrigin = rows[k]!,
        destinationPeriod = rows[k + 1]!;
      this.ranges.add(
        texts[highOf(indicatorOrigin) - 1]!,
        texts[lowOf(indicatorOrigin) - 1]!,
        texts[highOf(destinationPeriod) - 1]!,
        texts[highOf(rows[k + 3]!) - 1]!,
        this.periods[lowOf(destinationPeriod) - 1]!,
      );
    }
  }

  /** Staged rows go into observations, in file order; a repeated key goes in once (or, appending, is found by finish()). */
  private flush(): void {
    if (this.pendingRows === 0) return;
    const inserted = (this.appending ? this.appendStaged! : this.flushStaged!).run().changes;
    this.clearStage!.run();
    this.flushedRows += this.pendingRows;
    if (inserted === this.pendingRows) {
      for (const { lines } of this.pending) for (const line of lines) this.recordInserted(++this.lastId, line);
      this.inserted += inserted;
    } else for (const batch of this.pending) this.settleRepeats(batch);
    this.pending = [];
    this.pendingRows = 0;
    // More than a quarter of the rows went back to a series not among the last few: append from now on.
    if (!this.appending && this.ranges.scattered > this.flushedRows / 4) this.dropIndexes();
  }

  private dropIndexes(): void {
    this.droppedIndexes = this.sqlite.prepare("SELECT name, sql FROM main.sqlite_schema WHERE type = 'index' AND tbl_name = 'observations' AND sql IS NOT NULL").all() as {
      name: string;
      sql: string;
    }[];
    for (const { name } of this.droppedIndexes) this.sqlite.exec(`DROP INDEX main."${name}"`);
    this.appending = true;
  }

  /** After a flush that met a repeated key (within it or with an earlier line): which rows went in, which are repeats. */
  private settleRepeats(batch: StageBatch): void {
    const { lines } = batch;
    for (let r = 0; r < lines.length; r++) {
      const o = decodeStaged(batch, r, this.texts, this.periods);
      const { id } = this.select.get(o.origin, o.destination, o.indicator, o.period.period, o.breakdown) as ExistingRow;
      // Rows went in in file order with consecutive ids: the next id is this row's, any other an earlier line's.
      if (id === this.lastId + 1) {
        this.recordInserted(++this.lastId, lines[r]!);
        this.inserted++;
      } else this.options.onDuplicate(o, lines[r]!, this.insertedLines[id - this.maxIdBefore - 1]!);
    }
  }

  /**
   * Builds the indexes dropped for scattered rows. The unique key index refuses a repeated key: every
   * row after a key's first (ids follow the file) is then named with both lines and deleted, as if
   * never inserted — the import fails on the error and rolls back, the indexes are whole regardless.
   */
  private buildDroppedIndexes(): void {
    for (const { sql } of this.droppedIndexes) {
      try {
        this.sqlite.exec(sql);
      } catch (error) {
        if ((error as { code?: string }).code !== "SQLITE_CONSTRAINT_UNIQUE") throw error;
        this.dropRepeats();
        this.sqlite.exec(sql);
      }
    }
  }

  private dropRepeats(): void {
    const repeats = this.sqlite
      .prepare(
        `SELECT id, first_id, indicator, origin, destination, period, frequency, period_start, period_end, value, breakdown, flag, bound, source
         FROM (SELECT *, min(id) OVER (PARTITION BY ${KEY}) AS first_id FROM observations) WHERE id <> first_id ORDER BY id`,
      )
      .all() as RepeatedRow[];
    const lineOf = (id: number) => this.insertedLines[id - this.maxIdBefore - 1]!;
    const remove = this.sqlite.prepare("DELETE FROM observations WHERE id = ?");
    for (const r of repeats) {
      const o: NormalisedObservation = {
        indicator: r.indicator,
        origin: r.origin,
        destination: r.destination,
        period: { period: r.period, frequency: r.frequency, start: r.period_start, end: r.period_end },
        value: r.value,
        breakdown: r.breakdown,
        flag: r.flag,
        bound: r.bound,
        source: r.source,
      };
      this.options.onDuplicate(o, lineOf(r.id), lineOf(r.first_id));
      remove.run(r.id);
      this.inserted--;
    }
  }

  /** INSERT of `rows` rows into the staging table. */
  private groupStatement(rows: number): Database.Statement {
    const row = `(${Array(STAGE_COLUMNS).fill("?").join(", ")})`;
    return this.sqlite.prepare(`INSERT INTO ${STAGE_TABLE} VALUES ${Array(rows).fill(row).join(", ")}`);
  }

  private shortGroup(rows: number): Database.Statement {
    let statement = this.shortGroupInserts.get(rows);
    if (!statement) this.shortGroupInserts.set(rows, (statement = this.groupStatement(rows)));
    return statement;
  }

  private recordInserted(id: number, line: number): void {
    const offset = id - this.maxIdBefore - 1;
    if (offset >= this.insertedLines.length) {
      const grown = new Int32Array(Math.max(offset + 1, this.insertedLines.length * 2));
      grown.set(this.insertedLines);
      this.insertedLines = grown;
    }
    this.insertedLines[offset] = line;
  }

  /** Writes the rows still being encoded and the corridor summary's new counts. Call once, after the last row and before committing. */
  finish(): void {
    if (this.encoder) {
      const rest = this.encoder.take();
      if (rest) this.stage(rest);
      this.flush();
      this.sqlite.exec(`DROP TABLE ${STAGE_TABLE}; DROP TABLE ${TEXT_TABLE}; DROP TABLE ${PERIOD_TABLE}`);
      this.buildDroppedIndexes();
    }
    if (!this.options.dryRun) this.ranges.write(this.sqlite);
  }

  private settle(o: NormalisedObservation, line: number, outcome: WriteOutcome): void {
    const previous = this.previous;
    this.previous = undefined;
    if (typeof outcome === "object") this.options.onDuplicate(o, line, outcome.duplicateOfLine);
    else this[outcome]++;
    this.options.onRow?.(outcome, o, line, previous);
  }

  /** One row, now: inserted, or classified against the row that holds its key. */
  private write(o: NormalisedObservation, line: number): WriteOutcome {
    const p = o.period;
    if (this.options.dryRun) {
      const stored = this.select.get(o.origin, o.destination, o.indicator, p.period, o.breakdown) as ExistingRow | undefined;
      if (stored) return this.against(stored, o, line);
      const key = observationKey(o);
      const first = this.newKeys.get(key);
      if (first !== undefined) return { duplicateOfLine: first };
      this.newKeys.set(key, line);
      return "inserted";
    }
    const result = this.insert.run(o.indicator, o.origin, o.destination, p.period, p.frequency, p.start, p.end, o.value, o.breakdown, o.flag, o.bound, o.source, this.importId);
    if (result.changes === 1) {
      this.recordInserted(Number(result.lastInsertRowid), line);
      this.ranges.add(o.indicator, o.origin, o.destination, o.breakdown, p);
      return "inserted";
    }
    const existing = this.select.get(o.origin, o.destination, o.indicator, p.period, o.breakdown) as ExistingRow;
    if (existing.id > this.maxIdBefore) return { duplicateOfLine: this.insertedLines[existing.id - this.maxIdBefore - 1]! };
    return this.against(existing, o, line);
  }

  /** A row whose key was stored before this import: a repeat in this file, unchanged, or an update. */
  private against(existing: ExistingRow, o: NormalisedObservation, line: number): WriteOutcome {
    const seenOn = this.touchedExisting.get(existing.id);
    if (seenOn !== undefined) return { duplicateOfLine: seenOn };
    this.touchedExisting.set(existing.id, line);
    this.previous = { value: existing.value, flag: existing.flag, bound: existing.bound, source: existing.source, importId: existing.import_id };
    if (sameAsStored(existing, o)) return "unchanged";
    if (this.options.dryRun) return "updated";
    const p = o.period;
    this.revise.run(
      o.indicator,
      o.origin,
      o.destination,
      p.period,
      o.breakdown,
      existing.value,
      existing.flag,
      existing.bound,
      existing.source,
      existing.import_id,
      o.value,
      o.flag,
      o.bound,
      this.importId,
      this.now,
    );
    this.update.run(o.value, o.flag, o.bound, o.source, this.importId, existing.id);
    return "updated";
  }
}
