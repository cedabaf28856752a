/**
 * What a file is, from its first bytes: encoding → text sample → delimiter → rows → format and
 * header → which column plays which role. The import and the upload page's browser preview both
 * call these, so they detect alike and refuse in the same words. Browser-safe: no Node streams, fs
 * or Buffer (Uint8Array, TextDecoder, papaparse, chardet). A refusal is returned, not thrown: the
 * import turns it into its BadInputError or MappingError (decode.ts refusalError), the preview
 * shows it.
 */
import chardet from "chardet";
import Papa from "papaparse";
import { parsePeriod } from "../periods.ts";
import { mapColumns, MappingError, normaliseHeader, type ColumnMap, type Role } from "./normalise.ts";
import { problem, type Problem } from "./problems.ts";

export const FORMATS = ["tidy", "wide", "worldbank", "sdmx"] as const;
export type Format = (typeof FORMATS)[number];

/** Why a file cannot be imported as asked: bad input (the file) or a mapping that cannot apply. */
export interface Refusal {
  kind: "bad-input" | "mapping";
  message: string;
  /** 1-based line the refusal is about, when there is one. */
  line?: number;
  /** The message as code and parameters (problems.ts), for a client's own language. */
  problem?: Problem;
}

/** A bad-input refusal worded by a coded problem. */
function badInput({ message, ...coded }: Problem & { message: string }, line?: number): Refusal {
  return { kind: "bad-input", message, problem: coded, ...(line !== undefined ? { line } : {}) };
}

// ---- Encoding evidence from bytes ----

/** Labels TextDecoder accepts that publications of this kind use, by the names files and chardet give them. */
export const ENCODING_LABELS: ReadonlyMap<string, string> = new Map([
  ["utf-8", "utf-8"], ["utf8", "utf-8"],
  ["utf-16le", "utf-16le"], ["utf-16be", "utf-16be"], ["utf-16", "utf-16le"],
  ["windows-1251", "windows-1251"], ["cp1251", "windows-1251"], ["win1251", "windows-1251"],
  ["koi8-r", "koi8-r"], ["koi8-u", "koi8-u"], ["ibm866", "ibm866"], ["cp866", "ibm866"],
  ["iso-8859-5", "iso-8859-5"], ["windows-1252", "windows-1252"], ["iso-8859-1", "windows-1252"], ["latin1", "windows-1252"],
]);

/** The TextDecoder label for a name, or undefined when it is not one we read. */
export function knownEncoding(label: string): string | undefined {
  return ENCODING_LABELS.get(label.trim().toLowerCase());
}

export function byteOrderMark(bytes: Uint8Array): { encoding: string; bomLength: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", bomLength: 2 };
  return undefined;
}

/** The first invalid UTF-8 position in `bytes` (a sequence cut by the end of the sample is fine), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return -1;
      if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** UTF-16 without a BOM: every other byte of ASCII text is zero. */
export function utf16WithoutBom(bytes: Uint8Array): string | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  if (oddZero > n / 4 && evenZero === 0) return "utf-16le";
  if (evenZero > n / 4 && oddZero === 0) return "utf-16be";
  return undefined;
}

/** Bytes that no text file holds: NUL and most C0 controls (outside UTF-16). */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c)) return true;
  }
  return false;
}

/** Line number (1-based) of byte `offset` in `bytes`, counting LF. */
export function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Not UTF-8: chardet's first encoding we read, else windows-1251 (Russian statistics are why this path exists). */
function guessEncoding(head: Uint8Array): string {
  for (const candidate of chardet.analyse(head)) {
    const known = knownEncoding(candidate.name);
    if (known && known !== "utf-8") return known;
  }
  return "windows-1251";
}

export interface EncodingDetection {
  /** TextDecoder label. */
  encoding: string;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
  /** Why, for the preview: "chosen", "byte-order mark", "valid UTF-8"… */
  reason: string;
  refused?: Refusal;
}

/** Evidence in order: a declared encoding (checked when UTF-8), BOM, UTF-16 without BOM, binary, valid UTF-8, chardet. */
export function detectEncoding(head: Uint8Array, declared?: string): EncodingDetection {
  const mark = byteOrderMark(head);
  if (declared) {
    const encoding = knownEncoding(declared);
    if (!encoding)
      return { encoding: declared, bomLength: 0, reason: "chosen", refused: badInput(problem("unknown_encoding", { encoding: declared, known: [...new Set(ENCODING_LABELS.values())].join(", ") })) };
    const chosen = { encoding, bomLength: mark && mark.encoding === encoding ? mark.bomLength : 0, reason: "chosen" };
    if (encoding === "utf-8") {
      const bad = firstInvalidUtf8(head.subarray(chosen.bomLength));
      if (bad >= 0) {
        const guess = guessEncoding(head);
        return { ...chosen, refused: badInput(problem("wrong_encoding", { byte: head[bad]!.toString(16), offset: bad, guess }), lineAt(head, bad)) };
      }
    }
    return chosen;
  }
  if (mark) return { ...mark, reason: "byte-order mark" };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { encoding: utf16, bomLength: 0, reason: "every other byte is zero" };
  if (looksBinary(head))
    return { encoding: "utf-8", bomLength: 0, reason: "binary", refused: badInput(problem("binary"), 1) };
  if (firstInvalidUtf8(head) === -1) return { encoding: "utf-8", bomLength: 0, reason: "valid UTF-8" };
  const guess = guessEncoding(head);
  return { encoding: guess, bomLength: 0, reason: guess === "windows-1251" ? "not UTF-8; Russian tables are the usual case" : "byte statistics" };
}

