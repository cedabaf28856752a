/**
 * Writes CSV (RFC 4180 quoting) — the one writer, for exports and the read API. Text cells that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) get a leading apostrophe;
 * numbers are left alone, so negative values stay numbers.
 */
import Papa from "papaparse";

export function toCsv(fields: string[], rows: (string | number | null | undefined)[][]): string {
  return `${Papa.unparse({ fields, data: rows.map((r) => r.map((v) => (v === null || v === undefined ? "" : v))) }, { newline: "\r\n", escapeFormulae: true })}\r\n`;
}

/** One column of a CSV table: its header, what it means (for a download's README/metadata) and how a row fills it. */
export interface CsvColumn<Row> {
  name: string;
  description: string;
  value: (row: Row) => string | number | null | undefined;
}

/** A table from its column list: adding a column is one entry, header and rows follow. */
export function columnsCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
  return toCsv(
    columns.map((c) => c.name),
    rows.map((row) => columns.map((c) => c.value(row))),
  );
}

/**
 * A CSV as a file to download: UTF-8 with a byte-order mark, so Excel opens names like "Кыргызстан"
 * or "→" as text rather than mojibake; pandas and R's readr skip the mark (base R's read.csv needs
 * fileEncoding = "UTF-8-BOM", as the README says).
 */
export const CSV_BOM = "\uFEFF";
export function csvFile(csv: string): string {
  return csv.startsWith(CSV_BOM) ? csv : `${CSV_BOM}${csv}`;
}
