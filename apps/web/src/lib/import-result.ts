/**
 * What comes back from POST /api/imports: the NDJSON progress stream, the diff summarised for
 * reading, errors placed on the preview's cells, and the revision sparkline's geometry.
 */

// Type-only: erased at build time, so the browser bundle takes nothing from the server-side importer.
import type { DiffChange, DiffGroup, ImportDiff, ImportError, ImportSummary } from "@corridor/data/import";
import { corridorWords } from "@corridor/data/pure";

export type { DiffChange, DiffGroup, ImportDiff, ImportError, ImportSummary };

export type StreamMessage = { progress: { bytesRead: number; totalBytes: number } } | { result: unknown; status: number };

/** Complete NDJSON lines in `text` from `offset`; a last, unfinished line waits for more. */
export function readNdjson(text: string, offset: number): { messages: StreamMessage[]; offset: number } {
  const messages: StreamMessage[] = [];
  let at = offset;
  for (;;) {
    const end = text.indexOf("\n", at);
    if (end === -1) break;
    const line = text.slice(at, end).trim();
    at = end + 1;
    if (line === "") continue;
    try {
      messages.push(JSON.parse(line) as StreamMessage);
    } catch {
      // Not ours to crash on: a proxy's stray line is skipped.
    }
  }
  return { messages, offset: at };
}

/** The last message of a finished stream, which may lack its newline. */
export function finalMessage(text: string, offset: number): StreamMessage | undefined {
  const { messages } = readNdjson(text.endsWith("\n") ? text : `${text}\n`, offset);
  return messages.filter((m) => "result" in m).at(-1);
}

export interface GroupSummary extends DiffGroup {
  key: string;
  /** Work patents issued · Tajikistan → Russian Federation (· breakdown when not total) */
  label: string;
  /** work_patents_issued · TJK → RUS */
  codes: string;
  revisions: DiffChange[];
  additions: DiffChange[];
}

export interface DiffSummary {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Groups with something new or changed first, then by indicator and corridor. */
  groups: GroupSummary[];
  truncated: boolean;
}

/**
 * The diff by group, in words: "Work patents issued · Tajikistan → Russian Federation" (names, as
 * the rest of the app speaks; `codes` keeps "work_patents_issued · TJK → RUS" for a tooltip).
 * `indicatorName` knows the catalogue's names; an unknown code stays a code.
 */
export function summariseDiff(diff: ImportDiff | undefined, indicatorName: (code: string) => string | undefined = () => undefined, locale = "en"): DiffSummary {
  const groups = (diff?.groups ?? []).map((g) => ({
    ...g,
    key: `${g.indicator}|${g.origin}|${g.destination}|${g.breakdown}`,
    label: `${indicatorName(g.indicator) ?? g.indicator} · ${corridorWords(g.origin, g.destination, locale)}${g.breakdown && g.breakdown !== "total" ? ` · ${g.breakdown}` : ""}`,
    codes: `${g.indicator} · ${g.origin} → ${g.destination}`,
    changes: [...g.changes].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0)),
    revisions: g.changes.filter((c) => c.old !== null).sort((a, b) => (a.period < b.period ? -1 : 1)),
    additions: g.changes.filter((c) => c.old === null).sort((a, b) => (a.period < b.period ? -1 : 1)),
  }));
  const busy = (g: GroupSummary) => (g.inserted + g.updated > 0 ? 0 : 1);
  groups.sort((a, b) => busy(a) - busy(b) || a.key.localeCompare(b.key));
  const sum = (k: "inserted" | "updated" | "unchanged") => groups.reduce((n, g) => n + g[k], 0);
  return { inserted: sum("inserted"), updated: sum("updated"), unchanged: sum("unchanged"), groups, truncated: !!diff?.truncated };
}

/** "> " or "< " before a value the publication gives only as a bound (the diff's old and new cells). */
export const boundSign = (bound: DiffChange["newBound"]) => (bound === "lower" ? "> " : bound === "upper" ? "< " : "");

