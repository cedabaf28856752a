/**
 * The event editor's form ⇄ the data package's raw event record (snake_case keys, as in the
 * Markdown/CSV files), a suggestion → form fields, the draft as a chart marker, and what changed
 * between two versions. Pure: safe in the browser and unit-tested.
 */
import { concernsCorridor, datePrecisions, eventKinds, eventRelations, eventRoles, parsePeriod, type EventTextColumns } from "@corridor/data/pure";
import type { ChartEvent, Kind } from "./chart-model";
import type { EventTexts } from "./event-text";

// The data package's vocabularies, under the names the editor uses.
export const EVENT_KINDS = eventKinds;
export const RELATIONS = eventRelations;
export const ROLES = eventRoles;
export type Precision = (typeof datePrecisions)[number];

export interface EventForm {
  /** Empty on a new event: the server makes it from the title and year. */
  id: string;
  title: string;
  kind: string;
  starts_on: string;
  ends_on: string;
  /** "" = as written in starts_on (2021 → year, 2021-04 → month, 2021-04-19 → day). */
  date_precision: "" | Precision;
  /** Dates that may be wrong (not merely imprecise): "start", "end". */
  uncertain_dates: ("start" | "end")[];
  announced_on: string;
  in_force_on: string;
  expires_on: string;
  countries: { code: string; role: (typeof ROLES)[number] }[];
  document_ref: string;
  source_url: string;
  summary: string;
  /** As typed: separated by commas or semicolons. */
  tags: string;
  verification: "verified" | "unverified";
  verification_note: string;
  /** Direct label on charts: "" follows the kind's default, else "true"/"false". */
  key: "" | "true" | "false";
  label: string;
  links: { relation: (typeof RELATIONS)[number]; to: string }[];
  body: string;
  // The Russian text (the fields above are the English), and who translated either language ("": the source's own text).
  title_ru: string;
  summary_ru: string;
  label_ru: string;
  body_ru: string;
  translated_by: string;
  translated_on: string;
  translated_by_ru: string;
  translated_on_ru: string;
}

/** The form's text fields per language: the editor shows them side by side. */
export const TEXT_FIELDS = {
  en: { title: "title", summary: "summary", label: "label", body: "body", by: "translated_by", on: "translated_on" },
  ru: { title: "title_ru", summary: "summary_ru", label: "label_ru", body: "body_ru", by: "translated_by_ru", on: "translated_on_ru" },
} as const satisfies Record<"en" | "ru", Record<string, keyof EventForm>>;

export function emptyForm(): EventForm {
  return {
    id: "",
    title: "",
    kind: "talks",
    starts_on: "",
    ends_on: "",
    date_precision: "",
    uncertain_dates: [],
    announced_on: "",
    in_force_on: "",
    expires_on: "",
    countries: [],
    document_ref: "",
    source_url: "",
    summary: "",
    tags: "",
    verification: "unverified",
    verification_note: "",
    key: "",
    label: "",
    links: [],
    body: "",
    title_ru: "",
    summary_ru: "",
    label_ru: "",
    body_ru: "",
    translated_by: "",
    translated_on: "",
    translated_by_ru: "",
    translated_on_ru: "",
  };
}

/**
 * The parts of a stored event the form shows. A snapshot carries its Russian text and translation
 * markers as the stored columns (EventTextColumns; absent in snapshots written before them).
 */
export interface StoredEvent extends Pick<EventTextColumns, "titleRu" | "summaryRu" | "labelRu" | "bodyRu" | "translatedBy" | "translatedOn" | "translatedByRu" | "translatedOnRu"> {
  id: string;
  title: string;
  kind: string;
  startsOn: string;
  endsOn: string | null;
  datePrecision: Precision;
  /** Absent in snapshots written before the field existed. */
  uncertainDates?: string[];
  announcedOn: string | null;
  inForceOn: string | null;
  expiresOn: string | null;
  countries: { code: string; role: string }[];
  documentRef: string | null;
  sourceUrl: string | null;
  summary: string;
  body: string;
  tags: string[];
  verification: string;
  verificationNote: string | null;
  /** Absent in snapshots written before the field existed. */
  key?: boolean | null;
  label?: string | null;
  /** getEvent's texts (each language present); a snapshot has the flat fields below instead. */
  texts?: EventTexts;
  /** getEvent's links carry a direction (only "out" ones belong to this event); snapshots have `to`. */
  links: ({ relation: string; to: string } | { relation: string; id: string; direction: "in" | "out" })[];
}

