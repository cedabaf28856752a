/**
 * Event writes from the web editor and the write API: one event at a time, input as the readers'
 * raw record (snake_case keys of EVENT_KEYS), validated by normaliseEvent exactly like a Markdown or
 * CSV file, stored by the same code as importEvents. Every change keeps the replaced version (and who
 * replaced it) in event_versions; the data-version triggers on `events` bump ETags and embeds.
 */
import { sql } from "drizzle-orm";
import type { CorridorDb } from "../db.ts";
import { rowsOf } from "../dialect.ts";
import type { SqlRunner } from "../runner.ts";
import { CorridorError } from "../errors.ts";
import { eventVersions as eventVersionsTable } from "../schema.ts";
import { EVENT_KEYS, normaliseEvent, slugify, type EventRecord } from "./model.ts";
import { getEvent, keepVersion, linkErrors, loadRecord, writeEvent, writeLinks, type EventDetail } from "./store.ts";

export interface EventFieldError {
  /** One of EVENT_KEYS (or "input" when the body is not an object). */
  key: string;
  value?: string;
  message: string;
}

/** The input does not make a valid event: every problem, each with the key it belongs to (→ HTTP 422). */
export class EventValidationError extends CorridorError {
  constructor(readonly errors: EventFieldError[]) {
    super("invalid", `invalid event: ${errors.map((e) => `${e.key}: ${e.message}`).join("; ")}`, { errors });
    this.name = "EventValidationError";
  }
}

/** The id is taken, the event is gone, or someone saved a newer version first (→ HTTP 409). */
export class EventConflictError extends CorridorError {
  constructor(
    message: string,
    readonly currentVersion?: number,
  ) {
    super("conflict", message, { currentVersion: currentVersion ?? null });
    this.name = "EventConflictError";
  }
}

/** No event with that id (→ HTTP 404). */
export class EventNotFoundError extends CorridorError {
  constructor(readonly id: string) {
    super("not_found", `event "${id}" does not exist`);
    this.name = "EventNotFoundError";
  }
}

export type EventInput = Partial<Record<(typeof EVENT_KEYS)[number], unknown>> & Record<string, unknown>;

async function validate(db: SqlRunner, input: unknown): Promise<EventRecord> {
  if (!input || typeof input !== "object" || Array.isArray(input))
    throw new EventValidationError([{ key: "input", message: "expected an object with the event's fields" }]);
  const result = normaliseEvent(input as Record<string, unknown>, "input", () => 0);
  if (!result.ok) throw new EventValidationError(result.errors.map(({ key, value, message }) => ({ key: key ?? "input", ...(value !== undefined && { value }), message })));
  const errors = await linkErrors(db, result.record);
  if (errors.length > 0) throw new EventValidationError(errors);
  return result.record;
}

function by(options: { by: string }): string {
  const who = options.by?.trim();
  if (!who) throw new Error("createEvent/updateEvent/deleteEvent need { by }: who made the change");
  return who;
}

/** The id an event gets when none is given: its title's slug and the year it starts. */
export function defaultEventId(title: string, startsOn: string | undefined): string {
  const slug = slugify(title);
  const year = startsOn?.match(/^\d{4}/)?.[0];
  return year && !slug.split("-").includes(year) ? `${slug}-${year}`.replace(/^-/, "") : slug;
}

export async function createEvent(db: CorridorDb, input: EventInput, options: { by: string }): Promise<EventDetail> {
  const who = by(options);
  const raw = { ...input };
  // The id comes from the English title, else the Russian (transliterated).
  const title = [raw.title, raw.title_ru].find((t): t is string => typeof t === "string" && t.trim() !== "");
  if ((raw.id === undefined || String(raw.id).trim() === "") && title)
    raw.id = defaultEventId(title, typeof raw.starts_on === "string" ? raw.starts_on.trim() : undefined);
  const record = await validate(db, raw);
  await db.transaction(async (tx) => {
    if (await loadRecord(tx, record.id)) throw new EventConflictError(`an event with id "${record.id}" already exists`);
    await writeEvent(tx, record, { now: new Date().toISOString(), by: who });
    await writeLinks(tx, record);
  }, `a new event (${record.id})`);
  return (await getEvent(db, record.id))!;
}

/**
 * Replaces an event with `input` (every field: a missing key clears it). `baseVersion` (in the options,
 * or as a `baseVersion` key of the input, as the write API's JSON body carries it) is the version the
 * editor started from; when someone saved since, nothing is written and EventConflictError says so.
 */