// ---- Text sample, delimiter and rows ----

export interface CsvRow {
  /** Physical line (1-based) on which the row starts, counting every line of the file. */
  line: number;
  fields: string[];
}

export const DELIMITERS = [",", ";", "\t", "|"];

/** Assigns physical line numbers: a row spans one line plus one for each newline inside its fields. */
export function withLineNumbers(rows: string[][], firstLine: number): { rows: CsvRow[]; nextLine: number } {
  let line = firstLine;
  const out: CsvRow[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const fields = rows[i]!;
    out[i] = { line, fields };
    line += 1;
    for (const field of fields) {
      if (field.length > 0 && field.indexOf("\n") !== -1) line += field.split("\n").length - 1;
    }
  }
  return { rows: out, nextLine: line };
}

/** Parses already-loaded text fully (samples, previews, small files). */
export function parseText(text: string, delimiter?: string): { rows: CsvRow[]; delimiter: string } {
  const result = Papa.parse<string[]>(text, { delimiter: delimiter ?? "", delimitersToGuess: DELIMITERS, skipEmptyLines: false });
  return { rows: withLineNumbers(result.data, 1).rows, delimiter: result.meta.delimiter };
}

/** Guesses the delimiter from a sample. papaparse's guess is used; a lone column falls back to ",". */
export function sniffDelimiter(sample: string): string {
  const result = Papa.parse<string[]>(sample, { delimitersToGuess: DELIMITERS, preview: 50 });
  return result.meta.delimiter || ",";
}

const looksLikeHtml = (text: string) => /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<\?xml[^>]*>\s*<html)/i.test(text.slice(0, 1024));

export interface Sample {
  encoding: EncodingDetection;
  delimiter: string;
  /** Whole rows only; no phantom empty row for a trailing newline. */
  rows: CsvRow[];
  /** Only part of the file was read. */
  partial: boolean;
  refused?: Refusal;
}

/**
 * Decodes and parses the first bytes of a file (`totalBytes` long): the encoding from its first
 * 64 KiB, whole lines only when the sample stops short, the delimiter sniffed unless given.
 */
export function sniff(bytes: Uint8Array, totalBytes: number, options: { encoding?: string; delimiter?: string } = {}): Sample {
  const encoding = detectEncoding(bytes.subarray(0, 64 * 1024), options.encoding);
  const partial = bytes.length < totalBytes;
  let text = new TextDecoder(encoding.refused ? "utf-8" : encoding.encoding, { ignoreBOM: true }).decode(bytes.subarray(encoding.bomLength), { stream: partial });
  let refused = encoding.refused;
  if (!refused && looksLikeHtml(text)) refused = badInput(problem("html"), 1);
  if (partial) {
    const lastNewline = text.lastIndexOf("\n");
    if (lastNewline === -1) refused ??= badInput(problem("line_too_long", { kib: Math.round(bytes.length / 1024) }), 1);
    else text = text.slice(0, lastNewline);
  }
  const delimiter = options.delimiter ?? sniffDelimiter(text.slice(0, 64 * 1024));
  const rows = parseText(text, delimiter).rows;
  // papaparse keeps a last empty row for a trailing newline; the file has no such line.
  while (rows.length && rows.at(-1)!.fields.length === 1 && rows.at(-1)!.fields[0] === "") rows.pop();
  return { encoding, delimiter, rows, partial, ...(refused ? { refused } : {}) };
}

// ---- Format and header ----

export interface Detection {
  format: Format;
  /** Index into the sampled rows of the header row. */
  headerIndex: number;
  /** World Bank "Last Updated Date", Eurostat LAST UPDATE (ISO). */
  released?: string;
  /** Not a file of this format, or not data at all (World Bank metadata companions). */
  refused?: Refusal;
}

const cleanCell = (h: string) => h.replace(/^\ufeff/, "").trim();
const cells = (row: CsvRow) => row.fields.map(cleanCell);
export const isBlankRow = (row: CsvRow) => row.fields.every((f) => f.trim() === "");

