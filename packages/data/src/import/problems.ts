/**
 * The import's user-facing problems, each a stable code with its parameters beside the English
 * sentence the CLI prints: a web page renders the code through its message catalog
 * (Upload.problems.<code>), so a Russian reader gets Russian with the same file, line, column and
 * value. One home: every problem a person meets on upload is worded here, in English, once.
 * Browser-safe: no Node imports.
 */

const MISSING_ROLE: Record<string, string> = {
  indicator: "the indicator (no column maps to it and none was given)",
  corridor: "the origin or destination (no column maps to either, none was given, and no country column)",
};

/** Every problem's English wording, by code; the parameters are what a translation may name. */
const ENGLISH = {
  // The file as a whole.
  file_empty: () => "the file is empty (0 bytes)",
  no_rows: () => "the file has no rows (empty or blank lines only)",
  no_data_rows: (p: { line: number }) => `the file has a header (line ${p.line}) but no data rows`,
  binary: () => "this is a binary file, not CSV text (it holds NUL or control bytes)",
  html: () => "this is an HTML page (a saved web page or an error page), not a CSV table",
  line_too_long: (p: { kib: number }) => `line 1 is longer than ${p.kib} KiB with no line break: not a CSV table`,
  unknown_encoding: (p: { encoding: string; known: string }) => `unknown encoding "${p.encoding}" (known: ${p.known})`,
  wrong_encoding: (p: { byte: string; offset: number; guess: string }) =>
    `the file is not valid UTF-8 as declared (byte 0x${p.byte} at offset ${p.offset}); it looks like ${p.guess}: try the encoding ${p.guess}`,
  invalid_utf8: (p: { offset: number }) => `the file is not valid UTF-8 at byte ${p.offset}: a mixed or wrong encoding (try the encoding windows-1251)`,
  truncated_utf8: () => "the file ends inside a UTF-8 character",
  /** `roles`: the missing ones, comma-separated, of indicator, period, value and corridor (origin or destination). */
  missing_roles: (p: { roles: string; header: string }) =>
    `cannot map columns: missing ${p.roles.split(",").map((r) => MISSING_ROLE[r] ?? r).join("; ")}. Header: ${p.header}. Map a column to each missing role, or give the value for every row.`,
  no_such_column: (p: { role: string; column: string; columns: string }) => `the ${p.role} column "${p.column}": no such column (columns: ${p.columns})`,
  too_large: (p: { bytes: number }) => `the upload is over the limit of ${p.bytes} bytes`,
  // One row or cell.
  column_count: (p: { expected: number; found: number }) => `expected ${p.expected} columns, found ${p.found}`,
  not_a_number: (p: { value: string }) => `"${p.value}" is not a number`,
  decimal_point: (p: { value: string }) => `"${p.value}" has a decimal point but this file uses a decimal comma`,
  decimal_comma: (p: { value: string }) => `"${p.value}" has a decimal comma but this file uses a decimal point (try the decimal mark ",")`,
  number_too_large: (p: { value: string }) => `"${p.value}" is not a finite number (too large for a 64-bit float)`,
  number_too_small: (p: { value: string }) => `"${p.value}" is too small for a 64-bit float (it would be stored as 0)`,
  unknown_indicator: (p: { value: string; known: string }) => `unknown indicator "${p.value}" (known: ${p.known}; add one with \`corridor indicators add\`)`,
  empty_indicator: () => "empty indicator",
  unknown_country: (p: { value: string }) => `unknown country "${p.value}"`,
  unknown_country_guess: (p: { value: string; code: string; name: string }) => `unknown country "${p.value}" (did you mean ${p.code}, "${p.name}"?)`,
  empty_country: () => "empty country",
  bad_period: (p: { value: string; reason: string }) => p.reason,
  empty_period: () => "empty period",
  bad_bound: (p: { value: string }) => `bound must be "lower" (published as "more than N"), "upper" ("less than N", "almost N") or empty, not "${p.value}"`,
  formula: () => "looks like a spreadsheet formula; formulas are refused so that exports of this data cannot run them",
  markup: () => "holds HTML markup; text cells take plain text only",
  no_corridor: () => "row has no origin or destination",
  duplicate: (p: { first: number }) => `the same observation appears twice in this file (first on line ${p.first})`,
  no_values: () => "no observation in the file has a value",
} satisfies Record<string, (params: never) => string>;

export type ProblemCode = keyof typeof ENGLISH;
export type ProblemParams<C extends ProblemCode> = Parameters<(typeof ENGLISH)[C]> extends [infer P] ? P : Record<string, never>;

/** A problem as data: what a client renders in its own language (the parameters typed where it is made, by problem()). */
export interface Problem {
  code: ProblemCode;
  params: Readonly<Record<string, string | number>>;
}

/** Every code, for the catalogs' completeness test. */
export const PROBLEM_CODES = Object.keys(ENGLISH) as ProblemCode[];

export function isProblemCode(code: unknown): code is ProblemCode {
  return typeof code === "string" && Object.hasOwn(ENGLISH, code);
}

/** The problem and its English sentence (the CLI's words, the API's `error`). */
export function problem<C extends ProblemCode>(code: C, ...[params]: ProblemParams<C> extends Record<string, never> ? [] : [ProblemParams<C>]): Problem & { message: string } {
  const p = (params ?? {}) as ProblemParams<C>;
  return { code, params: p as Problem["params"], message: (ENGLISH[code] as (params: ProblemParams<C>) => string)(p) };
}