export async function updateEvent(db: CorridorDb, id: string, input: EventInput, options: { by: string; baseVersion?: number }): Promise<EventDetail> {
  const who = by(options);
  // The write API may send the version the editor started from inside the JSON body.
  const { baseVersion: bodyVersion, ...raw } = input as EventInput & { baseVersion?: unknown };
  const baseVersion = options.baseVersion ?? (bodyVersion === undefined || bodyVersion === null || bodyVersion === "" ? undefined : Number(bodyVersion));
  if (baseVersion !== undefined && !Number.isSafeInteger(baseVersion))
    throw new EventValidationError([{ key: "baseVersion", value: String(bodyVersion), message: "baseVersion must be a version number" }]);
  if (raw.id === undefined || String(raw.id).trim() === "") raw.id = id;
  if (String(raw.id).trim() !== id)
    throw new EventValidationError([{ key: "id", value: String(raw.id), message: `the id cannot be changed (this is "${id}"): create a new event instead` }]);
  const record = await validate(db, raw);
  await db.transaction(async (tx) => {
    const existing = await loadRecord(tx, id);
    if (!existing) throw new EventNotFoundError(id);
    if (baseVersion !== undefined && baseVersion !== existing.row.version)
      throw new EventConflictError(
        `event "${id}" was changed by ${existing.row.updatedBy} at ${existing.row.updatedAt} (version ${existing.row.version}; you edited version ${baseVersion})`,
        existing.row.version,
      );
    if ((await writeEvent(tx, record, { now: new Date().toISOString(), by: who })) !== "unchanged") await writeLinks(tx, record);
  }, `an edit of event ${id}`);
  return (await getEvent(db, id))!;
}

/**
 * Deletes an event; its last version is kept in event_versions, so its history survives (and an
 * event re-created with the same id continues the numbering). Refused while other events link to
 * it: deleting would silently drop their links.
 */
export async function deleteEvent(db: CorridorDb, id: string, options: { by: string; baseVersion?: number }): Promise<void> {
  const who = by(options);
  await db.transaction(async (tx) => {
    const existing = await loadRecord(tx, id);
    if (!existing) throw new EventNotFoundError(id);
    if (options.baseVersion !== undefined && options.baseVersion !== existing.row.version)
      throw new EventConflictError(`event "${id}" was changed by ${existing.row.updatedBy} since version ${options.baseVersion}`, existing.row.version);
    const referrers = (await tx.all<{ id: string }>(sql`SELECT DISTINCT from_event AS "id" FROM event_links WHERE to_event = ${id} AND from_event <> ${id} ORDER BY 1`)).map((r) => r.id);
    if (referrers.length > 0)
      throw new EventConflictError(`event "${id}" cannot be deleted: ${referrers.join(", ")} link to it; remove those links first`, existing.row.version);
    await keepVersion(tx, existing, { now: new Date().toISOString(), by: who, deleted: true });
    await tx.run(sql`DELETE FROM events WHERE id = ${id}`);
  }, `a delete of event ${id}`);
}

export interface EventVersion {
  version: number;
  replacedAt: string;
  replacedBy: string;
  /** The event as it was in this version, with who wrote it and when. */
  snapshot: EventRecord & { updatedAt?: string; updatedBy?: string };
  /** This version was replaced by a delete (a later version, if any, is a re-creation). */
  deleted: boolean;
}

const NO_RUSSIAN = { titleRu: "", summaryRu: "", bodyRu: "", labelRu: null, translatedBy: null, translatedOn: null, translatedByRu: null, translatedOnRu: null } as const;

/** Replaced versions of an event, oldest first (the current one is getEvent()). */
export async function eventVersions(db: SqlRunner, id: string): Promise<EventVersion[]> {
  const rows = await rowsOf(db, eventVersionsTable, sql`WHERE event_id = ${id} ORDER BY version`);
  return rows.map((r) => {
    const { deleted, ...stored } = r.snapshot as unknown as EventVersion["snapshot"] & { deleted?: boolean };
    // Snapshots written before events had a Russian text hold the English alone.
    const snapshot = { ...NO_RUSSIAN, ...stored };
    return { version: r.version, replacedAt: r.replacedAt, replacedBy: r.replacedBy, snapshot, deleted: deleted === true };
  });
}
