/**
 * Writes CSV (RFC 4180 quoting) — the one writer, for exports and the read API. Text cells that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) get a leading apostrophe;
 * numbers are left alone, so negative values stay numbers.
 */
import Papa from "papaparse";

export function toCsv(fields: string[], rows: (string | number | null | undefined)[][]): string {
  return `${Papa.unparse({ fields, data: rows.map((r) => r.map((v) => (v === null || v === undefined ? "" : v))) }, { newline: "\r\n", escapeFormulae: true })}\r\n`;
}
