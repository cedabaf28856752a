/**
 * import: decode → detect → map → stream-parse → normalise → write, in one transaction.
 * All-or-nothing by default: any error and nothing is written; a crash midway leaves the database
 * as it was (the transaction never commits).
 */
import { createHash } from "node:crypto";
import { createReadStream, existsSync, statSync } from "node:fs";
import type { Worker } from "node:worker_threads";
import { basename } from "node:path";
import { openOwnConnection, type CorridorDb } from "../db.ts";
import { detectDecimalMark, type DecimalMark } from "../numbers.ts";
import { indicators as indicatorsTable } from "../schema.ts";
import { HEAD_BYTES, readHeadBytes, type CsvRow } from "./csv.ts";
import { BadInputError, refusalError, type Detected } from "./decode.ts";
import { detectFormat, sniff, type Format } from "./detect.ts";
import { buildAdapter, buildNormaliser, readInWorker, readObservations, type MappingSetup, type PreparedRead, type ReadCounts, type ReadSetup, type StartParseWorker } from "./read.ts";
import { MappingError, ROLES, type Role } from "./normalise.ts";
import { ObservationWriter } from "./writer.ts";
import { problem, type Problem } from "./problems.ts";
import { ImportDiffCollector, type ImportDiff } from "./diff.ts";
import { classifyStaged, feedDiff, observationsEmpty, startBulkLoad, startStaging, writeStaged } from "./postgres.ts";
import type { CopyBatch } from "./copy-text.ts";
import { rowsOf } from "../dialect.ts";
import { sql } from "drizzle-orm";

export { MappingError, parseRoleMap } from "./normalise.ts";
export { BadInputError } from "./decode.ts";
export type { Role } from "./normalise.ts";
export { FORMATS, type Format } from "./detect.ts";
export { problem, PROBLEM_CODES, isProblemCode, type Problem, type ProblemCode, type ProblemParams } from "./problems.ts";
// Profile → import → profile, as the CLI and the upload route run it.
export { runImport, PARSE_WORKER_MIN_BYTES, type RunImportRequest, type RunImportResult } from "./run.ts";
export { DIFF_CHANGES_PER_GROUP, type ImportDiff, type DiffGroup, type DiffChange } from "./diff.ts";

export interface ImportOptions {
  format?: "auto" | Format;
  indicator?: string;
  origin?: string;
  destination?: string;
  source?: string;
  map?: Partial<Record<Role, string>>;
  /** Where a lone country column goes when the file does not say (wide tables). */
  countryRole?: "origin" | "destination";
  /** Headerless files: the role of each column, in order (`origin,period,value`). */
  columns?: Role[];
  decimal?: DecimalMark | "auto";
  delimiter?: string;
  encoding?: string;
  dryRun?: boolean;
  /** Also report what the import changes, per indicator and corridor (summary.diff); for previews. */
  diff?: boolean;
  /** Who runs the import (user e-mail, token name, "cli"). */
  importedBy?: string;
  /** Shown in history instead of the path's base name (uploads). */
  fileName?: string;
  maxErrors?: number;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /**
   * Parse in a worker thread while this one writes, for a bulk load (the first import into an empty
   * table, no diff). The CLI passes parse-worker-start.ts's startParseWorker.
   */
  parseWorker?: StartParseWorker;
}

export interface ImportError {
  line: number;
  column: string;
  value: string;
  message: string;
  /** The message as code and parameters (problems.ts), for a client's own language. */
  problem?: Problem;
}

/** An ImportError worded by a coded problem. */
function coded(line: number, column: string, value: string, found: Problem & { message: string }): ImportError {
  const { message, ...p } = found;
  return { line, column, value, message, problem: p };
}

