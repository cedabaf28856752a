/** Writes CSV (RFC 4180 quoting) — the one writer, for exports and the read API. */
import Papa from "papaparse";

export function toCsv(fields: string[], rows: (string | number | null | undefined)[][]): string {
  return `${Papa.unparse({ fields, data: rows.map((r) => r.map((v) => (v === null || v === undefined ? "" : v))) }, { newline: "\r\n" })}\r\n`;
}
