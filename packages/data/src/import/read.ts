/**
 * The import's read loop: stream the file's rows, map them through the format's adapter, normalise
 * and validate each one. No database: the caller gives a sink for observations and errors. It runs
 * on the importing thread, or for a bulk load in a parser worker (parse-worker.ts) that sends
 * encoded batches back while the importing thread writes the previous ones: on two cores, parsing
 * and SQLite's work then overlap instead of adding up.
 */
import type { Worker } from "node:worker_threads";
import { CountryResolver } from "../countries.ts";
import { IndicatorResolver } from "../indicators.ts";
import type { DecimalMark } from "../numbers.ts";
import type { Indicator } from "../schema.ts";
import { streamCsv } from "./csv.ts";
import { BadInputError, type Detected } from "./decode.ts";
import { sdmxAdapter, tidyAdapter, wideAdapter, worldBankAdapter, type Adapter, type Format } from "./formats.ts";
import { mappingProblem, MappingError, RowNormaliser, type ColumnNames, type NormalisedObservation, type RawRecord, type Role } from "./normalise.ts";
import type { StageBatch } from "./writer.ts";
import type { CopyBatch, CopyLayout } from "./copy-text.ts";
import { problem as coded, type Problem } from "./problems.ts";

/** Everything the read loop needs, as plain data (it is posted to the parser worker). */
export interface ReadSetup {
  path: string;
  delimiter: string;
  encoding: Detected;
  format: Format;
  header: string[];
  /** Lines up to this one (preamble, header) are not data. */
  headerLine: number;
  /** Release date a World Bank file states, for its default source. */
  released?: string;
  map?: Partial<Record<Role, string>>;
  countryRole?: "origin" | "destination";
  indicator?: string;
  origin?: string;
  destination?: string;
  source?: string;
  decimal: DecimalMark;
  indicatorRows: Indicator[];
  maxErrors: number;
  /** What a parser worker sends: COPY text in this layout (PostgreSQL), else encoded batches (SQLite's bulk load). */
  copy?: CopyLayout;
}

export interface ReadError {
  line: number;
  column: string;
  value: string;
  message: string;
  /** The message as code and parameters (problems.ts), for a client's own language. */
  problem?: Problem;
}

export interface ReadSink {
  observation(observation: NormalisedObservation, line: number): void;
  error(error: ReadError): void;
  progress?(bytesRead: number, totalBytes: number): void;
}

export interface ReadCounts {
  rowsRead: number;
  /** Cells whose value was missing: skipped and counted. */
  skipped: number;
  /** Rows with the wrong number of columns. */
  badRows: number;
  /** Lines with a bad cell (a wide row can have several). */
  rejectedLines: Set<number>;
  /** Codes of rows skipped as aggregates (World Bank regions and income groups). */
  aggregates: Set<string>;
  /** Of the file's bytes. */
  sha256: string;
}

/** What the adapter (columns → roles) is built from. */
export type MappingSetup = Pick<ReadSetup, "format" | "header" | "released" | "map" | "countryRole" | "indicator" | "origin" | "destination">;

export function buildAdapter(setup: MappingSetup): Adapter {
  const adapterOptions = { map: setup.map, countryRole: setup.countryRole, released: setup.released };
  switch (setup.format) {
    case "worldbank":
      return worldBankAdapter(setup.header, adapterOptions);
    case "sdmx":
      return sdmxAdapter(setup.header, adapterOptions);
    case "wide":
      return wideAdapter(setup.header, adapterOptions);
    case "tidy": {
      const adapter = tidyAdapter(setup.header, adapterOptions);
      const problem = mappingProblem(adapter.columns, { indicator: setup.indicator, origin: setup.origin, destination: setup.destination }, setup.header);
      if (problem) throw new MappingError(problem);
      return adapter;
    }
  }
}

/** Throws a MappingError for a bad constant (`--origin`, `--indicator`…). */
export function buildNormaliser(setup: ReadSetup, adapter: Adapter): RowNormaliser {
  return new RowNormaliser(
    { indicator: setup.indicator, origin: setup.origin, destination: setup.destination, source: setup.source ?? adapter.source, decimal: setup.decimal },
    new CountryResolver(),
    new IndicatorResolver(setup.indicatorRows),
  );
}

/** A read ready to run: its setup with the adapter and normaliser built from it (building is where a bad mapping fails). */
export interface PreparedRead {
  setup: ReadSetup;
  adapter: Adapter;
  normaliser: RowNormaliser;
}

/** Builds a setup's adapter and normaliser (the parser worker's way; importFile builds the adapter first, for the decimal mark). */
export function prepareRead(setup: ReadSetup): PreparedRead {
  const adapter = buildAdapter(setup);
  return { setup, adapter, normaliser: buildNormaliser(setup, adapter) };
}

