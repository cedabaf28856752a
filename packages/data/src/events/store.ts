/**
 * Writes and reads events. importEvents() is all-or-nothing and idempotent: an unchanged event is
 * left alone, a changed one is updated in place and its previous version kept in event_versions.
 */
import { sql } from "drizzle-orm";
import { readFileSync } from "node:fs";
import type { CorridorDb } from "../db.ts";
import { insertRows, list, rowsOf, updateRows } from "../dialect.ts";
import type { SqlRunner } from "../runner.ts";
import { periodArgument, QueryArgumentError, resolveCountry } from "../queries/resolve.ts";
import {
  eventCountries, eventLinks, events as eventsTable, eventVersions, eventKinds,
  type EventKind, type EventRelation, type EventRole, type EventRow,
} from "../schema.ts";
import { ALL_FOREIGNERS, type EventError, type EventRecord } from "./model.ts";
import { eventInRange } from "./range.ts";
import { concernsCorridor, relatedToCorridor } from "./corridor.ts";
import { eventText, matchesText, textsOf, type EventTexts } from "./text.ts";

export interface EventImportSummary {
  files: number;
  inserted: string[];
  updated: string[];
  unchanged: string[];
  errors: EventError[];
  committed: boolean;
}

/** Reads event files (.md, .csv) and writes them in one transaction; any error and nothing is written. */
export async function importEvents(db: CorridorDb, files: string[], options: { by?: string; dryRun?: boolean } = {}): Promise<EventImportSummary> {
  const summary: EventImportSummary = { files: files.length, inserted: [], updated: [], unchanged: [], errors: [], committed: false };
  const records: EventRecord[] = [];
  const origin = new Map<string, string>();
  // Loaded on use: the yaml parser is start-up time every other CLI command would pay.
  const { readCsvEvents, readMarkdownEvent } = await import("./readers.ts");
  for (const file of files) {
    let content: string;
    try {
      content = readFileSync(file, "utf8");
    } catch (error) {
      summary.errors.push({ file, line: 0, message: `cannot read: ${(error as Error).message}` });
      continue;
    }
    const result = /\.csv$/i.test(file) ? readCsvEvents(file, content) : /\.(md|markdown)$/i.test(file) ? readMarkdownEvent(file, content) : null;
    if (!result) {
      summary.errors.push({ file, line: 0, message: "expected a .md (front matter) or .csv file" });
      continue;
    }
    summary.errors.push(...result.errors);
    for (const record of result.records) {
      const seen = origin.get(record.id);
      if (seen) summary.errors.push({ file, line: 1, key: "id", value: record.id, message: `event id "${record.id}" is also defined in ${seen}` });
      else origin.set(record.id, file);
      records.push(record);
    }
  }

  const known = new Set((await db.all<{ id: string }>(sql`SELECT id FROM events`)).map((e) => e.id));
  for (const record of records) {
    for (const link of record.links) {
      if (link.to === record.id) summary.errors.push({ file: origin.get(record.id)!, line: 1, key: "relates", value: link.to, message: "an event cannot relate to itself" });
      else if (!known.has(link.to) && !origin.has(link.to))
        summary.errors.push({ file: origin.get(record.id)!, line: 1, key: "relates", value: link.to, message: `unknown event id "${link.to}" in relates` });
    }
  }
  if (summary.errors.length > 0) return summary;

  const now = new Date().toISOString();
  const by = options.by ?? "cli";
  try {
    await db.transaction(async (tx) => {
      for (const record of records) {
        const outcome = await writeEvent(tx, record, { now, by });
        summary[outcome].push(record.id);
      }
      // Links last: they may point at events later in the same batch.
      for (const record of records) if (!summary.unchanged.includes(record.id)) await writeLinks(tx, record);
      // Throwing inside the transaction rolls it back: a dry run reports exactly what a real run would do.
      if (options.dryRun) throw new DryRun();
    }, `an import of ${records.length} event(s)`);
    summary.committed = true;
  } catch (error) {
    if (!(error instanceof DryRun)) throw error;
  }
  return summary;
}

class DryRun extends Error {}

function rowOf(r: EventRecord) {
  const { countries: _c, links: _l, ...row } = r;
  return row;
}