/** Relative change of a revision, for "+4.2%"; null when the old value was zero. */
export function revisionChange(change: DiffChange): number | null {
  if (change.old === null || change.old === 0) return null;
  return ((change.new - change.old) / Math.abs(change.old)) * 100;
}

/** "+4.2%", and small revisions shown as small rather than "+0.0%" (3 757 303 → 3 757 310 is +0.0002%). */
export function formatRevision(change: DiffChange, locale = "en"): string {
  const ru = locale.startsWith("ru");
  // "more than 3 million" replacing "3 million": the same number, a different statement.
  if (change.old === change.new && (change.oldBound ?? null) !== (change.newBound ?? null)) return ru ? "изменилась граница" : "bound changed";
  const p = revisionChange(change);
  if (p === null) return "—";
  // Russian writes a decimal comma and sets the per cent sign apart (as pct() in format.ts).
  const percent = (digits: string) => (ru ? `${digits.replace(".", ",")}\u00a0%` : `${digits}%`);
  if (p === 0) return percent("0");
  const sign = p > 0 ? "+" : "−";
  const size = Math.abs(p);
  return `${sign}${percent(size >= 0.1 ? size.toFixed(1) : size.toPrecision(1))}`;
}

/**
 * Polyline points of old and new values over the changed periods, in a `width`×`height` box
 * (y grows down). Periods with no old value leave a gap in the old line.
 */
export function revisionLines(
  changes: DiffChange[],
  width: number,
  height: number,
  pad = 3,
): {
  old: string[];
  new: string;
  dots: { x: number; y: number; isNew: boolean; oldY: number | null }[];
} {
  if (changes.length === 0) return { old: [], new: "", dots: [] };
  const values = changes.flatMap((c) => (c.old === null ? [c.new] : [c.old, c.new]));
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const x = (i: number) => (changes.length === 1 ? width / 2 : pad + (i / (changes.length - 1)) * (width - 2 * pad));
  const y = (v: number) => +(height - pad - ((v - lo) / span) * (height - 2 * pad)).toFixed(1);
  const pt = (i: number, v: number) => `${+x(i).toFixed(1)},${y(v)}`;
  const oldRuns: string[] = [];
  let run: string[] = [];
  changes.forEach((c, i) => {
    if (c.old === null) {
      if (run.length) oldRuns.push(run.join(" "));
      run = [];
    } else run.push(pt(i, c.old));
  });
  if (run.length) oldRuns.push(run.join(" "));
  return {
    old: oldRuns,
    new: changes.map((c, i) => pt(i, c.new)).join(" "),
    dots: changes.map((c, i) => ({ x: +x(i).toFixed(1), y: y(c.new), isNew: c.old === null, oldY: c.old === null ? null : y(c.old) })),
  };
}

/** The preview's cell for an error: the column is named by its header (or a wide table's period). */
export function errorCell(error: ImportError, header: string[]): { line: number; column: number | null } {
  const wanted = error.column.trim().toLowerCase();
  const index = wanted === "" ? -1 : header.findIndex((h) => h.trim().toLowerCase() === wanted);
  return { line: error.line, column: index === -1 ? null : index };
}

/** Errors by line, for highlighting the preview. */
export function errorsByLine(errors: ImportError[], header: string[]): Map<number, { columns: Set<number>; messages: string[] }> {
  const byLine = new Map<number, { columns: Set<number>; messages: string[] }>();
  for (const e of errors) {
    const cell = errorCell(e, header);
    const entry = byLine.get(e.line) ?? { columns: new Set<number>(), messages: [] };
    if (cell.column !== null) entry.columns.add(cell.column);
    entry.messages.push(e.message);
    byLine.set(e.line, entry);
  }
  return byLine;
}

/** The rows to render around a line: a window of `size` starting a few rows before it. */
export function windowAround<T extends { line: number }>(rows: T[], line: number | null, size: number): { start: number; rows: T[] } {
  if (line === null) return { start: 0, rows: rows.slice(0, size) };
  const at = rows.findIndex((r) => r.line >= line);
  const start = at === -1 ? Math.max(0, rows.length - size) : Math.max(0, Math.min(at - 3, rows.length - size));
  return { start, rows: rows.slice(start, start + size) };
}
