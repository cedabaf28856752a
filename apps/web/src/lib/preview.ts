/**
 * The upload page's instant preview: what the import will make of a file, worked out in the browser
 * before a byte is sent. It follows the data package's rules step for step (decode.ts → csv.ts →
 * formats.ts → tidy.ts) and reuses the pure ones (header aliases, periods, numbers, countries), so the
 * preview and the server agree; the server's dry run remains the judge.
 */
import Papa from "papaparse";
import chardet from "chardet";
import {
  CountryResolver, byteOrderMark, checkMapping, detectDecimalMark, firstInvalidUtf8, knownEncoding, mapColumns, parseNumber, parsePeriod, utf16WithoutBom,
  type ColumnMap, type DecimalMark, type Role,
} from "@corridor/data/pure";

export const FORMATS = ["tidy", "wide", "worldbank", "sdmx"] as const;
export type Format = (typeof FORMATS)[number];
export const ENCODINGS = ["utf-8", "windows-1251", "utf-16le", "utf-16be", "koi8-r", "koi8-u", "ibm866", "iso-8859-5", "windows-1252"] as const;
export const DELIMITERS = [",", ";", "\t", "|"];

export interface DetectedEncoding {
  encoding: string;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
  /** Why: "byte-order mark", "valid UTF-8", "chardet", "chosen". */
  reason: string;
}

/** Same order of evidence as decode.ts: BOM, UTF-16 without BOM, valid UTF-8, then chardet (Cyrillic by default). */
export function detectEncoding(head: Uint8Array, declared?: string): DetectedEncoding {
  const mark = byteOrderMark(head);
  if (declared) return { encoding: declared, bomLength: mark && mark.encoding === declared ? mark.bomLength : 0, reason: "chosen" };
  if (mark) return { ...mark, reason: "byte-order mark" };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { encoding: utf16, bomLength: 0, reason: "every other byte is zero" };
  if (firstInvalidUtf8(head) === -1) return { encoding: "utf-8", bomLength: 0, reason: "valid UTF-8" };
  for (const candidate of chardet.analyse(head)) {
    const known = knownEncoding(candidate.name);
    if (known && known !== "utf-8") return { encoding: known, bomLength: 0, reason: "byte statistics" };
  }
  return { encoding: "windows-1251", bomLength: 0, reason: "not UTF-8; Russian tables are the usual case" };
}

export interface PreviewRow {
  /** Physical line (1-based), as the server reports errors. */
  line: number;
  fields: string[];
}

/** Parses text with papaparse and numbers rows by physical line, like csv.ts. */
export function parseRows(text: string, delimiter?: string): { rows: PreviewRow[]; delimiter: string } {
  const result = Papa.parse<string[]>(text, { delimiter: delimiter ?? "", delimitersToGuess: DELIMITERS, skipEmptyLines: false });
  let line = 1;
  const rows = result.data.map((fields) => {
    const row = { line, fields };
    line += 1;
    for (const f of fields) if (f.includes("\n")) line += f.split("\n").length - 1;
    return row;
  });
  // papaparse keeps a last empty row for a trailing newline; the file has no such line.
  while (rows.length && rows.at(-1)!.fields.length === 1 && rows.at(-1)!.fields[0] === "") rows.pop();
  return { rows, delimiter: result.meta.delimiter || "," };
}

const clean = (h: string) => h.replace(/^\ufeff/, "").trim();
const isBlank = (r: PreviewRow) => r.fields.every((f) => f.trim() === "");

export function periodColumns(header: string[]): number[] {
  return header.flatMap((h, i) => (h.trim() !== "" && parsePeriod(h).ok ? [i] : []));
}

export interface FormatGuess {
  format: Format;
  headerIndex: number;
  /** A file that is not data (World Bank metadata companions), with why. */
  refused?: string;
}