/** Header cells that are periods: 2019, 2021Q1, I квартал 2022… */
export function periodColumns(header: string[]): number[] {
  return header.flatMap((h, i) => (h.trim() !== "" && parsePeriod(h).ok ? [i] : []));
}

/** Recognises a file from its first rows (never its name). */
export function detectFormat(rows: CsvRow[], requested: Format | "auto" = "auto"): Detection {
  const first = rows.findIndex((r) => !isBlankRow(r));
  if (first === -1) return { format: requested === "auto" ? "tidy" : requested, headerIndex: 0, refused: badInput(problem("no_rows"), 1) };
  const head = cells(rows[first]!);
  const lower = head.map((h) => h.toLowerCase());
  const refuse = (message: string, kind: Refusal["kind"] = "bad-input"): Detection =>
    ({ format: requested === "auto" ? "tidy" : requested, headerIndex: first, refused: { kind, message, ...(kind === "bad-input" ? { line: rows[first]!.line } : {}) } });

  // World Bank companion files: recognise and say what they are.
  if (lower[0] === "country code" && lower.includes("region") && lower.includes("incomegroup"))
    return refuse("this is a World Bank Metadata_Country file (regions and income groups of each economy), not data: import the API_… file beside it");
  if (lower[0] === "indicator_code" && lower.includes("source_note"))
    return refuse("this is a World Bank Metadata_Indicator file (the indicator's definition and source note), not data: import the API_… file beside it");

  const wbHeader = rows.findIndex((r) => {
    const c = cells(r).map((x) => x.toLowerCase());
    return c[0] === "country name" && c[1] === "country code" && c[2] === "indicator name" && c[3] === "indicator code";
  });
  if ((requested === "auto" || requested === "worldbank") && wbHeader !== -1) {
    const updated = rows.slice(0, wbHeader).map(cells).find((c) => c[0]?.toLowerCase() === "last updated date")?.[1];
    return { format: "worldbank", headerIndex: wbHeader, ...(updated && parsePeriod(updated).ok ? { released: updated } : {}) };
  }
  if (requested === "worldbank") return refuse("the World Bank format: no \"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\" header found", "mapping");

  if ((requested === "auto" || requested === "sdmx") && (head[0] === "DATAFLOW" || head[0] === "STRUCTURE") && head.includes("TIME_PERIOD") && head.includes("OBS_VALUE")) {
    const updateColumn = head.indexOf("LAST UPDATE");
    const firstData = rows.slice(first + 1).find((r) => !isBlankRow(r));
    const raw = updateColumn >= 0 ? firstData?.fields[updateColumn]?.trim() : undefined;
    const m = raw?.match(/^(\d{2})\/(\d{2})\/(\d{2})/);
    return { format: "sdmx", headerIndex: first, ...(m ? { released: `20${m[3]}-${m[2]}-${m[1]}` } : {}) };
  }
  if (requested === "sdmx") return refuse("the SDMX-CSV format: no DATAFLOW … TIME_PERIOD, OBS_VALUE header found", "mapping");

  if (requested === "wide" || (requested === "auto" && periodColumns(head).length >= 2)) return { format: "wide", headerIndex: first };
  return { format: "tidy", headerIndex: first };
}

// ---- Columns and their roles ----

export interface MappingChoices {
  /** Role → column name (or 1-based number), as the user mapped them. */
  map?: Partial<Record<Role, string>>;
  /** Where a lone country column goes. */
  countryRole?: "origin" | "destination";
}

/** Header cells without BOM and padding. */
export const cleanHeader = (header: string[]) => header.map(cleanCell);

function moveCountry(columns: ColumnMap, choices: MappingChoices): ColumnMap {
  if (choices.countryRole && columns.country !== undefined) {
    columns[choices.countryRole] = columns.country;
    delete columns.country;
  }
  return columns;
}

/** Tidy: a column per role, by the mapping first, then header aliases. Throws MappingError for a mapping naming no column. */
export function tidyColumns(header: string[], choices: MappingChoices): ColumnMap {
  return moveCountry(mapColumns(header, choices.map), choices);
}

/** Wide: periods as columns; the other columns say who and what. Empty `periods` when no header is a period. */
export function wideColumns(header: string[], choices: MappingChoices): { idColumns: ColumnMap; periods: number[] } {
  const clean = cleanHeader(header);
  const periods = periodColumns(clean);
  // Period columns get names no alias can match, so header mapping only sees the identifying columns.
  const idHeader = clean.map((h, i) => (periods.includes(i) ? `\u0000period ${i}` : h));
  const idColumns = mapColumns(idHeader, choices.map);
  delete idColumns.period;
  delete idColumns.value;
  if (idColumns.country === undefined && idColumns.origin === undefined && idColumns.destination === undefined) {
    // A first column of names with no header we know is the row's country.
    const firstText = idHeader.findIndex((_, i) => !periods.includes(i) && !Object.values(idColumns).includes(i));
    if (firstText !== -1) idColumns.country = firstText;
  }
  return { idColumns: moveCountry(idColumns, choices), periods };
}