/** Errors for links that point at the event itself or at an id neither stored nor in `alsoKnown`. */
export async function linkErrors(db: SqlRunner, record: EventRecord, alsoKnown: ReadonlySet<string> = new Set()): Promise<{ key: string; value: string; message: string }[]> {
  const errors: { key: string; value: string; message: string }[] = [];
  const targets = record.links.map((l) => l.to);
  const stored = new Set((await db.all<{ id: string }>(sql`SELECT id FROM events WHERE id IN ${list(targets)}`)).map((e) => e.id));
  for (const link of record.links) {
    if (link.to === record.id) errors.push({ key: "relates", value: link.to, message: "an event cannot relate to itself" });
    else if (!alsoKnown.has(link.to) && !stored.has(link.to)) errors.push({ key: "relates", value: link.to, message: `unknown event id "${link.to}" in relates` });
  }
  return errors;
}

/** Stores the current version of an event in event_versions before it is replaced or deleted. */
export async function keepVersion(tx: SqlRunner, existing: { row: EventRow; record: EventRecord }, { now, by, deleted }: { now: string; by: string; deleted?: boolean }): Promise<void> {
  await tx.run(
    insertRows(tx.engine, eventVersions, [
      {
        eventId: existing.row.id, version: existing.row.version,
        snapshot: { ...existing.record, updatedAt: existing.row.updatedAt, updatedBy: existing.row.updatedBy, ...(deleted && { deleted: true }) },
        replacedAt: now, replacedBy: by,
      },
    ]),
  );
}

/**
 * Inside a transaction: inserts an event or replaces a changed one (its previous version kept in
 * event_versions), with its countries. Links are written by writeLinks(), after every event of a
 * batch exists. An event re-created after a delete continues its old version numbers.
 */
export async function writeEvent(tx: SqlRunner, record: EventRecord, { now, by }: { now: string; by: string }): Promise<"inserted" | "updated" | "unchanged"> {
  const existing = await loadRecord(tx, record.id);
  const row = { ...rowOf(record), updatedAt: now, updatedBy: by };
  let outcome: "inserted" | "updated";
  if (!existing) {
    const last = await tx.get<{ last: number | null }>(sql`SELECT max(version) AS "last" FROM event_versions WHERE event_id = ${record.id}`);
    await tx.run(insertRows(tx.engine, eventsTable, [{ ...row, version: (last?.last ?? 0) + 1 }]));
    outcome = "inserted";
  } else if (sameContent(existing.record, record)) {
    return "unchanged";
  } else {
    await keepVersion(tx, existing, { now, by });
    await tx.run(updateRows(tx.engine, eventsTable, { ...row, version: existing.row.version + 1 }, sql`id = ${record.id}`));
    await tx.run(sql`DELETE FROM event_countries WHERE event_id = ${record.id}`);
    await tx.run(sql`DELETE FROM event_links WHERE from_event = ${record.id}`);
    outcome = "updated";
  }
  if (record.countries.length > 0) await tx.run(insertRows(tx.engine, eventCountries, record.countries.map((c) => ({ eventId: record.id, country: c.code, role: c.role }))));
  return outcome;
}

/** Inside a transaction, after writeEvent(): the event's outgoing links (a changed event's old ones are gone). */
export async function writeLinks(tx: SqlRunner, record: EventRecord): Promise<void> {
  if (record.links.length === 0) return;
  await tx.run(insertRows(tx.engine, eventLinks, record.links.map((l) => ({ fromEvent: record.id, relation: l.relation, toEvent: l.to })), sql`ON CONFLICT DO NOTHING`));
}

export function sameContent(a: EventRecord, b: EventRecord): boolean {
  const canonical = (r: EventRecord) =>
    JSON.stringify({
      ...r,
      countries: [...r.countries].sort((x, y) => x.code.localeCompare(y.code)),
      links: [...r.links].sort((x, y) => `${x.relation}${x.to}`.localeCompare(`${y.relation}${y.to}`)),
    });
  return canonical(a) === canonical(b);
}

