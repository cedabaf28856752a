/**
 * An event as the readers hand it over (front matter or CSV row) → a validated EventRecord.
 * Pure: every error says which key (and, through `locate`, which line) is wrong.
 */
import { CountryResolver } from "../countries.ts";
import { parsePeriod } from "../periods.ts";
import {
  eventDateEnds, eventKinds, eventRelations, eventRoles, verifications,
  type DatePrecision, type EventDateEnd, type EventKind, type EventRelation, type EventRole, type Verification,
} from "../schema.ts";

/** Every foreign national, not one country. */
export const ALL_FOREIGNERS = "ALL";

export interface EventRecord {
  id: string;
  title: string;
  kind: EventKind;
  startsOn: string;
  endsOn: string | null;
  datePrecision: DatePrecision;
  /** Dates that are uncertain ("end": the end date is from memory), start before end; [] when both are sure. */
  uncertainDates: EventDateEnd[];
  announcedOn: string | null;
  inForceOn: string | null;
  expiresOn: string | null;
  documentRef: string | null;
  sourceUrl: string | null;
  summary: string;
  body: string;
  tags: string[];
  verification: Verification;
  verificationNote: string | null;
  /** Direct label on the chart: null follows the kind (talks, agreements, decrees, laws are key). */
  key: boolean | null;
  label: string | null;
  /** The Russian text ("" / null where there is none); the unsuffixed fields are English. */
  titleRu: string;
  summaryRu: string;
  bodyRu: string;
  labelRu: string | null;
  /** Who translated that language's text and when (ISO day); null: the source's own (or the author's) text. */
  translatedBy: string | null;
  translatedOn: string | null;
  translatedByRu: string | null;
  translatedOnRu: string | null;
  countries: { code: string; role: EventRole }[];
  links: { relation: EventRelation; to: string }[];
}

export interface EventError {
  file: string;
  line: number;
  key?: string;
  value?: string;
  message: string;
}

/** Front matter / CSV keys (snake_case as written in files). */
export const EVENT_KEYS = [
  "id", "title", "kind", "starts_on", "ends_on", "date_precision", "uncertain_dates", "announced_on", "in_force_on", "expires_on",
  "countries", "document_ref", "source_url", "summary", "tags", "verification", "verification_note", "key", "label", "relates", "body",
  // Russian text (the unsuffixed keys are English), and which language is a project translation.
  "title_ru", "summary_ru", "label_ru", "body_ru", "translated_by", "translated_on", "translated_by_ru", "translated_on_ru",
] as const;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Field maxima, checked wherever an event comes in (CLI import, editor, write API): every event is
 * drawn on the dashboard, its notes and embeds, so one oversized field would bloat every page that
 * shows it. Far above any real decree's (the seed's longest title is about 110 characters).
 */
export const EVENT_LIMITS = {
  id: 120,
  title: 300,
  summary: 2_000,
  body: 100_000,
  document_ref: 300,
  source_url: 2_000,
  verification_note: 2_000,
  /** A direct label sits on the plot: a few words. */
  label: 40,
  /** Who translated a text: a name, not an essay. */
  translated_by: 120,
  /** Items in each list, and characters per tag. */
  tags: 30,
  tag: 60,
  countries: 60,
  relates: 50,
} as const;

/** An offending value as echoed in an error: enough to recognise it, never the whole oversized text. */
function shown(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const s = typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
  return s.length > 120 ? `${s.slice(0, 120)}… (${s.length} characters)` : s;
}
const countryResolver = new CountryResolver();

// Cyrillic → Latin for ids made from a Russian title (an id is an ASCII slug, readable in a URL).
const CYRILLIC: Record<string, string> = Object.fromEntries(
  [..."абвгдеёжзийклмнопрстуфхцчшщъыьэюя"].map((c, i) =>
    [c, ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"][i]!]),
);

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFC")
    .replace(/[а-яё]/g, (c) => CYRILLIC[c] ?? c)
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const s = String(value).trim();
  return s === "" ? undefined : s;
}

/** A list given as a YAML sequence or as a `;`-separated string. */
function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean);
  return String(value).split(";").map((v) => v.trim()).filter(Boolean);
}