/** The read loop, always over a prepared read: the importing thread's and the parser worker's are the same. */
export async function readObservations({ setup, adapter, normaliser }: PreparedRead, sink: ReadSink): Promise<ReadCounts> {
  const counts: ReadCounts = { rowsRead: 0, skipped: 0, badRows: 0, rejectedLines: new Set(), aggregates: new Set(), sha256: "" };
  let currentLine = 0;
  const emit = (record: RawRecord, names: ColumnNames) => {
    const result = normaliser.normalise(record, names);
    if (result.kind === "observation") sink.observation(result.observation, currentLine);
    else if (result.kind === "missing") counts.skipped++;
    else {
      counts.rejectedLines.add(currentLine);
      for (const e of result.errors) sink.error({ line: currentLine, ...e });
    }
  };
  counts.sha256 = await streamCsv(setup.path, {
    delimiter: setup.delimiter,
    encoding: setup.encoding,
    onProgress: sink.progress,
    onRows: (rows, problems) => {
      for (const p of problems) sink.error({ line: p.line, column: "", value: "", message: p.message });
      for (const { fields, line } of rows) {
        if (line <= setup.headerLine) continue;
        if (fields.length === 1 && fields[0]!.trim() === "") continue; // blank line
        counts.rowsRead++;
        if (fields.length !== adapter.expectedColumns) {
          counts.badRows++;
          const { message, ...problem } = coded("column_count", { expected: adapter.expectedColumns, found: fields.length });
          sink.error({ line, column: "", value: fields.join(setup.delimiter).slice(0, 80), message, problem });
          continue;
        }
        currentLine = line;
        const skip = adapter.rowRecords(fields, emit);
        if (skip !== undefined) counts.aggregates.add(skip);
      }
    },
  });
  return counts;
}

/** What the parser worker posts, in order: batches and progress, then one "done" or "failed". */
export type WorkerMessage =
  | { kind: "batch"; batch: StageBatch | CopyBatch; errors: ReadError[] }
  | { kind: "progress"; bytesRead: number; totalBytes: number }
  | { kind: "done"; errors: ReadError[]; errorCount: number; counts: Omit<ReadCounts, "rejectedLines" | "aggregates"> & { rejectedLines: number[]; aggregates: string[] } }
  | { kind: "failed"; name: string; message: string; line?: number; problem?: Problem };

/**
 * Starts a parser worker (the CLI knows where its script is). It loads its modules, then waits for
 * a ReadSetup message, so it can be started before the file has been sniffed.
 */
export type StartParseWorker = () => Worker;

/**
 * Runs the read loop in a started parser worker; each batch goes to `stage` as it arrives (on this
 * thread, between messages): COPY text when `setup.copy` is given, else encoded batches. Errors arrive as the sink's would: at most `maxErrors` of
 * them in full, the rest counted (`errorsNotSent`). The worker is terminated when this settles.
 */
export function readInWorker<Batch extends StageBatch | CopyBatch = StageBatch>(
  worker: Worker,
  setup: ReadSetup,
  stage: (batch: Batch) => void,
  sink: Pick<ReadSink, "error" | "progress">,
): Promise<ReadCounts & { errorsNotSent: number }> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let errorsSent = 0;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      action();
    };
    worker.on("message", (message: WorkerMessage) => {
      if (settled) return;
      try {
        switch (message.kind) {
          case "batch":
            for (const e of message.errors) sink.error(e);
            errorsSent += message.errors.length;
            stage(message.batch as Batch);
            break;
          case "progress":
            sink.progress?.(message.bytesRead, message.totalBytes);
            break;
          case "done": {
            for (const e of message.errors) sink.error(e);
            errorsSent += message.errors.length;
            const { counts } = message;
            settle(() => resolve({ ...counts, rejectedLines: new Set(counts.rejectedLines), aggregates: new Set(counts.aggregates), errorsNotSent: message.errorCount - errorsSent }));
            break;
          }
          case "failed": {
            // The same error classes as on this thread, so callers tell bad input from a bug.
            const what = message.problem ? { ...message.problem, message: message.message } : message.message;
            const error = message.name === "BadInputError" ? new BadInputError(what, message.line)
              : message.name === "MappingError" ? new MappingError(what) : new Error(message.message);
            settle(() => reject(error));
            break;
          }
        }
      } catch (error) {
        settle(() => reject(error));
      }
    });
    worker.on("error", (error) => settle(() => reject(error)));
    worker.on("exit", (code) => settle(() => reject(new Error(`the import's parser worker stopped (exit code ${code})`))));
    worker.postMessage(setup);
  });
}