/** A stored ISO day back to what the analyst wrote: 2021-04-01 at month precision → 2021-04. */
function dateAsWritten(iso: string | null, precision: Precision, edge: "start" | "end"): string {
  if (!iso) return "";
  if (precision === "year" && (edge === "start" ? iso.endsWith("-01-01") : iso.endsWith("-12-31"))) return iso.slice(0, 4);
  if (precision === "month") {
    const p = parsePeriod(iso.slice(0, 7));
    if (p.ok && iso === (edge === "start" ? p.value.start : p.value.end)) return iso.slice(0, 7);
  }
  return iso;
}

function precisionOf(written: string): Precision | undefined {
  return /^\d{4}$/.test(written) ? "year" : /^\d{4}-\d{2}$/.test(written) ? "month" : /^\d{4}-\d{2}-\d{2}$/.test(written) ? "day" : undefined;
}

/**
 * Each language's stored text: from `texts` (getEvent; its `title` is a view that may be the Russian)
 * or from a snapshot's flat fields.
 */
export function storedTexts(e: StoredEvent) {
  const one = (t: EventTexts["en"]) => ({ title: t?.title ?? "", summary: t?.summary ?? "", label: t?.label ?? "", body: t?.body ?? "", by: t?.translation?.by ?? "", on: t?.translation?.on ?? "" });
  if (e.texts) return { en: one(e.texts.en), ru: one(e.texts.ru) };
  return {
    en: { title: e.title, summary: e.summary, label: e.label ?? "", body: e.body, by: e.translatedBy ?? "", on: e.translatedOn ?? "" },
    ru: { title: e.titleRu ?? "", summary: e.summaryRu ?? "", label: e.labelRu ?? "", body: e.bodyRu ?? "", by: e.translatedByRu ?? "", on: e.translatedOnRu ?? "" },
  };
}

export function formFromEvent(e: StoredEvent): EventForm {
  const starts = dateAsWritten(e.startsOn, e.datePrecision, "start");
  const { en, ru } = storedTexts(e);
  return {
    id: e.id,
    title: en.title,
    kind: e.kind,
    starts_on: starts,
    ends_on: dateAsWritten(e.endsOn, e.datePrecision, "end"),
    date_precision: precisionOf(starts) === e.datePrecision ? "" : e.datePrecision,
    uncertain_dates: (["start", "end"] as const).filter((d) => e.uncertainDates?.includes(d)),
    announced_on: e.announcedOn ?? "",
    in_force_on: e.inForceOn ?? "",
    expires_on: e.expiresOn ?? "",
    countries: e.countries.map((c) => ({ code: c.code, role: c.role === "affected" ? "affected" : "party" })),
    document_ref: e.documentRef ?? "",
    source_url: e.sourceUrl ?? "",
    summary: en.summary,
    tags: e.tags.join(", "),
    verification: e.verification === "verified" ? "verified" : "unverified",
    verification_note: e.verificationNote ?? "",
    key: e.key === true ? "true" : e.key === false ? "false" : "",
    label: en.label,
    links: e.links.filter((l) => !("direction" in l) || l.direction === "out").map((l) => ({ relation: l.relation as EventForm["links"][number]["relation"], to: "to" in l ? l.to : l.id })),
    body: en.body,
    title_ru: ru.title,
    summary_ru: ru.summary,
    label_ru: ru.label,
    body_ru: ru.body,
    translated_by: en.by,
    translated_on: en.on,
    translated_by_ru: ru.by,
    translated_on_ru: ru.on,
  };
}

/** The raw record POST/PUT /api/events take (validated on the server by normaliseEvent). */
export function formToRecord(f: EventForm): Record<string, string> {
  const record: Record<string, string> = {
    title: f.title.trim(),
    kind: f.kind,
    starts_on: f.starts_on.trim(),
    ends_on: f.ends_on.trim(),
    date_precision: f.date_precision,
    uncertain_dates: f.uncertain_dates.join("; "),
    announced_on: f.announced_on.trim(),
    in_force_on: f.in_force_on.trim(),
    expires_on: f.expires_on.trim(),
    countries: f.countries
      .filter((c) => c.code.trim())
      .map((c) => `${c.code.trim()}:${c.role}`)
      .join("; "),
    document_ref: f.document_ref.trim(),
    source_url: f.source_url.trim(),
    summary: f.summary.trim(),
    tags: f.tags
      .split(/[,;]/)
      .map((t) => t.trim())
      .filter(Boolean)
      .join("; "),
    verification: f.verification,
    verification_note: f.verification_note.trim(),
    key: f.key,
    label: f.label.trim(),
    relates: f.links
      .filter((l) => l.to.trim())
      .map((l) => `${l.relation}:${l.to.trim()}`)
      .join("; "),
    body: f.body,
    title_ru: f.title_ru.trim(),
    summary_ru: f.summary_ru.trim(),
    label_ru: f.label_ru.trim(),
    body_ru: f.body_ru,
    translated_by: f.translated_by.trim(),
    translated_on: f.translated_on.trim(),
    translated_by_ru: f.translated_by_ru.trim(),
    translated_on_ru: f.translated_on_ru.trim(),
  };
  if (f.id.trim()) record.id = f.id.trim();
  return record;
}

