/**
 * The bad-input corpus (issue #8): SYNTHETIC files that every import path must refuse with a clear
 * message naming where, leaving the database untouched. Shared by the CLI test
 * (src/import/bad-input.test.ts) and the web test of POST /api/imports (apps/web/e2e).
 * `args` are CLI flags; `fields` the same options as POST /api/imports form fields.
 */
export const HEADER = "indicator,origin,destination,period,value,flag,source\n";
export const row = (cells: Partial<Record<"indicator" | "origin" | "destination" | "period" | "value" | "flag" | "source", string>>) =>
  [cells.indicator ?? "entries", cells.origin ?? "TJK", cells.destination ?? "RUS", cells.period ?? "2021", cells.value ?? "1", cells.flag ?? "", cells.source ?? ""].join(",") + "\n";
/** A good first data row, so that the bad one is on line 3. */
export const GOOD = row({ period: "2020", value: "5" });

/** Deterministic pseudo-random bytes (xorshift32): the same "random" file on every run. */
export function randomBytes(n: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const utf16le = (text: string, bom = true) => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, "utf16le")]);
const utf16be = (text: string) => {
  const le = Buffer.from(text, "utf16le");
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
};
/** windows-1251 for the Cyrillic this corpus uses (А–я, Ё, ё); ASCII passes through. */
const cp1251 = (text: string) =>
  Buffer.from([...text].map((c) => {
    const code = c.charCodeAt(0);
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    if (c === "Ё") return 0xa8;
    if (c === "ё") return 0xb8;
    throw new Error(`no windows-1251 byte for ${c}`);
  }));

export interface Case {
  name: string;
  content: string | Buffer;
  args?: string[];
  /** The whole output (stdout + stderr) must match every one of these. */
  says: (RegExp | string)[];
}

