/**
 * import: detect → sniff → map → stream-parse → normalise → write, in one transaction.
 * All-or-nothing by default: any error and nothing is written; a crash midway leaves the database
 * as it was (the transaction never commits).
 */
import { createHash } from "node:crypto";
import { createReadStream, existsSync, statSync } from "node:fs";
import { basename } from "node:path";
import type { CorridorDb } from "../db.ts";
import { CountryResolver } from "../countries.ts";
import { IndicatorResolver } from "../indicators.ts";
import { detectDecimalMark, type DecimalMark } from "../numbers.ts";
import { indicators as indicatorsTable } from "../schema.ts";
import { parseText, readHead, sniffDelimiter, streamCsv, type CsvRow } from "./csv.ts";
import { checkMapping, mapColumns, MappingError, TidyRowNormaliser, type Role } from "./tidy.ts";
import { ObservationWriter } from "./writer.ts";

export { MappingError } from "./tidy.ts";
export type { Role } from "./tidy.ts";

export interface ImportOptions {
  format?: "auto" | "tidy";
  indicator?: string;
  origin?: string;
  destination?: string;
  source?: string;
  map?: Partial<Record<Role, string>>;
  decimal?: DecimalMark | "auto";
  delimiter?: string;
  dryRun?: boolean;
  /** Who runs the import (user e-mail, token name, "cli"). */
  importedBy?: string;
  /** Shown in history instead of the path's base name (uploads). */
  fileName?: string;
  maxErrors?: number;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export interface ImportError {
  line: number;
  column: string;
  value: string;
  message: string;
}

export interface ImportSummary {
  /** null when nothing was written (dry run or errors). */
  importId: number | null;
  format: string;
  fileName: string;
  sha256: string;
  delimiter: string;
  decimal: DecimalMark;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows whose value was missing (`..`, `:`, empty…): skipped and counted, never zero. */
  skipped: number;
  rejected: number;
  /** The first `maxErrors` errors; `errorCount` counts them all. */
  errors: ImportError[];
  errorCount: number;
  dryRun: boolean;
  committed: boolean;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** The first row whose cells are not all blank is the header; lines before it are a preamble. */
function findHeader(rows: CsvRow[]): CsvRow | undefined {
  return rows.find((r) => r.fields.some((f) => f.trim() !== ""));
}

export async function importFile(db: CorridorDb, path: string, options: ImportOptions = {}): Promise<ImportSummary> {
  if (!existsSync(path) || !statSync(path).isFile()) throw new MappingError(`${path}: no such file`);
  const fileName = options.fileName ?? basename(path);
  const maxErrors = options.maxErrors ?? 100;
  const sha256 = await sha256File(path);

  // Sniff the dialect and header from the first 64 KiB.
  const head = readHead(path);
  const delimiter = options.delimiter ?? sniffDelimiter(head.text);
  const sample = parseText(head.text, delimiter).rows;
  const headerRow = findHeader(sample);
  if (!headerRow) throw new MappingError(`${fileName}: the file is empty`);
  const header = headerRow.fields;
  const map = mapColumns(header, options.map);
  const tidy = { indicator: options.indicator, origin: options.origin, destination: options.destination, source: options.source, map: options.map };
  const mappingProblem = checkMapping(map, { ...tidy, decimal: "." }, header);
  if (mappingProblem) throw new MappingError(`${fileName}: ${mappingProblem}`);
  const decimal: DecimalMark =
    options.decimal && options.decimal !== "auto"
      ? options.decimal
      : detectDecimalMark(sample.filter((r) => r.line > headerRow.line).map((r) => r.fields[map.value!] ?? ""), delimiter);

  const indicatorRows = await db.orm.select().from(indicatorsTable);
  const normaliser = new TidyRowNormaliser(header, map, { ...tidy, decimal }, new CountryResolver(), new IndicatorResolver(indicatorRows));

  const summary: ImportSummary = {
    importId: null, format: "tidy", fileName, sha256, delimiter, decimal,
    rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, skipped: 0, rejected: 0,
    errors: [], errorCount: 0, dryRun: !!options.dryRun, committed: false,
  };
  const report = (error: ImportError) => {
    summary.errorCount++;
    if (summary.errors.length < maxErrors) summary.errors.push(error);
  };

  const { sqlite } = db;
  // Every indicator and country a row can carry was resolved against the same catalog and registry
  // the foreign keys point at, so checking them again per row only costs time (~15% of an import).
  const foreignKeys = sqlite.pragma("foreign_keys", { simple: true }) as number;
  sqlite.pragma("foreign_keys = OFF");
  sqlite.exec("BEGIN IMMEDIATE");
  try {
    const importId = Number(
      sqlite
        .prepare(
          `INSERT INTO imports (file_name, sha256, format, options, imported_by, imported_at) VALUES (?, ?, 'tidy', ?, ?, ?)`,
        )
        .run(fileName, sha256, JSON.stringify(optionsForHistory(options, delimiter, decimal)), options.importedBy ?? "cli", new Date().toISOString())
        .lastInsertRowid,
    );
    const writer = new ObservationWriter(sqlite, importId);
    const expected = header.length;

    await streamCsv(path, {
      delimiter,
      onProgress: options.onProgress,
      onRows: (rows) => {
        for (const row of rows) {
          if (row.line <= headerRow.line) continue;
          const { fields, line } = row;
          if (fields.length === 1 && fields[0]!.trim() === "") continue; // blank line
          summary.rowsRead++;
          if (fields.length !== expected) {
            summary.rejected++;
            report({ line, column: "", value: fields.join(delimiter).slice(0, 80), message: `expected ${expected} columns, found ${fields.length}` });
            continue;
          }
          const result = normaliser.normalise(fields);
          if (result.kind === "missing") {
            summary.skipped++;
            continue;
          }
          if (result.kind === "errors") {
            summary.rejected++;
            for (const e of result.errors) report({ line, ...e });
            continue;
          }
          const outcome = writer.write(result.observation, line);
          if (typeof outcome === "object") {
            summary.rejected++;
            const o = result.observation;
            report({
              line, column: "", value: `${o.indicator} ${o.origin}→${o.destination} ${o.period.period} ${o.breakdown}`,
              message: `the same observation appears twice in this file (first on line ${outcome.duplicateOfLine})`,
            });
          } else summary[outcome]++;
        }
      },
    });

    if (summary.errorCount > 0 || options.dryRun) {
      sqlite.exec("ROLLBACK");
      return summary;
    }
    sqlite
      .prepare(
        `UPDATE imports SET rows_read = ?, inserted = ?, updated = ?, unchanged = ?, rejected = ?, skipped_missing = ? WHERE id = ?`,
      )
      .run(summary.rowsRead, summary.inserted, summary.updated, summary.unchanged, summary.rejected, summary.skipped, importId);
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

function optionsForHistory(options: ImportOptions, delimiter: string, decimal: DecimalMark): Record<string, unknown> {
  const { onProgress: _progress, ...rest } = options;
  return { ...rest, delimiter, decimal };
}
