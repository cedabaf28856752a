/**
 * What charts leave the dashboard with: the series and the events drawn beside it (one query the
 * read API, the embeds and the images share), the data version that caches key on, and published
 * snapshots that pin a chart's data for reports.
 */
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { CorridorDb } from "./db.ts";
import { snapshots } from "./schema.ts";
import { series, type Series, type SeriesQuery } from "./queries/series.ts";
import { events, type EventSummary } from "./events/store.ts";
import { seriesRange } from "./events/range.ts";

export interface ChartData {
  series: Series;
  /** The corridor's events overlapping the range drawn (the query's, else the data's). */
  events: EventSummary[];
}

export async function chartData(db: CorridorDb, query: SeriesQuery): Promise<ChartData> {
  const s = await series(db, query);
  const found = await events(db, { countries: [s.origin, s.destination], ...seriesRange(s, query) });
  return { series: s, events: found };
}

export interface DataVersion {
  /** Random per database file: a re-created database never reuses an old version's ETag. */
  databaseId: string;
  /** Bumped by triggers on every import, undo and event change. */
  version: number;
}

export async function dataVersion(db: CorridorDb): Promise<DataVersion> {
  const row = db.sqlite.prepare("SELECT database_id AS databaseId, version FROM data_state WHERE id = 1").get() as DataVersion | undefined;
  if (!row) throw new Error("data_state row missing: the database was not migrated by openDb()");
  return row;
}

export interface Snapshot<T = unknown> {
  id: string;
  kind: string;
  query: Record<string, unknown>;
  payload: T;
  dataVersion: number;
  createdAt: string;
}

/** Sorted keys: the same content always serialises, and so hashes, the same. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * Freezes a chart's data. The id derives from the content, so publishing the same view of the same
 * data twice gives the same id (and one row), and an id can never point at different figures.
 */
export async function publishSnapshot<T>(db: CorridorDb, input: { kind: string; query: Record<string, unknown>; payload: T }): Promise<Snapshot<T> & { created: boolean }> {
  const id = createHash("sha256").update(canonicalJson({ kind: input.kind, query: input.query, payload: input.payload })).digest("hex").slice(0, 20);
  const existing = await getSnapshot<T>(db, id);
  if (existing) return { ...existing, created: false };
  const { version } = await dataVersion(db);
  const row = { id, kind: input.kind, query: input.query, payload: input.payload, dataVersion: version, createdAt: new Date().toISOString() };
  // `created` says whether this call added the row (the web audits only those): a concurrent
  // publish of the same content may have won the insert.
  const { changes } = db.orm.insert(snapshots).values(row).onConflictDoNothing().run();
  return { ...row, created: changes > 0 };
}

export async function getSnapshot<T = unknown>(db: CorridorDb, id: string): Promise<Snapshot<T> | undefined> {
  if (!/^[0-9a-f]{20}$/.test(id)) return undefined;
  const row = (await db.orm.select().from(snapshots).where(eq(snapshots.id, id)))[0];
  return row ? { ...row, payload: row.payload as T } : undefined;
}