/** The stored event as its row and as the record the readers make (countries and outgoing links). */
export async function loadRecord(db: SqlRunner, id: string): Promise<{ row: EventRow; record: EventRecord } | undefined> {
  const [row] = await rowsOf(db, eventsTable, sql`WHERE id = ${id}`);
  if (!row) return undefined;
  const countries = await rowsOf(db, eventCountries, sql`WHERE event_id = ${id}`);
  const links = await rowsOf(db, eventLinks, sql`WHERE from_event = ${id}`);
  const { version: _v, updatedAt: _u, updatedBy: _b, ...rest } = row;
  return {
    row,
    record: {
      ...rest,
      countries: countries.map((c) => ({ code: c.country, role: c.role })),
      links: links.map((l) => ({ relation: l.relation, to: l.toEvent })),
    },
  };
}

export interface EventLink {
  relation: EventRelation;
  /** out: this event → other ("extends decree-274"); in: other → this ("extended by …"). */
  direction: "out" | "in";
  id: string;
  title: string;
  startsOn: string;
}

export interface EventSummary {
  id: string;
  /**
   * title, summary and label in English, else (a Russian-only event) in Russian: eventText(e, "en").
   * Pages pick the reader's language from `texts` with eventText(e, locale).
   */
  title: string;
  kind: EventKind;
  startsOn: string;
  endsOn: string | null;
  datePrecision: EventRow["datePrecision"];
  /** Which dates are uncertain (start, end): drawn faded and said in tooltips and notes. */
  uncertainDates: EventRow["uncertainDates"];
  announcedOn: string | null;
  inForceOn: string | null;
  expiresOn: string | null;
  countries: { code: string; role: EventRole }[];
  documentRef: string | null;
  sourceUrl: string | null;
  summary: string;
  tags: string[];
  verification: EventRow["verification"];
  verificationNote: string | null;
  /** Direct label on charts: null follows the kind's default. */
  key: boolean | null;
  label: string | null;
  /** The text in each language it has (bodies only in getEvent and listEvents), with its translation marker. */
  texts: EventTexts;
  links: EventLink[];
  /** Only with `corridor.related`: another corridor's event naming one of this corridor's countries. */
  related?: true;
}

export interface EventDetail extends EventSummary {
  /** The English body, else the Russian (eventText(e, "en").body); `texts` has each language's. */
  body: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  versions: { version: number; replacedAt: string; replacedBy: string }[];
}

export interface EventQuery {
  /** Events involving any of these countries, or ALL foreign nationals. */
  countries?: string[];
  /**
   * The corridor's own events (concernsCorridor()); with `related`, also the events naming one of
   * its countries that concern other corridors, marked `related: true`.
   */
  corridor?: { origin: string; destination: string; related?: boolean };
  /** Overlap with [from, to]; any period notation (2021, 2021-04, 2021-04-19). */
  from?: string;
  to?: string;
  kinds?: string[];
  /** Events carrying every one of these tags. */
  tags?: string[];
  /**
   * Words that must all occur in the event's text in either language (title, summary, label, body,
   * document, id); case- and accent-insensitive for Cyrillic too (folded in JS: SQLite's lower() is ASCII-only).
   */
  text?: string;
  ids?: string[];
}

