/**
 * Event writes from the web editor and the write API: one event at a time, input as the readers'
 * raw record (snake_case keys of EVENT_KEYS), validated by normaliseEvent exactly like a Markdown or
 * CSV file, stored by the same code as importEvents. Every change keeps the replaced version (and who
 * replaced it) in event_versions; the data-version triggers on `events` bump ETags and embeds.
 */
import { asc, eq } from "drizzle-orm";
import type { CorridorDb } from "../db.ts";
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

function validate(db: CorridorDb, input: unknown): EventRecord {
  if (!input || typeof input !== "object" || Array.isArray(input))
    throw new EventValidationError([{ key: "input", message: "expected an object with the event's fields" }]);
  const result = normaliseEvent(input as Record<string, unknown>, "input", () => 0);
  if (!result.ok) throw new EventValidationError(result.errors.map(({ key, value, message }) => ({ key: key ?? "input", ...(value !== undefined && { value }), message })));
  const errors = linkErrors(db, result.record);
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
  const record = validate(db, raw);
  db.sqlite.transaction(() => {
    if (loadRecord(db, record.id)) throw new EventConflictError(`an event with id "${record.id}" already exists`);
    writeEvent(db, record, { now: new Date().toISOString(), by: who });
    writeLinks(db, record);
  }).immediate();
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
  const record = validate(db, raw);
  db.sqlite.transaction(() => {
    const existing = loadRecord(db, id);
    if (!existing) throw new EventNotFoundError(id);
    if (baseVersion !== undefined && baseVersion !== existing.row.version)
      throw new EventConflictError(
        `event "${id}" was changed by ${existing.row.updatedBy} at ${existing.row.updatedAt} (version ${existing.row.version}; you edited version ${baseVersion})`,
        existing.row.version,
      );
    if (writeEvent(db, record, { now: new Date().toISOString(), by: who }) !== "unchanged") writeLinks(db, record);
  }).immediate();
  return (await getEvent(db, id))!;
}

/**
 * Deletes an event; its last version is kept in event_versions, so its history survives (and an
 * event re-created with the same id continues the numbering). Refused while other events link to
 * it: deleting would silently drop their links.
 */
export async function deleteEvent(db: CorridorDb, id: string, options: { by: string; baseVersion?: number }): Promise<void> {
  const who = by(options);
  db.sqlite.transaction(() => {
    const existing = loadRecord(db, id);
    if (!existing) throw new EventNotFoundError(id);
    if (options.baseVersion !== undefined && options.baseVersion !== existing.row.version)
      throw new EventConflictError(`event "${id}" was changed by ${existing.row.updatedBy} since version ${options.baseVersion}`, existing.row.version);
    const referrers = db.sqlite.prepare("SELECT DISTINCT from_event FROM event_links WHERE to_event = ? AND from_event <> ? ORDER BY 1").pluck().all(id, id) as string[];
    if (referrers.length > 0)
      throw new EventConflictError(`event "${id}" cannot be deleted: ${referrers.join(", ")} link to it; remove those links first`, existing.row.version);
    keepVersion(db, existing, { now: new Date().toISOString(), by: who, deleted: true });
    db.sqlite.prepare("DELETE FROM events WHERE id = ?").run(id);
  }).immediate();
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
export async function eventVersions(db: CorridorDb, id: string): Promise<EventVersion[]> {
  const rows = await db.orm.select().from(eventVersionsTable).where(eq(eventVersionsTable.eventId, id)).orderBy(asc(eventVersionsTable.version));
  return rows.map((r) => {
    const { deleted, ...stored } = r.snapshot as unknown as EventVersion["snapshot"] & { deleted?: boolean };
    // Snapshots written before events had a Russian text hold the English alone.
    const snapshot = { ...NO_RUSSIAN, ...stored };
    return { version: r.version, replacedAt: r.replacedAt, replacedBy: r.replacedBy, snapshot, deleted: deleted === true };
  });
}
