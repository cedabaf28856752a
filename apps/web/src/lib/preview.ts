/**
 * The upload page's instant preview: what the import will make of a file, worked out in the browser
 * before a byte is sent. Detection itself (encoding, delimiter, format, header, column roles, and
 * the refusals) is the import's own, from @corridor/data/detect; this adds only what the page shows:
 * each column's kind of cells, the rows to render and the mapping still missing. The server's dry
 * run remains the judge.
 */
import { columnRoles, detectFormat, isBlankRow, parseText, sniff, cleanHeader, type ColumnRole, type CsvRow, type EncodingDetection, type Format, type MappingChoices } from "@corridor/data/detect";
import { CountryResolver, mappingProblem, detectDecimalMark, type Problem, parseNumber, parsePeriod, type ColumnMap, type DecimalMark } from "@corridor/data/pure";

export { FORMATS, columnRoles, detectEncoding, detectFormat, periodColumns, type ColumnRole, type Format, type MappingChoices } from "@corridor/data/detect";
/** The encodings the form offers. */
export const ENCODINGS = ["utf-8", "windows-1251", "utf-16le", "utf-16be", "koi8-r", "koi8-u", "ibm866", "iso-8859-5", "windows-1252"] as const;

export type DetectedEncoding = EncodingDetection;
export type PreviewRow = CsvRow;

/** Rows of a text, numbered by physical line as the import numbers them, without a trailing newline's empty row. */
export function parseRows(text: string, delimiter?: string): { rows: PreviewRow[]; delimiter: string } {
  const { rows, delimiter: found } = parseText(text, delimiter);
  while (rows.length && rows.at(-1)!.fields.length === 1 && rows.at(-1)!.fields[0] === "") rows.pop();
  return { rows, delimiter: found || "," };
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
  /** Why the import would refuse the file as a whole, in the import's words. */
  refused?: string;
  /** The same as a code and parameters, when the import codes it (a page words it in its own language). */
  refusedProblem?: Problem;
  headerLine: number;
  header: string[];
  columns: ColumnPreview[];
  /** Every parsed data row (or those of the first `maxBytes` of a large file). */
  rows: PreviewRow[];
  /** Only part of the file was parsed. */
  partial: boolean;
  /** What the tidy mapping still lacks, in the import's words; null when complete. */
  mappingProblem: string | null;
  /** The same as a code and parameters (missing_roles). */
  mappingProblemCoded: Problem | null;
}

export interface ParsedFile {
  encoding: DetectedEncoding;
  delimiter: string;
  rows: PreviewRow[];
  partial: boolean;
  /** A refusal of the bytes themselves (binary, HTML, a wrong declared encoding). */
  refused?: string;
  refusedProblem?: Problem;
}

/** Decodes and parses the file's bytes (or its first part): the costly step, redone only when encoding or delimiter change. */
export function parseFile(bytes: Uint8Array, totalBytes: number, options: Pick<PreviewOptions, "encoding" | "delimiter"> = {}): ParsedFile {
  const { encoding, delimiter, rows, partial, refused } = sniff(bytes, totalBytes, options);
  return { encoding, delimiter, rows, partial, ...(refused ? { refused: refused.message, ...(refused.problem ? { refusedProblem: refused.problem } : {}) } : {}) };
}

/** What the import will make of parsed rows under the form's choices (format, mapping, decimal mark, constants). */
export function describeFile(parsed: ParsedFile, options: PreviewOptions = {}): Preview {
  const { encoding, delimiter, rows, partial } = parsed;
  const detection = detectFormat(rows.slice(0, 200), options.format ?? "auto");
  const headerRow = rows[detection.headerIndex] ?? { line: 1, fields: [] };
  const header = cleanHeader(headerRow.fields);
  const dataRows = rows.filter((r) => r.line > headerRow.line && !isBlankRow(r));
  const roles = columnRoles(detection.format, header, options);
  const valueColumns = roles.flatMap((r, i) => (r === "value" || r === "period-column" ? [i] : []));
  const sample = dataRows.slice(0, 500);
  const decimal =
    options.decimal ??
    detectDecimalMark(
      sample.flatMap((r) => valueColumns.map((i) => r.fields[i] ?? "")),
      delimiter,
    );
  const columns = header.map((name, index) => ({
    index,
    name,
    role: roles[index] ?? null,
    type: columnType(
      sample.map((r) => r.fields[index] ?? ""),
      decimal,
    ),
  }));
  const columnMap: ColumnMap = {};
  roles.forEach((r, i) => {
    if (r && r !== "period-column") columnMap[r] = i;
  });
  const missing = detection.format === "tidy" ? mappingProblem(columnMap, options, header) : null;
  const refused = parsed.refused ?? detection.refused?.message;
  const refusedProblem = parsed.refused ? parsed.refusedProblem : detection.refused?.problem;
  return {
    encoding,
    delimiter,
    decimal,
    format: detection.format,
    headerLine: headerRow.line,
    header,
    columns,
    rows: [headerRow, ...dataRows],
    partial,
    mappingProblem: missing?.message ?? null,
    mappingProblemCoded: missing ? { code: missing.code, params: missing.params } : null,
    ...(refused ? { refused } : {}),
    ...(refused && refusedProblem ? { refusedProblem } : {}),
  };
}

/** Everything the preview shows, from the file's bytes (or its first `maxBytes`). */
export function buildPreview(bytes: Uint8Array, totalBytes: number, options: PreviewOptions = {}): Preview {
  return describeFile(parseFile(bytes, totalBytes, options), options);
}

export const DELIMITER_NAMES: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" };