export async function events(db: SqlRunner, query: EventQuery = {}): Promise<EventSummary[]> {
  const range = { from: periodArgument(query.from, "from")?.start, to: periodArgument(query.to, "to")?.end };
  for (const kind of query.kinds ?? [])
    if (!(eventKinds as readonly string[]).includes(kind)) throw new QueryArgumentError(`unknown kind "${kind}" (kinds: ${eventKinds.join(", ")})`, "kind");
  const wanted = query.countries?.length ? new Set([...query.countries.map(resolveCountry), ALL_FOREIGNERS]) : undefined;
  const corridor = query.corridor && { origin: resolveCountry(query.corridor.origin), destination: resolveCountry(query.corridor.destination), related: query.corridor.related };

  // The date filter runs here, not in SQL: the one overlap rule the pages and the editor apply too.
  const rows = (
    await rowsOf(
      db,
      eventsTable,
      sql`WHERE 1 = 1 ${query.kinds?.length ? sql`AND kind IN ${list(query.kinds)}` : sql``} ${query.ids?.length ? sql`AND id IN ${list(query.ids)}` : sql``} ORDER BY starts_on, id`,
    )
  ).filter((r) => eventInRange(r, range));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const countryRows = await rowsOf(db, eventCountries, sql`WHERE event_id IN ${list(ids)}`);
  const linkRows = await rowsOf(db, eventLinks, sql`WHERE from_event IN ${list(ids)} OR to_event IN ${list(ids)} ORDER BY from_event, relation, to_event`);
  const otherIds = [...new Set(linkRows.flatMap((l) => [l.fromEvent, l.toEvent]))];
  const titles = new Map(
    (await db.all<{ id: string; title: string; titleRu: string; startsOn: string }>(sql`SELECT id, title, title_ru AS "titleRu", starts_on AS "startsOn" FROM events WHERE id IN ${list(otherIds)}`)).map(
      (e) => [e.id, { title: e.title || e.titleRu, startsOn: e.startsOn }],
    ),
  );

  const out: EventSummary[] = [];
  for (const row of rows) {
    const countries = countryRows.filter((c) => c.eventId === row.id).map((c) => ({ code: c.country, role: c.role }));
    if (wanted && !countries.some((c) => wanted.has(c.code))) continue;
    const related = corridor && !concernsCorridor({ countries }, corridor.origin, corridor.destination);
    if (related && !(corridor.related && relatedToCorridor({ countries }, corridor.origin, corridor.destination))) continue;
    if (query.tags?.length && !query.tags.every((t) => row.tags.includes(t.toLowerCase()))) continue;
    const texts = textsOf(row, false);
    if (query.text?.trim() && !matchesText({ id: row.id, documentRef: row.documentRef, texts: textsOf(row) }, query.text)) continue;
    const en = eventText({ texts }, "en");
    const links: EventLink[] = [];
    for (const l of linkRows) {
      if (l.fromEvent === row.id) links.push({ relation: l.relation, direction: "out", id: l.toEvent, title: titles.get(l.toEvent)!.title, startsOn: titles.get(l.toEvent)!.startsOn });
      if (l.toEvent === row.id) links.push({ relation: l.relation, direction: "in", id: l.fromEvent, title: titles.get(l.fromEvent)!.title, startsOn: titles.get(l.fromEvent)!.startsOn });
    }
    out.push({
      id: row.id, title: en.title, kind: row.kind, startsOn: row.startsOn, endsOn: row.endsOn, datePrecision: row.datePrecision, uncertainDates: row.uncertainDates,
      announcedOn: row.announcedOn, inForceOn: row.inForceOn, expiresOn: row.expiresOn,
      countries: countries.sort((a, b) => (a.role === b.role ? a.code.localeCompare(b.code) : a.role === "party" ? -1 : 1)),
      documentRef: row.documentRef, sourceUrl: row.sourceUrl, summary: en.summary, tags: row.tags,
      verification: row.verification, verificationNote: row.verificationNote, key: row.key, label: en.label, texts, links,
      ...(related && { related: true as const }),
    });
  }
  return out;
}

export async function getEvent(db: SqlRunner, id: string): Promise<EventDetail | undefined> {
  const [summary] = await events(db, { ids: [id] });
  if (!summary) return undefined;
  const [row] = await rowsOf(db, eventsTable, sql`WHERE id = ${id}`);
  if (!row) return undefined;
  const versions = await db.all<{ version: number; replacedAt: string; replacedBy: string }>(
    sql`SELECT version, replaced_at AS "replacedAt", replaced_by AS "replacedBy" FROM event_versions WHERE event_id = ${id} ORDER BY version`,
  );
  const texts = textsOf(row);
  return { ...summary, texts, body: eventText({ texts }, "en").body, version: row.version, updatedAt: row.updatedAt, updatedBy: row.updatedBy, versions };
}

/** events() plus each event's full text: what `corridor events list` and GET /api/events return. */
export async function listEvents(db: SqlRunner, query: EventQuery = {}): Promise<(EventSummary & { body: string })[]> {
  const found = await events(db, query);
  if (found.length === 0) return [];
  const rows = new Map((await rowsOf(db, eventsTable, sql`WHERE id IN ${list(found.map((e) => e.id))}`)).map((r) => [r.id, r]));
  return found.map((e) => {
    const texts = textsOf(rows.get(e.id)!);
    return { ...e, texts, body: eventText({ texts }, "en").body };
  });
}