export interface ImportSummary {
  /** null when nothing was written (dry run or errors). */
  importId: number | null;
  format: Format;
  fileName: string;
  sha256: string;
  encoding: string;
  delimiter: string;
  decimal: DecimalMark;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Cells whose value was missing (`..`, `:`, empty…): skipped and counted, never zero. */
  skipped: number;
  rejected: number;
  /** Rows skipped because their code is no country (World Bank regional and income aggregates). */
  skippedAggregates: string[];
  /** The first `maxErrors` errors; `errorCount` counts them all. */
  errors: ImportError[];
  errorCount: number;
  dryRun: boolean;
  committed: boolean;
  /** Only when the import was asked for a diff. */
  diff?: ImportDiff;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export async function importFile(db: CorridorDb, path: string, options: ImportOptions = {}): Promise<ImportSummary> {
  if (!existsSync(path) || !statSync(path).isFile()) throw new MappingError(`${path}: no such file`);
  // Started first, so that it loads its modules while this thread sniffs the file.
  // Only a bulk load uses it (decided once the transaction is open); otherwise it is just stopped.
  const worker = options.parseWorker && !options.diff && !options.dryRun ? options.parseWorker() : undefined;
  try {
    return await importWith(db, path, options, worker);
  } finally {
    void worker?.terminate();
  }
}

/** What an import is called while it holds the write gate: the 503 others get names it so. */
export function importGateLabel(path: string, options: ImportOptions): string {
  return `an import of ${options.fileName ?? basename(path)} by ${options.importedBy ?? "cli"}`;
}

/**
 * How a server imports: on a connection of its own (openOwnConnection), so the import's transaction
 * is never open on the connection other requests read and write through; a real import holds the
 * database's write gate while it writes (other writers wait, or are told what is busy), a dry run
 * reads a snapshot and takes no gate at all.
 */
export async function importOnOwnConnection(db: CorridorDb, path: string, options: ImportOptions = {}): Promise<ImportSummary> {
  // PostgreSQL: the pool already gives the import's transaction a connection of its own.
  if (db.engine === "postgres") return options.dryRun ? importFile(db, path, options) : db.writes.run(importGateLabel(path, options), () => importFile(db, path, options));
  const run = async () => {
    const own = openOwnConnection(db);
    try {
      return await importFile(own, path, options);
    } finally {
      own.close();
    }
  };
  if (options.dryRun) return run();
  return db.writes.run(importGateLabel(path, options), run);
}

async function importWith(db: CorridorDb, path: string, options: ImportOptions, worker: Worker | undefined): Promise<ImportSummary> {
  const fileName = options.fileName ?? basename(path);
  const maxErrors = options.maxErrors ?? 100;
  const size = statSync(path).size;
  if (size === 0) throw new BadInputError(problem("file_empty"), 1);

  // Sniff encoding, dialect, format and header from the first 64 KiB (detect.ts, as the upload preview does).
  const sniffed = sniff(readHeadBytes(path), size, { encoding: options.encoding, delimiter: options.delimiter });
  if (sniffed.refused) throw refusalError(sniffed.refused);
  const encoding: Detected = { encoding: sniffed.encoding.encoding, bomLength: sniffed.encoding.bomLength };
  const { delimiter, rows: sample } = sniffed;

  let format: Format;
  let header: string[];
  let headerLine: number;
  let released: string | undefined;
  if (options.columns?.length) {
    for (const role of options.columns) if (!(ROLES as readonly string[]).includes(role)) throw new MappingError(`the column roles: unknown role "${role}" (roles: ${ROLES.join(", ")})`);
    format = options.format && options.format !== "auto" ? options.format : "tidy";
    header = options.columns;
    headerLine = 0;
  } else {
    const detection = detectFormat(sample, options.format ?? "auto");
    if (detection.refused) throw refusalError(detection.refused);
    format = detection.format;
    header = sample[detection.headerIndex]!.fields;
    headerLine = sample[detection.headerIndex]!.line;
    released = detection.released;
  }
  const mapping: MappingSetup = {
    format,
    header,
    released,
    map: options.map,
    countryRole: options.countryRole,
    indicator: options.indicator,
    origin: options.origin,
    destination: options.destination,
  };
  // Built before anything starts, so that a bad mapping fails at once (a parser worker builds its own).
  const adapter = buildAdapter(mapping);
  const dataSample = sample.filter((r) => r.line > headerLine);
  if (!dataSample.some((r) => r.fields.some((f) => f.trim() !== "")) && size <= HEAD_BYTES) throw new BadInputError(problem("no_data_rows", { line: headerLine }), headerLine);
  const decimal: DecimalMark =
    options.decimal && options.decimal !== "auto"
      ? options.decimal
      : detectDecimalMark(
          dataSample.flatMap((r) => adapter.valueColumns.map((i) => r.fields[i] ?? "")),
          delimiter,
        );
  const setup: ReadSetup = {
    ...mapping,
    path,
    delimiter,
    encoding,
    headerLine,
    source: options.source,
    decimal,
    maxErrors,
    indicatorRows: await rowsOf(db, indicatorsTable),
  };
  const prepared = { setup, adapter, normaliser: buildNormaliser(setup, adapter) }; // a bad constant (origin XYZ) fails here too

  const summary: ImportSummary = {
    importId: null,
    format,
    fileName,
    sha256: "",
    encoding: encoding.encoding,
    delimiter,
    decimal,
    rowsRead: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    rejected: 0,
    skippedAggregates: [],
    errors: [],
    errorCount: 0,
    dryRun: !!options.dryRun,
    committed: false,
  };
  const report = (error: ImportError) => {
    summary.errorCount++;
    if (summary.errors.length < maxErrors) summary.errors.push(error);
  };
  const aggregates = new Set<string>();
  const historyOptions = JSON.stringify(optionsForHistory(options, { format, encoding: encoding.encoding, delimiter, decimal }));
  if (db.engine === "postgres") return importPostgres(db, { prepared, options, summary, report, aggregates, headerLine, historyOptions, worker });
  const diff = options.diff ? new ImportDiffCollector(db.sqlite) : undefined;

  const { sqlite } = db;
  // Every indicator and country a row can carry was resolved against the same catalog and registry
  // the foreign keys point at, so checking them again per row only costs time (~15% of an import).
  const foreignKeys = sqlite.pragma("foreign_keys", { simple: true }) as number;
  sqlite.pragma("foreign_keys = OFF");
  // A dry run reads one snapshot of the stored data and writes nothing: no write lock, nothing to undo.
  const dryRun = !!options.dryRun;
  sqlite.exec(dryRun ? "BEGIN" : "BEGIN IMMEDIATE");
  try {
    // The file's sha256 is known once it has been read (hashed on the way), and set then.
    const importId = dryRun
      ? 0
      : Number(
          sqlite
            .prepare(`INSERT INTO imports (file_name, sha256, format, options, imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?)`)
            .run(fileName, "", format, historyOptions, options.importedBy ?? "cli", new Date().toISOString()).lastInsertRowid,
        );
    // Lines rejected for a bad cell or a repeated key (a wide row can have both: counted once).
    const rejectedLines = new Set<number>();
    // A bulk load into an empty table finds repeated keys as it flushes, after their rows were read.
    const writer = new ObservationWriter(sqlite, importId, {
      dryRun,
      onDuplicate: (o, line, firstLine) => {
        rejectedLines.add(line);
        report(coded(line, "", `${o.indicator} ${o.origin}→${o.destination} ${o.period.period} ${o.breakdown}`, problem("duplicate", { first: firstLine })));
      },
    });
    let counts: ReadCounts;
    if (worker && writer.bulk) {
      const read = await readInWorker(worker, setup, (batch) => writer.stage(batch), { error: report, progress: options.onProgress });
      summary.errorCount += read.errorsNotSent;
      counts = read;
    } else {
      counts = await readObservations(prepared, {
        observation(observation, line) {
          diff?.observe(observation, line);
          writer.add(observation, line);
        },
        error: report,
        progress: options.onProgress,
      });
    }
    takeReadCounts(summary, counts, aggregates);
    for (const line of counts.rejectedLines) rejectedLines.add(line);
    writer.finish();
    settleSummary(summary, writer, rejectedLines, aggregates, diff);
    if (summary.errorCount > 0 || dryRun) {
      sqlite.exec("ROLLBACK");
      return summary;
    }
    if (summary.inserted + summary.updated + summary.unchanged === 0) {
      sqlite.exec("ROLLBACK");
      report(coded(headerLine, "", "", problem("no_values")));
      return summary;
    }
    sqlite
      .prepare(`UPDATE imports SET sha256 = ?, rows_read = ?, inserted = ?, updated = ?, unchanged = ?, rejected = ?, skipped_missing = ? WHERE id = ?`)
      .run(summary.sha256, summary.rowsRead, summary.inserted, summary.updated, summary.unchanged, summary.rejected, summary.skipped, importId);
    sqlite.exec("COMMIT");
    summary.importId = importId;
    summary.committed = true;
    return summary;
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
    throw error;
  } finally {
    sqlite.pragma(`foreign_keys = ${foreignKeys ? "ON" : "OFF"}`);
  }
}

/** What importWith hands the PostgreSQL path once the file is sniffed and mapped. */
interface PostgresImport {
  prepared: PreparedRead;
  options: ImportOptions;
  summary: ImportSummary;
  report: (error: ImportError) => void;
  aggregates: Set<string>;
  headerLine: number;
  historyOptions: string;
  /** A parser worker (big files from the CLI): it parses while this thread feeds COPY. */
  worker?: Worker;
}

/** Thrown to roll a PostgreSQL import's transaction back (errors, a dry run) with its summary. */
class RolledBack extends Error {}

/**
 * The import on PostgreSQL (postgres.ts): the rows staged by COPY, then set-based writes, all in one
 * transaction; the same summary, errors and outcome as SQLite's path below.
 */
async function importPostgres(db: CorridorDb, { prepared, options, summary, report, aggregates, headerLine, historyOptions, worker }: PostgresImport): Promise<ImportSummary> {
  const dryRun = summary.dryRun;
  const diff = options.diff ? new ImportDiffCollector() : undefined;
  try {
    return await db.transaction(
      async (tx) => {
        // A dry run reads one snapshot (not READ ONLY: it creates its staging table) and writes nothing else.
        if (!dryRun) await tx.run(sql`LOCK TABLE observations IN SHARE ROW EXCLUSIVE MODE`);
        // The file's sha256 is known once it has been read (hashed on the way), and set then.
        const importId = dryRun
          ? 0
          : (await tx.get<{ id: number }>(
              sql`INSERT INTO imports (file_name, sha256, format, options, imported_by, imported_at)
                VALUES (${summary.fileName}, '', ${summary.format}, ${historyOptions}, ${options.importedBy ?? "cli"}, ${new Date().toISOString()}) RETURNING id`,
            ))!.id;
        // A first import into an empty table loads straight into it; any other stages its rows first.
        const bulk = !dryRun && (await observationsEmpty(tx)) ? await startBulkLoad(tx, importId) : undefined;
        const sink = bulk ?? (await startStaging(tx));
        let counts: ReadCounts;
        try {
          if (worker && sink.acceptsBatches) {
            // The worker formats the rows as COPY's text (copy-text.ts): this thread only forwards it.
            const read = await readInWorker<CopyBatch>(worker, { ...prepared.setup, copy: sink.layout }, (batch) => sink.addBatch(batch), {
              error: report,
              progress: options.onProgress,
            });
            summary.errorCount += read.errorsNotSent;
            counts = read;
          } else
            counts = await readObservations(prepared, {
              observation: (o, line) => {
                // Into an empty table every row is new: the diff needs no look-up (a parser worker never runs with a diff).
                if (bulk) diff?.observeStored(o, line, undefined);
                sink.add(o, line);
              },
              error: report,
              progress: options.onProgress,
            });
        } catch (error) {
          await sink.abort(error);
          throw error;
        }
        await sink.done();
        takeReadCounts(summary, counts, aggregates);
        const rejectedLines = new Set(counts.rejectedLines);
        if (diff && !bulk) await feedDiff(tx, diff);
        const outcome = bulk
          ? await (summary.errorCount > 0 ? bulk.classify() : bulk.finish())
          : dryRun || summary.errorCount > 0
            ? await classifyStaged(tx)
            : await writeStaged(tx, importId, new Date().toISOString());
        for (const { line, firstLine, observation: o } of outcome.repeats) {
          rejectedLines.add(line);
          report(coded(line, "", `${o.indicator} ${o.origin}→${o.destination} ${o.period.period} ${o.breakdown}`, problem("duplicate", { first: firstLine })));
        }
        settleSummary(summary, outcome, rejectedLines, aggregates, diff);
        if (summary.errorCount > 0 || dryRun) throw new RolledBack();
        if (summary.inserted + summary.updated + summary.unchanged === 0) {
          report(coded(headerLine, "", "", problem("no_values")));
          throw new RolledBack();
        }
        await tx.run(
          sql`UPDATE imports SET sha256 = ${summary.sha256}, rows_read = ${summary.rowsRead}, inserted = ${summary.inserted}, updated = ${summary.updated},
              unchanged = ${summary.unchanged}, rejected = ${summary.rejected}, skipped_missing = ${summary.skipped} WHERE id = ${importId}`,
        );
        summary.importId = importId;
        summary.committed = true;
        return summary;
      },
      importGateLabel(prepared.setup.path, options),
      // Outside the write gate: a preview must not make this process's writers wait (write-isolation-instances.test.ts).
      { snapshot: dryRun },
    );
  } catch (error) {
    if (error instanceof RolledBack) return summary;
    summary.importId = null;
    summary.committed = false;
    throw error;
  }
}

/** What the read found, into the summary (both engines). */
function takeReadCounts(summary: ImportSummary, counts: ReadCounts, aggregates: Set<string>): void {
  summary.sha256 = counts.sha256;
  summary.rowsRead = counts.rowsRead;
  summary.skipped = counts.skipped;
  summary.rejected = counts.badRows;
  for (const code of counts.aggregates) aggregates.add(code);
}

/** What the write did, into the summary (both engines), once every error has been reported. */
function settleSummary(
  summary: ImportSummary,
  written: { inserted: number; updated: number; unchanged: number },
  rejectedLines: Set<number>,
  aggregates: Set<string>,
  diff: ImportDiffCollector | undefined,
): void {
  summary.inserted = written.inserted;
  summary.updated = written.updated;
  summary.unchanged = written.unchanged;
  summary.rejected += rejectedLines.size;
  // Repeated keys found by a bulk load come after the other errors: put them back in line order.
  summary.errors.sort((a, b) => a.line - b.line);
  summary.skippedAggregates = [...aggregates].sort();
  if (diff) summary.diff = diff.result();
}

function optionsForHistory(options: ImportOptions, detected: Record<string, unknown>): Record<string, unknown> {
  const { onProgress: _progress, parseWorker: _parseWorker, ...rest } = options;
  return { ...rest, ...detected };
}

export type { CsvRow };