/** World Bank bulk CSV: country code, indicator code, and a column per year. */
export function worldBankColumns(header: string[], choices: MappingChoices): { country: number; indicator: number; periods: number[]; role: "country" | "origin" | "destination" } {
  const clean = cleanHeader(header);
  const lower = clean.map((h) => h.toLowerCase());
  return { country: lower.indexOf("country code"), indicator: lower.indexOf("indicator code"), periods: periodColumns(clean), role: choices.countryRole ?? "country" };
}

/** Columns of SDMX-CSV that are not dimensions of the observation. */
const NOT_DIMENSIONS = new Set(["dataflow", "structure", "structure_id", "action", "last update", "freq", "unit", "time_period", "obs_value", "obs_flag", "conf_status"]);

export interface SdmxColumns {
  dataflow: number;
  time: number;
  value: number;
  flag: number;
  origin: number;
  destination: number;
  /** Dimension columns, which make the breakdown. */
  dimensions: number[];
}

/** Eurostat SDMX-CSV: dimensions as columns. Throws MappingError for a mapping naming no column. */
export function sdmxColumns(header: string[], choices: MappingChoices): SdmxColumns {
  const clean = header.map((h) => h.trim());
  const find = (...names: string[]) => clean.findIndex((h) => names.includes(h.toLowerCase()) || names.includes(h));
  const mapped = (role: Role, ...names: string[]) => {
    const wanted = choices.map?.[role];
    if (wanted) {
      const i = clean.findIndex((h) => normaliseHeader(h) === normaliseHeader(wanted));
      if (i === -1) throw new MappingError(`the ${role} column "${wanted}": no such column (columns: ${clean.join(", ")})`);
      return i;
    }
    return find(...names);
  };
  const origin = mapped("origin", "citizen", "citizenship", "c_birth");
  const destination = mapped("destination", "geo", "ref_area", "REF_AREA");
  const dimensions = clean.flatMap((h, i) => (!NOT_DIMENSIONS.has(h.toLowerCase()) && i !== origin && i !== destination ? [i] : []));
  return { dataflow: find("DATAFLOW", "STRUCTURE_ID"), time: find("TIME_PERIOD"), value: find("OBS_VALUE"), flag: find("OBS_FLAG"), origin, destination, dimensions };
}

/** A column's role in the import: one of the data roles, a period column of a wide table, or nothing. */
export type ColumnRole = Role | "period-column" | null;

/**
 * Which role each column plays under `format`, as the import's adapter will read it. Never throws:
 * a mapping naming a column that is not there is left out (the import refuses it in its own words).
 */
export function columnRoles(format: Format, header: string[], choices: MappingChoices = {}): ColumnRole[] {
  const clean = cleanHeader(header);
  const present = Object.fromEntries(Object.entries(choices.map ?? {}).filter(([, c]) => c && clean.some((h) => normaliseHeader(h) === normaliseHeader(c))));
  const tolerant = <T>(read: (c: MappingChoices) => T): T => {
    try {
      return read({ ...choices, map: present });
    } catch {
      return read({ countryRole: choices.countryRole });
    }
  };
  const roles: ColumnRole[] = clean.map(() => null);
  const place = (columns: ColumnMap) => {
    for (const [role, index] of Object.entries(columns) as [Role, number][]) roles[index] = role;
  };
  switch (format) {
    case "tidy":
      place(tolerant((c) => tidyColumns(clean, c)));
      break;
    case "wide": {
      const { idColumns, periods } = tolerant((c) => wideColumns(clean, c));
      place(idColumns);
      for (const i of periods) roles[i] = "period-column";
      break;
    }
    case "worldbank": {
      const wb = worldBankColumns(clean, choices);
      if (wb.country !== -1) roles[wb.country] = wb.role;
      if (wb.indicator !== -1) roles[wb.indicator] = "indicator";
      for (const i of wb.periods) roles[i] = "period-column";
      break;
    }
    case "sdmx": {
      const s = tolerant((c) => sdmxColumns(clean, c));
      for (const i of s.dimensions) roles[i] = "breakdown";
      const fixed: [Role, number][] = [["indicator", s.dataflow], ["period", s.time], ["value", s.value], ["flag", s.flag], ["origin", s.origin], ["destination", s.destination]];
      for (const [role, i] of fixed) if (i !== -1) roles[i] = role;
      break;
    }
  }
  return roles;
}
