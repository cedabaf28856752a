/** Small view helpers for import history rows. */
import { formatDate } from "@corridor/data/pure";

export interface ImportCounts {
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  skippedMissing: number;
}

/** 2026-11-29T02:14:00.000Z → "29 Nov 2026, 02:14 UTC" ("29 ноября 2026 г., 02:14 UTC"): the same on every screen and server. */
export function when(iso: string, locale = "en"): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${formatDate(d.toISOString().slice(0, 10), "day", locale)}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** The catalog keys of an import's counts (messages: Imports.counts.*), in the order they are said. */
export type CountKey = "new" | "changed" | "unchanged" | "missing" | "rejected";

/** The counts line in a page's language: `say(key, n)` words one count, zero parts left out, `none` when all are. */
export function countsIn(row: ImportCounts, say: (key: CountKey, count: number) => string, none: string): string {
  const parts = (
    [
      [row.inserted, "new"],
      [row.updated, "changed"],
      [row.unchanged, "unchanged"],
      [row.skippedMissing, "missing"],
      [row.rejected, "rejected"],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, key]) => say(key, n));
  return parts.length ? parts.join(" · ") : none;
}

/** The options an import ran with, as `name value` pairs worth showing (map flattened to ROLE=COLUMN). */
export function optionPairs(options: Record<string, unknown>): [string, string][] {
  const hidden = new Set(["dryRun", "fileName", "importedBy", "maxErrors", "diff"]);
  return Object.entries(options).flatMap(([key, value]): [string, string][] => {
    if (hidden.has(key) || value === undefined || value === null || value === "") return [];
    if (key === "map" && typeof value === "object") return Object.entries(value as Record<string, string>).map(([role, column]) => ["map", `${role}=${column}`]);
    if (key === "delimiter" && typeof value === "string") return [[key, ({ ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" } as Record<string, string>)[value] ?? value]];
    if (key === "decimal" && (value === "," || value === ".")) return [[key, value === "," ? "comma" : "point"]];
    return [[key, Array.isArray(value) ? value.join(",") : String(value)]];
  });
}
