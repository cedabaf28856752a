/**
 * What charts leave the dashboard with: the series and the events drawn beside it (one query the
 * read API, the embeds and the images share), the data version that caches key on, and published
 * snapshots that pin a chart's data for reports. A snapshot's payload is stored versioned
 * ({schemaVersion, data}) and parsed on every read; rows written before the version existed (the bare
 * payload) are read as version 1, so a pinned embed published then still renders.
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { rowsOf } from "./dialect.ts";
import { CorridorError } from "./errors.ts";
import type { SqlRunner } from "./runner.ts";
import { bounds, eventDateEnds, snapshots } from "./schema.ts";
import { series, type Series, type SeriesQuery } from "./queries/series.ts";
import { events, type EventSummary } from "./events/store.ts";
import { seriesRange } from "./events/range.ts";

export interface ChartData {
  series: Series;
  /** The corridor's events overlapping the range drawn (the query's, else the data's). */
  events: EventSummary[];
}

/** `related`: also other corridors' events naming one of its countries, marked `related` (the opt-in layer). */
export async function chartData(db: SqlRunner, query: SeriesQuery & { related?: boolean }): Promise<ChartData> {
  const s = await series(db, query);
  const found = await events(db, { corridor: { origin: s.origin, destination: s.destination, related: query.related }, ...seriesRange(s, query) });
  return { series: s, events: found };
}

export interface DataVersion {
  /** Random per database file: a re-created database never reuses an old version's ETag. */
  databaseId: string;
  /** Bumped by triggers on every import, undo and event change. */
  version: number;
}

export async function dataVersion(db: SqlRunner): Promise<DataVersion> {
  const row = await db.get<DataVersion>(sql`SELECT database_id AS "databaseId", version FROM data_state WHERE id = 1`);
  if (!row) throw new Error("data_state row missing: the database was not migrated by openDb()");
  return row;
}

/**
 * The day the observations last changed — the latest committed import or undo — as YYYY-MM-DD, or
 * null before any import: what a chart's footer states as its data date ("data of 2026-11-28"), a
 * date a reader can check against the imports page, where a bare version number says nothing.
 */
export async function dataDate(db: SqlRunner): Promise<string | null> {
  const row = await db.get<{ imported: string | null; undone: string | null }>(
    sql`SELECT (SELECT max(imported_at) FROM imports WHERE status = 'committed') AS "imported", (SELECT max(undone_at) FROM imports) AS "undone"`,
  );
  // The later of the two, in JS: SQLite's two-argument max() is GREATEST in PostgreSQL (dialect.ts).
  const at = [row?.imported ?? "", row?.undone ?? ""].reduce((a, b) => (b > a ? b : a));
  return at ? at.slice(0, 10) : null;
}

export interface Snapshot<T = unknown> {
  id: string;
  kind: string;
  query: Record<string, unknown>;
  payload: T;
  dataVersion: number;
  createdAt: string;
}

/** The payload's layout now; a reader migrates anything older to it. */
export const SNAPSHOT_SCHEMA_VERSION = 1;

/** What the payload column holds since versions: the envelope around the data. */
const versionedPayload = z.strictObject({ schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION), data: z.unknown() });

/** The payload's data in today's layout, whatever version stored it. */
function migratePayload(id: string, stored: unknown): unknown {
  // Before versions the column held the bare payload ({series, events} or a comparison), which is
  // version 1's data as it is. ChartData and CompareData have no `schemaVersion` key.
  if (!stored || typeof stored !== "object" || !("schemaVersion" in stored)) return stored;
  const envelope = versionedPayload.safeParse(stored);
  if (!envelope.success)
    throw new CorridorError("database", `snapshot ${id}: payload schema version ${JSON.stringify((stored as { schemaVersion: unknown }).schemaVersion)} is not one this Corridor reads (${SNAPSHOT_SCHEMA_VERSION})`);
  return envelope.data.data;
}

/**
 * A series snapshot's data (ChartData): the fields the renderers draw, checked so a damaged row is
 * refused with a message rather than drawn wrong; other fields pass through as stored (hence the
 * one cast: the checked fields are ChartData's, the rest is what publishSnapshot wrote).
 */
export const seriesSnapshotData = z.looseObject({
  series: z.looseObject({
    indicator: z.looseObject({ code: z.string(), name: z.string(), unit: z.string() }),
    origin: z.string(),
    destination: z.string(),
    frequency: z.string().nullable(),
    points: z.array(z.looseObject({ period: z.string(), start: z.string(), end: z.string(), value: z.number(), bound: z.enum(bounds).optional() })),
  }),
  // Snapshots published before date certainty existed have no uncertainDates: they read as "both dates sure".
  events: z.array(z.looseObject({ id: z.string(), title: z.string(), kind: z.string(), startsOn: z.string(), uncertainDates: z.array(z.enum(eventDateEnds)).default([]) })),
}) as unknown as z.ZodType<ChartData>;

/** The stored payload (any version) as today's data, checked with `schema`; a CorridorError when it does not fit. */
export function readSnapshotPayload<T>(id: string, stored: unknown, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(migratePayload(id, stored));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CorridorError("database", `snapshot ${id} is damaged: ${issue.path.join(".") || "payload"}: ${issue.message}`);
  }
  return parsed.data;
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
export async function publishSnapshot<T>(db: SqlRunner, input: { kind: string; query: Record<string, unknown>; payload: T }): Promise<Snapshot<T> & { created: boolean }> {
  const id = createHash("sha256").update(canonicalJson({ kind: input.kind, query: input.query, payload: input.payload })).digest("hex").slice(0, 20);
  const existing = await getSnapshot<T>(db, id);
  if (existing) return { ...existing, created: false };
  const { version } = await dataVersion(db);
  const row = { id, kind: input.kind, query: input.query, payload: input.payload, dataVersion: version, createdAt: new Date().toISOString() };
  // `created` says whether this call added the row (the web audits only those): a concurrent
  // publish of the same content may have won the insert. The id hashes the bare payload (as before
  // versions), so republishing what an old row holds still finds that row.
  const stored = { ...row, payload: { schemaVersion: SNAPSHOT_SCHEMA_VERSION, data: input.payload } };
  const { changes } = await db.run(sql`
    INSERT INTO snapshots (id, kind, query, payload, data_version, created_at)
    VALUES (${stored.id}, ${stored.kind}, ${JSON.stringify(stored.query)}, ${JSON.stringify(stored.payload)}, ${stored.dataVersion}, ${stored.createdAt})
    ON CONFLICT DO NOTHING`);
  return { ...row, created: changes > 0 };
}

/**
 * A snapshot with its payload migrated to the current version. `schema` checks the payload's data
 * (e.g. seriesSnapshotData); without one it is returned unchecked, as the caller's `T`.
 */
export async function getSnapshot<T = unknown>(db: SqlRunner, id: string, schema?: z.ZodType<T>): Promise<Snapshot<T> | undefined> {
  if (!/^[0-9a-f]{20}$/.test(id)) return undefined;
  const [row] = await rowsOf(db, snapshots, sql`WHERE id = ${id}`);
  return row ? { ...row, payload: readSnapshotPayload(id, row.payload, schema ?? (z.unknown() as z.ZodType<T>)) } : undefined;
}