/** formats.ts's detectFormat, for a sample of rows. */
export function detectFormat(rows: PreviewRow[], requested: Format | "auto" = "auto"): FormatGuess {
  const first = Math.max(0, rows.findIndex((r) => !isBlank(r)));
  const head = (rows[first]?.fields ?? []).map(clean);
  const lower = head.map((h) => h.toLowerCase());
  if (lower[0] === "country code" && lower.includes("region") && lower.includes("incomegroup"))
    return { format: "tidy", headerIndex: first, refused: "a World Bank Metadata_Country file (regions and income groups), not data: upload the API_… file beside it" };
  if (lower[0] === "indicator_code" && lower.includes("source_note"))
    return { format: "tidy", headerIndex: first, refused: "a World Bank Metadata_Indicator file (the indicator's definition), not data: upload the API_… file beside it" };
  const wb = rows.findIndex((r) => {
    const c = r.fields.map((x) => clean(x).toLowerCase());
    return c[0] === "country name" && c[1] === "country code" && c[2] === "indicator name" && c[3] === "indicator code";
  });
  if ((requested === "auto" || requested === "worldbank") && wb !== -1) return { format: "worldbank", headerIndex: wb };
  if ((requested === "auto" || requested === "sdmx") && (head[0] === "DATAFLOW" || head[0] === "STRUCTURE") && head.includes("TIME_PERIOD") && head.includes("OBS_VALUE"))
    return { format: "sdmx", headerIndex: first };
  if (requested === "wide" || (requested === "auto" && periodColumns(head).length >= 2)) return { format: "wide", headerIndex: first };
  return { format: requested === "auto" ? "tidy" : requested, headerIndex: first };
}

/** A column's role in the import: one of the data roles, a period column of a wide table, or nothing. */
export type ColumnRole = Role | "period-column" | null;

export interface MappingChoices {
  map?: Partial<Record<Role, string>>;
  countryRole?: "origin" | "destination";
}

/** Which role each column plays under `format`, as the server's adapter will read it. */
export function columnRoles(format: Format, header: string[], choices: MappingChoices = {}): ColumnRole[] {
  const names = header.map(clean);
  const roles: ColumnRole[] = names.map(() => null);
  const place = (columns: ColumnMap) => {
    for (const [role, index] of Object.entries(columns) as [Role, number][]) roles[index] = role;
  };
  const moveCountry = (columns: ColumnMap) => {
    if (choices.countryRole && columns.country !== undefined) {
      columns[choices.countryRole] = columns.country;
      delete columns.country;
    }
    return columns;
  };
  switch (format) {
    case "tidy":
      place(moveCountry(safeMap(names, choices.map)));
      break;
    case "wide": {
      const periods = periodColumns(names);
      const ids = safeMap(names.map((h, i) => (periods.includes(i) ? `\u0000period ${i}` : h)), choices.map);
      delete ids.period;
      delete ids.value;
      if (ids.country === undefined && ids.origin === undefined && ids.destination === undefined) {
        const firstText = names.findIndex((_, i) => !periods.includes(i) && !Object.values(ids).includes(i));
        if (firstText !== -1) ids.country = firstText;
      }
      place(moveCountry(ids));
      for (const i of periods) roles[i] = "period-column";
      break;
    }
    case "worldbank": {
      const lower = names.map((h) => h.toLowerCase());
      const country = lower.indexOf("country code");
      if (country !== -1) roles[country] = choices.countryRole ?? "country";
      const indicator = lower.indexOf("indicator code");
      if (indicator !== -1) roles[indicator] = "indicator";
      for (const i of periodColumns(names)) roles[i] = "period-column";
      break;
    }
    case "sdmx": {
      const find = (...wanted: string[]) => names.findIndex((h) => wanted.includes(h.toLowerCase()));
      const byName = (role: Role, ...wanted: string[]) => {
        const chosen = choices.map?.[role];
        return chosen ? names.findIndex((h) => h.toLowerCase() === chosen.toLowerCase()) : find(...wanted);
      };
      const fixed: [Role, number][] = [
        ["indicator", find("dataflow", "structure_id")], ["period", find("time_period")], ["value", find("obs_value")], ["flag", find("obs_flag")],
        ["origin", byName("origin", "citizen", "citizenship", "c_birth")], ["destination", byName("destination", "geo", "ref_area")],
      ];
      const notDimensions = new Set(["dataflow", "structure", "structure_id", "action", "last update", "freq", "unit", "time_period", "obs_value", "obs_flag", "conf_status"]);
      names.forEach((h, i) => {
        if (!notDimensions.has(h.toLowerCase())) roles[i] = "breakdown";
      });
      for (const [role, i] of fixed) if (i !== -1) roles[i] = role;
      break;
    }
  }
  return roles;
}

/** mapColumns without throwing: a `map` naming a column that is not there is the server's to refuse. */
function safeMap(header: string[], map: Partial<Record<Role, string>> = {}): ColumnMap {
  const present = Object.fromEntries(Object.entries(map).filter(([, column]) => column && header.some((h) => h.toLowerCase() === column.toLowerCase())));
  try {
    return mapColumns(header, present);
  } catch {
    return mapColumns(header);
  }
}

export type ColumnType = "number" | "period" | "country" | "text" | "empty";

let resolver: CountryResolver | undefined;