/** What suggestEvent() proposes (the data package's Suggestion, the fields the form uses). */
export interface SuggestionLike {
  /** The press release's language: a Russian one fills the Russian fields. */
  language?: "en" | "ru";
  title: string;
  kind: string;
  startsOn: string | null;
  endsOn: string | null;
  countries: string[];
  references: { text: string; eventId?: string }[];
}

/**
 * Prefills the form from a suggestion: the press release becomes the body, cited stored events
 * links. A Russian release fills the Russian title and body (the source's own text, not a translation).
 */
export function applySuggestion(f: EventForm, s: SuggestionLike, text: string): EventForm {
  const fields = TEXT_FIELDS[s.language === "ru" ? "ru" : "en"];
  const links = [...f.links];
  for (const r of s.references) if (r.eventId && !links.some((l) => l.to === r.eventId)) links.push({ relation: "cites", to: r.eventId });
  return {
    ...f,
    [fields.title]: s.title || f[fields.title],
    kind: (EVENT_KINDS as readonly string[]).includes(s.kind) ? s.kind : f.kind,
    starts_on: s.startsOn ?? f.starts_on,
    ends_on: s.endsOn && s.endsOn !== s.startsOn ? s.endsOn : s.startsOn ? "" : f.ends_on,
    countries: s.countries.length > 0 ? s.countries.map((code) => ({ code, role: "party" as const })) : f.countries,
    links,
    [fields.body]: f[fields.body].trim() ? f[fields.body] : text.trim(),
  };
}

/** The draft as a chart marker (its title in the editor's language first), or null while its dates do not parse. */
export function draftMarker(f: EventForm, id = "draft", locale = "en", untitled = "New event"): ChartEvent | null {
  const start = parsePeriod(f.starts_on.trim());
  if (!start.ok || !(EVENT_KINDS as readonly string[]).includes(f.kind)) return null;
  const end = f.ends_on.trim() ? parsePeriod(f.ends_on.trim()) : undefined;
  const precision = f.date_precision || (start.value.frequency === "A" ? "year" : start.value.frequency === "M" ? "month" : "day");
  return {
    id: f.id.trim() || id,
    title: (locale === "ru" ? f.title_ru.trim() || f.title.trim() : f.title.trim() || f.title_ru.trim()) || untitled,
    kind: f.kind as Kind,
    startsOn: start.value.start,
    endsOn: end?.ok ? end.value.end : null,
    datePrecision: precision,
    documentRef: f.document_ref.trim() || null,
    // The preview draws the draft as the charts will: hollow when unverified, faded at an uncertain date.
    verification: f.verification,
    verificationNote: f.verification_note.trim() || null,
    uncertainDates: f.uncertain_dates,
  };
}

export interface FieldError {
  key: string;
  value?: string;
  message: string;
}

/** 422 errors by form field (`relates` is shown at the links, unknown keys at the top). */
export function errorsByField(errors: FieldError[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) {
    const key = e.key === "relates" ? "links" : e.key;
    (out[key] ??= []).push(e.message);
  }
  return out;
}

const LABELS: [keyof StoredEvent, string][] = [
  ["title", "title"],
  ["kind", "kind"],
  ["startsOn", "start"],
  ["endsOn", "end"],
  ["datePrecision", "date precision"],
  ["uncertainDates", "uncertain dates"],
  ["announcedOn", "announced"],
  ["inForceOn", "in force"],
  ["expiresOn", "expires"],
  ["countries", "countries"],
  ["documentRef", "document"],
  ["sourceUrl", "source"],
  ["summary", "summary"],
  ["tags", "tags"],
  ["verification", "verification"],
  ["verificationNote", "verification note"],
  ["key", "chart label on"],
  ["label", "chart label"],
  ["links", "links"],
  ["body", "text"],
  ["translatedBy", "translated by"],
  ["titleRu", "Russian title"],
  ["summaryRu", "Russian summary"],
  ["labelRu", "Russian chart label"],
  ["bodyRu", "Russian text"],
  ["translatedByRu", "Russian translated by"],
];