export const CASES: Case[] = [
  { name: "binary (PNG bytes)", content: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), randomBytes(2048, 7)]), says: [/:1: this is a binary file, not CSV text/] },
  { name: "random bytes", content: randomBytes(16 * 1024), says: [/:1: this is a binary file, not CSV text/] },
  { name: "empty (0 bytes)", content: "", says: [/:1: the file is empty \(0 bytes\)/] },
  { name: "blank lines only", content: "\n\n \r\n", says: [/the file has no rows \(empty or blank lines only\)/] },
  { name: "an HTML error page", content: "<!DOCTYPE html>\n<html><head><title>502</title></head><body>Bad gateway</body></html>\n", says: [/:1: this is an HTML page/] },
  { name: "header only", content: HEADER, says: [/has a header \(line 1\) but no data rows/] },
  { name: "one huge line, no line break (200 KB)", content: "x".repeat(200 * 1024), says: [/:1: line 1 is longer than 64 KiB with no line break/] },
  {
    name: "a huge value field (100,000 digits)",
    content: HEADER + GOOD + row({ value: "9".repeat(100_000) }),
    says: [/line 3, column value, value "9{80}… \(100,000 characters\)": "9{80}… \(100,000 characters\)" is not a finite number/],
  },
  { name: "a huge country field (100,000 letters)", content: HEADER + GOOD + row({ origin: "Q".repeat(100_000) }), says: [/line 3, column origin, value "Q{80}… \(100,000 characters\)": unknown country "Q{80}…"/] },
  { name: "nested quotes in a value", content: HEADER + GOOD + '"entries","TJK","RUS","2021","1""000",,\n', says: ['line 3, column value, value "1\\"000": "1"000" is not a number'] },
  { name: "an unterminated quote", content: HEADER + GOOD + 'entries,TJK,RUS,2021,"1,,\nentries,TJK,RUS,2022,2,,\n', says: [/line 3: unterminated quote: a quoted field is never closed/] },
  { name: "a stray quote inside a field", content: HEADER + GOOD + 'entries,TJK,RUS,2021,1"5,,\n', says: ['line 3, column value, value "1\\"5": "1"5" is not a number'] },
  { name: "UTF-16 LE (BOM) with a bad value", content: utf16le(HEADER + GOOD + row({ value: "три" })), says: [/line 3, column value, value "три": "три" is not a number/] },
  { name: "UTF-16 LE without BOM with a bad period", content: utf16le(HEADER + GOOD + row({ period: "2021-13" }), false), says: [/line 3, column period, value "2021-13": month 13 is not 1–12/] },
  { name: "UTF-16 BE (BOM) with a bad country", content: utf16be(HEADER + GOOD + row({ origin: "Таджикстан" })), says: [/line 3, column origin, value "Таджикстан": unknown country "Таджикстан" \(did you mean TJK/] },
  { name: "windows-1251 with a bad value", content: cp1251("показатель;страна;период;значение\nentries;Таджикистан;2020;5\nentries;Узбекистан;2021;много\n"), args: ["--destination", "RUS"], says: [/windows-1251/, /line 3, column значение, value "много": "много" is not a number/] },
  { name: "windows-1251 declared as UTF-8", content: cp1251("показатель;страна;период;значение\nentries;Таджикистан;2020;5\n"), args: ["--encoding", "utf-8", "--destination", "RUS"], says: [/:1: the file is not valid UTF-8 as declared \(byte 0xef at offset 0\)/, /try the encoding windows-1251/] },
  {
    name: "UTF-8 that turns invalid after the first 64 KiB (mixed encodings)",
    content: Buffer.concat([Buffer.from(HEADER + Array.from({ length: 4000 }, (_, i) => row({ period: String(1800 + (i % 400)), origin: ["TJK", "UZB", "KGZ", "KAZ", "ARM", "AZE", "MDA", "UKR", "BLR", "GEO"][Math.floor(i / 400)]! })).join("")), cp1251("entries,Таджикистан,RUS,2022,1,,\n")]),
    says: [/the file is not valid UTF-8 at byte \d+: a mixed or wrong encoding/],
  },
  { name: "an encoding Corridor does not know", content: HEADER + GOOD, args: ["--encoding", "shift_jis"], says: [/unknown encoding "shift_jis"/] },
  { name: "1e309 (overflows a double)", content: HEADER + GOOD + row({ value: "1e309" }), says: ['line 3, column value, value "1e309": "1e309" is not a finite number'] },
  { name: "NaN", content: HEADER + GOOD + row({ value: "NaN" }), says: ['line 3, column value, value "NaN": "NaN" is not a number'] },
  { name: "Infinity", content: HEADER + GOOD + row({ value: "-Infinity" }), says: ['line 3, column value, value "-Infinity": "-Infinity" is not a number'] },
  { name: "2021-13", content: HEADER + GOOD + row({ period: "2021-13" }), says: ['line 3, column period, value "2021-13": month 13 is not 1–12'] },
  { name: "2021-02-30", content: HEADER + GOOD + row({ period: "2021-02-30" }), says: ['line 3, column period, value "2021-02-30": day 30 does not exist in 2021-02'] },
  { name: "a formula as the value (=1+1)", content: HEADER + GOOD + row({ value: "=1+1" }), says: ['line 3, column value, value "=1+1": "=1+1" is not a number'] },
  { name: "a formula as the value (@SUM(A1))", content: HEADER + GOOD + row({ value: "@SUM(A1)" }), says: ['line 3, column value, value "@SUM(A1)": "@SUM(A1)" is not a number'] },
  { name: "a formula in the source text (=HYPERLINK)", content: HEADER + GOOD + row({ source: '"=HYPERLINK(""http://x.test"",""Rosstat"")"' }), says: [/line 3, column source, value "=HYPERLINK\(.*\)": looks like a spreadsheet formula/] },
  { name: "a formula in the flag (@SUM(A1))", content: HEADER + GOOD + row({ flag: "@SUM(A1)" }), says: ['line 3, column flag, value "@SUM(A1)": looks like a spreadsheet formula'] },
  { name: "a formula as the country (+cmd)", content: HEADER + GOOD + row({ origin: "+cmd|' /C calc'!A0" }), says: [/line 3, column origin, value "\+cmd\|' \/C calc'!A0": unknown country/] },
  { name: "<script> in the source text", content: HEADER + GOOD + row({ source: "<script>alert(1)</script>" }), says: ['line 3, column source, value "<script>alert(1)</script>": holds HTML markup; text cells take plain text only'] },
  { name: "<img onerror> in the flag", content: HEADER + GOOD + row({ flag: "<img src=x onerror=alert(1)>" }), says: [/line 3, column flag, value "<img src=x onerror=alert\(1\)>": holds HTML markup/] },
  { name: "<script> as the country", content: HEADER + GOOD + row({ origin: "<script>alert(1)</script>" }), says: [/line 3, column origin, value "<script>alert\(1\)<\/script>": unknown country/] },
];

/** A case's CLI flags as POST /api/imports form fields (--destination RUS → destination=RUS). */
export function caseFields(c: Case): Record<string, string> {
  const fields: Record<string, string> = {};
  const args = c.args ?? [];
  for (let i = 0; i < args.length; i += 2) fields[args[i]!.replace(/^--/, "")] = args[i + 1]!;
  return fields;
}