/** What a column's cells are: numbers (with the file's decimal mark), periods, countries, or text. */
export function columnType(cells: string[], decimal: DecimalMark): ColumnType {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== "");
  if (filled.length === 0) return "empty";
  const all = (test: (c: string) => boolean) => filled.every(test);
  if (all((c) => parseNumber(c, decimal).kind !== "error") && filled.some((c) => parseNumber(c, decimal).kind === "number")) {
    // Years are numbers too; a column of plausible years reads better as periods.
    return all((c) => /^(1[89]|20)\d\d$/.test(c)) ? "period" : "number";
  }
  if (all((c) => parsePeriod(c).ok)) return "period";
  resolver ??= new CountryResolver();
  if (all((c) => resolver!.resolve(c).ok)) return "country";
  return "text";
}

export interface ColumnPreview {
  index: number;
  name: string;
  role: ColumnRole;
  type: ColumnType;
}

export interface PreviewOptions extends MappingChoices {
  encoding?: string;
  delimiter?: string;
  decimal?: DecimalMark;
  format?: Format;
  /** Constants the form gives (the mapping check needs them). */
  indicator?: string;
  origin?: string;
  destination?: string;
}

export interface Preview {
  encoding: DetectedEncoding;
  delimiter: string;
  decimal: DecimalMark;
  format: Format;
  refused?: string;
  headerLine: number;
  header: string[];
  columns: ColumnPreview[];
  /** Every parsed data row (or those of the first `maxBytes` of a large file). */
  rows: PreviewRow[];
  /** Only part of the file was parsed. */
  partial: boolean;
  /** What the tidy mapping still lacks, in the import's words; null when complete. */
  mappingProblem: string | null;
}

/** Cuts a byte sample at its last line break so no row is half read. */
function wholeLines(text: string, complete: boolean): string {
  if (complete) return text;
  const last = text.lastIndexOf("\n");
  return last === -1 ? text : text.slice(0, last);
}

export interface ParsedFile {
  encoding: DetectedEncoding;
  delimiter: string;
  rows: PreviewRow[];
  partial: boolean;
}

/** Decodes and parses the file's bytes (or its first part): the costly step, redone only when encoding or delimiter change. */
export function parseFile(bytes: Uint8Array, totalBytes: number, options: Pick<PreviewOptions, "encoding" | "delimiter"> = {}): ParsedFile {
  const encoding = detectEncoding(bytes.subarray(0, 64 * 1024), options.encoding);
  const complete = bytes.length >= totalBytes;
  const text = wholeLines(new TextDecoder(encoding.encoding, { ignoreBOM: true }).decode(bytes.subarray(encoding.bomLength), { stream: !complete }), complete);
  const delimiter = options.delimiter ?? parseRows(text.slice(0, 64 * 1024)).delimiter;
  return { encoding, delimiter, rows: parseRows(text, delimiter).rows, partial: !complete };
}

/** What the import will make of parsed rows under the form's choices (format, mapping, decimal mark, constants). */
export function describeFile(parsed: ParsedFile, options: PreviewOptions = {}): Preview {
  const { encoding, delimiter, rows, partial } = parsed;
  const detection = detectFormat(rows.slice(0, 200), options.format ?? "auto");
  const headerRow = rows[detection.headerIndex] ?? { line: 1, fields: [] };
  const header = headerRow.fields.map(clean);
  const dataRows = rows.filter((r) => r.line > headerRow.line && !isBlank(r));
  const roles = columnRoles(detection.format, header, options);
  const valueColumns = roles.flatMap((r, i) => (r === "value" || r === "period-column" ? [i] : []));
  const sample = dataRows.slice(0, 500);
  const decimal = options.decimal ?? detectDecimalMark(sample.flatMap((r) => valueColumns.map((i) => r.fields[i] ?? "")), delimiter);
  const columns = header.map((name, index) => ({ index, name, role: roles[index] ?? null, type: columnType(sample.map((r) => r.fields[index] ?? ""), decimal) }));
  const columnMap: ColumnMap = {};
  roles.forEach((r, i) => {
    if (r && r !== "period-column") columnMap[r] = i;
  });
  const mappingProblem = detection.format === "tidy" ? checkMapping(columnMap, options, header) : null;
  return {
    encoding, delimiter, decimal, format: detection.format, headerLine: headerRow.line, header, columns,
    rows: [headerRow, ...dataRows], partial, mappingProblem,
    ...(detection.refused ? { refused: detection.refused } : {}),
  };
}

/** Everything the preview shows, from the file's bytes (or its first `maxBytes`). */
export function buildPreview(bytes: Uint8Array, totalBytes: number, options: PreviewOptions = {}): Preview {
  return describeFile(parseFile(bytes, totalBytes, options), options);
}

export const DELIMITER_NAMES: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" };