// Text fields are read per language (getEvent's `title` is a view, a snapshot's the English).
const TEXT_KEYS: Partial<Record<keyof StoredEvent, ["en" | "ru", "title" | "summary" | "label" | "body" | "by"]>> = {
  title: ["en", "title"],
  summary: ["en", "summary"],
  label: ["en", "label"],
  body: ["en", "body"],
  translatedBy: ["en", "by"],
  titleRu: ["ru", "title"],
  summaryRu: ["ru", "summary"],
  labelRu: ["ru", "label"],
  bodyRu: ["ru", "body"],
  translatedByRu: ["ru", "by"],
};

function shown(key: keyof StoredEvent, e: StoredEvent): string {
  const text = TEXT_KEYS[key];
  if (text) return storedTexts(e)[text[0]][text[1]];
  const v = e[key];
  if (key === "countries")
    return e.countries
      .map((c) => `${c.code}${c.role === "affected" ? " (affected)" : ""}`)
      .sort()
      .join(", ");
  if (key === "links")
    return formFromEvent(e)
      .links.map((l) => `${l.relation} ${l.to}`)
      .sort()
      .join(", ");
  if (Array.isArray(v)) return v.join(", ");
  return v === null || v === undefined ? "" : String(v);
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

/** What changed from one version to the next; long texts (the body) are summarised, not repeated. */
export function diffVersions(before: StoredEvent, after: StoredEvent): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [key, field] of LABELS) {
    const a = shown(key, before);
    const b = shown(key, after);
    if (a === b) continue;
    if (key === "body" || key === "summary" || key === "bodyRu" || key === "summaryRu") {
      changes.push({ field, before: `${a.length} characters`, after: `${b.length} characters` });
    } else changes.push({ field, before: a, after: b });
  }
  return changes;
}

export interface HistoryEntry {
  version: number;
  /** What happened: written first, changed, deleted, or written again after a delete. */
  action: "created" | "changed" | "deleted" | "recreated";
  by: string;
  at: string;
  changes: FieldChange[];
}

/**
 * The event page's edit history, newest first, from eventVersions() (each replaced version with who
 * wrote it) and the current event. A version's changes are against the one before it.
 */
export function versionHistory(
  versions: { version: number; replacedAt: string; replacedBy: string; deleted: boolean; snapshot: StoredEvent & { updatedAt?: string; updatedBy?: string } }[],
  current: (StoredEvent & { version: number; updatedAt: string; updatedBy: string }) | undefined,
): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  let previous: { event: StoredEvent; deleted: boolean } | undefined;
  const entry = (version: number, event: StoredEvent, by: string, at: string) => {
    const action = !previous ? "created" : previous.deleted ? "recreated" : "changed";
    out.push({ version, action, by, at, changes: previous && !previous.deleted ? diffVersions(previous.event, event) : [] });
  };
  for (const v of versions) {
    entry(v.version, v.snapshot, v.snapshot.updatedBy ?? "unknown", v.snapshot.updatedAt ?? "");
    if (v.deleted) out.push({ version: v.version, action: "deleted", by: v.replacedBy, at: v.replacedAt, changes: [] });
    previous = { event: v.snapshot, deleted: v.deleted };
  }
  if (current) entry(current.version, current, current.updatedBy, current.updatedAt);
  return out.reverse();
}

export interface PreviewCorridor {
  origin: string;
  destination: string;
  indicators: { code: string; firstDay: string; lastDay: string }[];
}

/**
 * Which corridor and indicator to preview a draft on: a corridor between two of its countries, else
 * another the draft concerns (the charts' rule, concernsCorridor), preferring a series whose data
 * covers the draft's date.
 */
export function pickPreview(corridors: PreviewCorridor[], countries: { code: string; role: string }[], day: string | null): { corridor: number; indicator: string | undefined } {
  const draft = { countries: countries.map((c) => ({ code: c.code.trim().toUpperCase(), role: c.role })).filter((c) => c.code) };
  const codes = draft.countries.map((c) => c.code);
  const involves = (c: PreviewCorridor) => concernsCorridor(draft, c.origin, c.destination);
  const covers = (i: PreviewCorridor["indicators"][number]) => day !== null && i.firstDay <= day && day <= i.lastDay;
  const both = (c: PreviewCorridor) => codes.includes(c.origin) && codes.includes(c.destination);
  const ranked = corridors.map((c, index) => ({ c, index, score: (both(c) ? 4 : involves(c) ? 2 : 0) + (c.indicators.some(covers) ? 1 : 0) }));
  const best = ranked.reduce((a, b) => (b.score > a.score ? b : a), ranked[0] ?? { c: undefined, index: 0, score: 0 });
  return { corridor: best.index, indicator: (best.c?.indicators.find(covers) ?? best.c?.indicators[0])?.code };
}
