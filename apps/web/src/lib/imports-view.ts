/** Small view helpers for import history rows. */
export interface ImportCounts {
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  skippedMissing: number;
}

/** "12 new · 3 changed · 40 unchanged" with the zero parts left out (but never empty). */
export function countsLine(row: ImportCounts): string {
  const parts = [
    [row.inserted, "new"],
    [row.updated, "changed"],
    [row.unchanged, "unchanged"],
    [row.skippedMissing, "missing skipped"],
    [row.rejected, "rejected"],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, label]) => `${new Intl.NumberFormat("en").format(n as number)} ${label}`);
  return parts.length ? parts.join(" · ") : "no observations";
}

/** 2026-11-29T02:14:00.000Z → "29 Nov 2026, 02:14 UTC": the same on every screen and server. */
export function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
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
