/**
 * Event readers: Markdown with YAML front matter (the body is the event's text: English, then
 * Russian after a `<!-- lang: ru -->` line) and CSV with the same columns (`body_ru` for the Russian). Pure: text in, records or located errors out.
 */
import { LineCounter, parseDocument, isMap, isScalar, type Pair } from "yaml";
import { basename } from "node:path";
import { parseText, sniffDelimiter } from "../import/detect.ts";
import { normaliseEvent, type EventError, type EventRecord } from "./model.ts";

export interface ReadResult {
  records: EventRecord[];
  errors: EventError[];
}

const FRONT_MATTER = /^\ufeff?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** The line that starts the Russian body in a Markdown event file; the text before it is the English body. */
export const RU_MARKER = "<!-- lang: ru -->";
const LANG_MARKER = /^[ \t]*<!--\s*lang:\s*(\S*)\s*-->[ \t]*$/i;

/** The body split at `<!-- lang: ru -->` (and `<!-- lang: en -->`): English first by default. */
function splitBodies(body: string): { en: string; ru: string; ruLine: number } | { error: string; line: number; value: string } {
  const out = { en: [] as string[], ru: [] as string[] };
  let lang: "en" | "ru" = "en";
  const seen = new Set<string>();
  let ruLine: number | undefined;
  for (const [i, line] of body.split(/\r?\n/).entries()) {
    const marker = line.match(LANG_MARKER);
    if (!marker) {
      out[lang].push(line);
      continue;
    }
    const code = marker[1]!.toLowerCase();
    if (code !== "en" && code !== "ru") return { error: `unknown language "${code}" in a body marker (en or ru)`, line: i, value: line.trim() };
    if (seen.has(code)) return { error: `a second ${code} section: each language's body is written once`, line: i, value: line.trim() };
    seen.add(code);
    lang = code;
    if (code === "ru") ruLine = i + 1;
  }
  return { en: out.en.join("\n"), ru: out.ru.join("\n"), ruLine: ruLine ?? 0 };
}

export function readMarkdownEvent(file: string, content: string): ReadResult {
  const match = content.match(FRONT_MATTER);
  if (!match) return { records: [], errors: [{ file, line: 1, message: "no YAML front matter (the file must start with ---)" }] };
  const yamlText = match[1]!;
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      records: [],
      errors: doc.errors.map((e) => ({ file, line: 1 + (e.linePos?.[0]?.line ?? 1), message: `front matter: ${e.message.split("\n")[0]}` })),
    };
  }
  if (!isMap(doc.contents)) return { records: [], errors: [{ file, line: 2, message: "front matter must be a mapping of keys" }] };
  // Line 1 is the opening ---, so front matter line n is file line n + 1.
  const lines = new Map<string, number>();
  for (const pair of doc.contents.items as Pair[]) {
    if (isScalar(pair.key) && pair.key.range) lines.set(String(pair.key.value), lineCounter.linePos(pair.key.range[0]).line + 1);
  }
  const data = doc.toJS() as Record<string, unknown>;
  for (const key of ["body", "body_ru"])
    if (key in data)
      return {
        records: [],
        errors: [{ file, line: lines.get(key) ?? 2, key, message: `the body is the Markdown after the front matter (the Russian after a line ${RU_MARKER}), not a key` }],
      };
  const bodies = splitBodies(content.slice(match[0].length));
  const bodyLine = (match[0].match(/\n/g)?.length ?? 0) + 1;
  if ("error" in bodies) return { records: [], errors: [{ file, line: bodyLine + bodies.line, key: "body", value: bodies.value, message: bodies.error }] };
  const input = { id: basename(file).replace(/\.md$/i, ""), ...data, body: bodies.en, body_ru: bodies.ru };
  // Errors in a body point at its first line.
  lines.set("body", bodyLine);
  lines.set("body_ru", bodyLine + bodies.ruLine);
  const result = normaliseEvent(input, file, (key) => lines.get(key) ?? 1);
  return result.ok ? { records: [result.record], errors: [] } : { records: [], errors: result.errors };
}

export function readCsvEvents(file: string, content: string): ReadResult {
  const text = content.replace(/^\ufeff/, "");
  // The delimiter is guessed from the header alone: its keys never hold one, while the rows' lists
  // ("RUS;TJK:affected", tags) are full of semicolons that can out-vote the commas in a guess.
  const { rows } = parseText(text, sniffDelimiter(text.split(/\r?\n/).find((l) => l.trim() !== "") ?? ""));
  const header = rows.find((r) => r.fields.some((f) => f.trim() !== ""));
  if (!header) return { records: [], errors: [{ file, line: 1, message: "the file is empty" }] };
  const keys = header.fields.map((h) => h.trim().toLowerCase());
  const records: EventRecord[] = [];
  const errors: EventError[] = [];
  for (const row of rows) {
    if (row.line <= header.line || row.fields.every((f) => f.trim() === "")) continue;
    if (row.fields.length !== keys.length) {
      errors.push({ file, line: row.line, message: `expected ${keys.length} columns, found ${row.fields.length}` });
      continue;
    }
    const input: Record<string, unknown> = {};
    keys.forEach((key, i) => {
      if (row.fields[i]!.trim() !== "") input[key] = row.fields[i];
    });
    const result = normaliseEvent(input, file, () => row.line);
    if (result.ok) records.push(result.record);
    else errors.push(...result.errors);
  }
  return { records, errors };
}