function parseDate(raw: string): { start: string; end: string; precision: DatePrecision } | string {
  const parsed = parsePeriod(raw);
  if (!parsed.ok) return parsed.reason;
  const p = parsed.value;
  if (p.frequency === "Q" || p.frequency === "H") return "quarters and half-years are not event dates (use YYYY-MM-DD, YYYY-MM or YYYY)";
  return { start: p.start, end: p.end, precision: p.frequency === "D" ? "day" : p.frequency === "M" ? "month" : "year" };
}

export function normaliseEvent(
  input: Record<string, unknown>,
  file: string,
  locate: (key: string) => number,
): { ok: true; record: EventRecord } | { ok: false; errors: EventError[] } {
  const errors: EventError[] = [];
  const fail = (key: string, value: unknown, message: string) =>
    errors.push({ file, line: locate(key), key, value: shown(value), message });
  const tooLong = (key: keyof typeof EVENT_LIMITS & (typeof EVENT_KEYS)[number], value: string | undefined | null) => {
    const max = EVENT_LIMITS[key];
    if (value && value.length > max) fail(key, value, `${key} has ${value.length} characters; at most ${max} are allowed`);
  };
  const tooMany = (key: "tags" | "countries" | "relates", count: number, what: string) => {
    if (count > EVENT_LIMITS[key]) fail(key, undefined, `${key} has ${count} ${what}; at most ${EVENT_LIMITS[key]} are allowed`);
    return count > EVENT_LIMITS[key];
  };

  for (const key of Object.keys(input)) {
    if (!(EVENT_KEYS as readonly string[]).includes(key)) fail(key, undefined, `unknown key "${key}" (keys: ${EVENT_KEYS.join(", ")})`);
  }

  const title = text(input.title);
  const titleRu = text(input.title_ru);
  // A title in at least one language; the other language's other fields need its title too.
  if (!title && !titleRu) fail("title", input.title, "title is required (title, or title_ru for a Russian-only event)");
  tooLong("title", title);
  if (titleRu && titleRu.length > EVENT_LIMITS.title) fail("title_ru", titleRu, `title_ru has ${titleRu.length} characters; at most ${EVENT_LIMITS.title} are allowed`);
  const id = text(input.id) ?? (title || titleRu ? slugify(title ?? titleRu!) : undefined);
  if (id && id.length > EVENT_LIMITS.id) tooLong("id", id);
  else if (!id || !SLUG.test(id)) fail("id", input.id, `id "${id ?? ""}" must be a slug: lower-case letters, digits and single dashes`);

  const kind = text(input.kind)?.toLowerCase();
  if (!kind || !(eventKinds as readonly string[]).includes(kind)) fail("kind", input.kind, `unknown kind "${input.kind ?? ""}" (kinds: ${eventKinds.join(", ")})`);

  const date = (key: string, required: boolean) => {
    const raw = text(input[key]);
    if (!raw) {
      if (required) fail(key, input[key], `${key} is required`);
      return undefined;
    }
    const parsed = parseDate(raw);
    if (typeof parsed === "string") {
      fail(key, raw, `bad date "${raw}": ${parsed}`);
      return undefined;
    }
    return parsed;
  };
  const starts = date("starts_on", true);
  const ends = date("ends_on", false);
  const announced = date("announced_on", false);
  const inForce = date("in_force_on", false);
  const expires = date("expires_on", false);
  if (starts && ends && ends.end < starts.start) fail("ends_on", input.ends_on, `ends_on ${input.ends_on} is before starts_on ${input.starts_on}`);
  if (inForce && expires && expires.end < inForce.start) fail("expires_on", input.expires_on, `expires_on is before in_force_on`);

  let precision = starts?.precision ?? "day";
  const rawPrecision = text(input.date_precision)?.toLowerCase();
  if (rawPrecision) {
    if (rawPrecision === "day" || rawPrecision === "month" || rawPrecision === "year") precision = rawPrecision;
    else fail("date_precision", rawPrecision, "date_precision must be day, month or year");
  }

  // Uncertain is not imprecise: "2024-06" says only the month is known (date_precision); an
  // uncertain date may be wrong altogether (from memory, a weak source). Listed as start, end.
  const rawUncertain = list(input.uncertain_dates).map((d) => d.toLowerCase());
  const uncertainDates = eventDateEnds.filter((d) => rawUncertain.includes(d));
  for (const d of rawUncertain)
    if (!(eventDateEnds as readonly string[]).includes(d)) fail("uncertain_dates", d, `uncertain_dates lists "start" and/or "end", not "${d}"`);
  if (uncertainDates.includes("end") && !text(input.ends_on)) fail("uncertain_dates", "end", "uncertain_dates says the end date is uncertain, but the event has no ends_on");

  const countries: EventRecord["countries"] = [];
  const addCountry = (raw: string, role: string) => {
    if (!(eventRoles as readonly string[]).includes(role)) return fail("countries", raw, `unknown role "${role}" (roles: ${eventRoles.join(", ")})`);
    const upper = raw.trim().toUpperCase();
    let code: string | undefined;
    if (upper === ALL_FOREIGNERS || upper === "ALL FOREIGN NATIONALS") code = ALL_FOREIGNERS;
    else {
      const found = countryResolver.resolve(raw);
      if (found.ok && found.code !== "WLD") code = found.code;
      else return fail("countries", raw, found.ok ? `"${raw}" is not a country (use ALL for every foreign national)` : found.reason);
    }
    if (!countries.some((c) => c.code === code)) countries.push({ code, role: role as EventRole });
  };
  const rawCountries = input.countries;
  const rolesGiven = rawCountries && typeof rawCountries === "object" && !Array.isArray(rawCountries);
  const countryItems = rolesGiven ? Object.values(rawCountries).flatMap(list) : list(rawCountries);
  // Counted before any is resolved: a list of thousands is refused without looking each one up.
  if (!tooMany("countries", countryItems.length, "entries")) {
    if (rolesGiven) {
      for (const [role, names] of Object.entries(rawCountries)) for (const name of list(names)) addCountry(name, role);
    } else {
      for (const item of list(rawCountries)) {
        // "TJK", "TJK:affected", "ALL (affected)"
        const match = item.match(/^(.*?)\s*(?::|\()\s*(party|affected)\)?$/i);
        if (match) addCountry(match[1]!, match[2]!.toLowerCase());
        else addCountry(item, "party");
      }
    }
  }
  if (countries.length === 0 && errors.every((e) => e.key !== "countries")) fail("countries", rawCountries, "at least one country is required");

  const links: EventRecord["links"] = [];
  const addLink = (relation: string, to: string) => {
    const rel = relation.trim().toLowerCase().replace(/[\s-]+/g, "_");
    if (!(eventRelations as readonly string[]).includes(rel)) return fail("relates", `${relation}:${to}`, `unknown relation "${relation}" (relations: ${eventRelations.join(", ")})`);
    if (!SLUG.test(to.trim()) || to.trim().length > EVENT_LIMITS.id) return fail("relates", to, `"${to}" is not an event id`);
    // The same link twice is one link (else it would be stored once and compare as changed on every import).
    if (!links.some((l) => l.relation === rel && l.to === to.trim())) links.push({ relation: rel as EventRelation, to: to.trim() });
  };
  const rawRelates = input.relates;
  const relationsGiven = rawRelates && typeof rawRelates === "object" && !Array.isArray(rawRelates);
  const relateItems = relationsGiven ? Object.values(rawRelates).flatMap(list) : list(rawRelates);
  if (!tooMany("relates", relateItems.length, "links")) {
    if (relationsGiven) {
      for (const [relation, ids] of Object.entries(rawRelates)) for (const to of list(ids)) addLink(relation, to);
    } else {
      for (const item of list(rawRelates)) {
        const colon = item.indexOf(":");
        if (colon < 1) fail("relates", item, `expected RELATION:EVENT_ID, e.g. extends:decree-274-2020`);
        else addLink(item.slice(0, colon), item.slice(colon + 1));
      }
    }
  }

  const verification = (text(input.verification)?.toLowerCase() ?? "unverified") as Verification;
  if (!verifications.includes(verification)) fail("verification", input.verification, `verification must be ${verifications.join(" or ")}`);

  const sourceUrl = text(input.source_url) ?? null;
  if (sourceUrl && sourceUrl.length > EVENT_LIMITS.source_url) tooLong("source_url", sourceUrl);
  else if (sourceUrl && !/^https?:\/\/\S+$/.test(sourceUrl)) fail("source_url", sourceUrl, "source_url must be an http(s) address");

  const documentRef = text(input.document_ref) ?? null;
  tooLong("document_ref", documentRef);
  const summary = text(input.summary) ?? "";
  tooLong("summary", summary);
  const body = typeof input.body === "string" ? input.body.trim() : "";
  tooLong("body", body);
  const verificationNote = text(input.verification_note) ?? null;
  tooLong("verification_note", verificationNote);
  const rawKey = typeof input.key === "string" ? input.key.trim().toLowerCase() : input.key;
  const key = rawKey === true || rawKey === "true" || rawKey === "yes" ? true : rawKey === false || rawKey === "false" || rawKey === "no" ? false : null;
  if (key === null && rawKey !== undefined && rawKey !== null && rawKey !== "") fail("key", input.key, "key must be true or false");
  const label = text(input.label) ?? null;
  tooLong("label", label);

  // Russian text, checked against the same limits as the English.
  const summaryRu = text(input.summary_ru) ?? "";
  const bodyRu = typeof input.body_ru === "string" ? input.body_ru.trim() : "";
  const labelRu = text(input.label_ru) ?? null;
  for (const [key, value, max] of [["summary_ru", summaryRu, EVENT_LIMITS.summary], ["body_ru", bodyRu, EVENT_LIMITS.body], ["label_ru", labelRu, EVENT_LIMITS.label]] as const)
    if (value && value.length > max) fail(key, value, `${key} has ${value.length} characters; at most ${max} are allowed`);
  const translation = (lang: "" | "_ru", has: boolean) => {
    const byKey = `translated_by${lang}`;
    const onKey = `translated_on${lang}`;
    const by = text(input[byKey]) ?? null;
    const onRaw = text(input[onKey]) ?? null;
    const which = lang ? "Russian" : "English";
    if (by && by.length > EVENT_LIMITS.translated_by) fail(byKey, by, `${byKey} has ${by.length} characters; at most ${EVENT_LIMITS.translated_by} are allowed`);
    if (!by && onRaw) fail(onKey, onRaw, `${onKey} is given but not ${byKey}: say who translated the ${which} text`);
    if (by && !has) fail(byKey, by, `${byKey} marks the ${which} text as a translation, but there is no ${which} title (title${lang})`);
    let on: string | null = null;
    if (onRaw) {
      if (/^\d{4}-\d{2}-\d{2}$/.test(onRaw) && parsePeriod(onRaw).ok) on = onRaw;
      else fail(onKey, onRaw, `${onKey} must be a day (YYYY-MM-DD)`);
    }
    return { by, on };
  };
  const tEn = translation("", Boolean(title));
  const tRu = translation("_ru", Boolean(titleRu));
  if (!titleRu)
    for (const [key, value] of [["summary_ru", summaryRu], ["body_ru", bodyRu], ["label_ru", labelRu]] as const)
      if (value) fail(key, value, `${key} is given but not title_ru: a Russian text needs its title`);
  if (!title)
    for (const [key, value] of [["summary", text(input.summary)], ["body", typeof input.body === "string" ? input.body.trim() : ""], ["label", label]] as const)
      if (value) fail(key, value, `${key} is given but not title: an English text needs its title`);
  const tags = [...new Set(list(input.tags).map((t) => t.toLowerCase()))];
  if (!tooMany("tags", tags.length, "tags")) {
    const long = tags.find((t) => t.length > EVENT_LIMITS.tag);
    if (long) fail("tags", long, `the tag has ${long.length} characters; at most ${EVENT_LIMITS.tag} are allowed`);
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    record: {
      id: id!, title: title ?? "", kind: kind as EventKind,
      startsOn: starts!.start,
      // A span given at month/year precision ends on the last day of that month/year.
      endsOn: ends ? ends.end : null,
      datePrecision: precision,
      uncertainDates,
      announcedOn: announced?.start ?? null, inForceOn: inForce?.start ?? null, expiresOn: expires?.end ?? null,
      documentRef, sourceUrl,
      summary, body,
      tags,
      verification, verificationNote,
      key, label,
      titleRu: titleRu ?? "", summaryRu, bodyRu, labelRu,
      translatedBy: tEn.by, translatedOn: tEn.on, translatedByRu: tRu.by, translatedOnRu: tRu.on,
      countries, links,
    },
  };
}
