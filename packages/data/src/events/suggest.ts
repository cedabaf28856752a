/**
 * Suggests an event from a press release (English or Russian): its own dates (chrono-node), the
 * countries (the country registry plus the demonyms it lacks), its kind (by the words it uses) and
 * the acts it cites with their date and number, linked to stored events where one matches. An act is
 * cited by number ("Decree No. 274") or by kind and date ("the Agreement … of 17 April 2019", with or
 * without a number): an unnumbered act is linked to the one stored event of its kind dated that day.
 */
import * as chrono from "chrono-node";
import { COUNTRY_RECORDS, CountryResolver } from "../countries.ts";
import type { EventKind } from "../schema.ts";
import type { EventSummary } from "./store.ts";

export interface Reference {
  text: string;
  kind: EventKind;
  /** ISO date of the act, when the text gives one. */
  date: string | null;
  number: string | null;
  /** A stored event that is this act. */
  eventId?: string;
}

export interface Suggestion {
  language: "en" | "ru";
  title: string;
  kind: EventKind;
  startsOn: string | null;
  endsOn: string | null;
  countries: string[];
  references: Reference[];
}

/**
 * Adjective and stem forms the ISO name lists do not hold ("Russian-Tajik", "российско-таджикские",
 * "Российской Федерации"). Matched as word prefixes, so Russian case endings need no table.
 */
const DEMONYM_STEMS: Record<string, string[]> = {
  RUS: ["russia", "russian", "российск", "росси"],
  TJK: ["tajik", "таджик", "тоджик"],
  UZB: ["uzbek", "узбек"],
  KGZ: ["kyrgyz", "kirghiz", "кыргыз", "киргиз"],
  KAZ: ["kazakh", "казах"],
  TKM: ["turkmen", "туркмен"],
  ARM: ["armenia", "армян", "армени"],
  AZE: ["azerbaijan", "азербайджан"],
  MDA: ["moldova", "moldavia", "молдав", "молдов"],
  UKR: ["ukrain", "украин"],
  BLR: ["belarus", "белорус"],
  CHN: ["chinese", "китай", "китае", "кнр"],
};
/** Whole-word abbreviations. */
// A Map, not an object literal: a word like "constructor" must not find an inherited key.
const ABBREVIATIONS = new Map<string, string>([["рф", "RUS"], ["кнр", "CHN"], ["ussr", "RUS"]]);

/** Words that say what kind of event a text reports, by stem; ties go to the earlier kind. */
const KIND_WORDS: [EventKind, string[]][] = [
  ["talks", ["talks", "negotiation", "consultation", "переговор", "консультаци"]],
  ["agreement", ["agreement", "treaty", "memorandum", "соглашени", "договор", "меморандум"]],
  ["decree", ["decree", "указ", "постановлени", "распоряжени"]],
  ["law", ["law", "закон"]],
  ["restriction", ["restrict", "ban", "closure", "огранич", "запрет", "закрыт"]],
  ["enforcement", ["raid", "deport", "expuls", "expel", "рейд", "депортац", "выдворен"]],
  ["economic", ["ruble", "rouble", "exchange rate", "key rate", "рубл", "ключевой ставк"]],
];

/** Acts a text may cite, and the kind of event each is. */
const ACT_WORDS: [RegExp, EventKind][] = [
  [/\b(decree|executive order|government resolution|resolution|order)\b/giu, "decree"],
  [/\b(federal law|law)\b/giu, "law"],
  [/\b(agreement|protocol|treaty)\b/giu, "agreement"],
  [/(?<!\p{L})(указ\p{L}*|постановлени\p{L}*|распоряжени\p{L}*)/giu, "decree"],
  [/(?<!\p{L})(федеральн\p{L}*\s+закон\p{L}*|закон\p{L}*)/giu, "law"],
  [/(?<!\p{L})(соглашени\p{L}*|протокол\p{L}*|договор\p{L}*)/giu, "agreement"],
];
const NUMBER = /(?:\bNo\.?|№|\bN)\s*(\d+(?:-[\p{L}]+)?)/u;

const resolver = new CountryResolver();
const names = new Map(COUNTRY_RECORDS.map((c) => [c.code, c.code === "RUS" ? "Russia" : c.nameEn.replace(/\s*\(.*\)$/, "")]));

function isoDate(component: chrono.ParsedComponents): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${component.get("year")}-${pad(component.get("month")!)}-${pad(component.get("day")!)}`;
}

function words(text: string): { word: string; index: number }[] {
  return [...text.matchAll(/[\p{L}]+/gu)].map((m) => ({ word: m[0], index: m.index! }));
}

function findReferences(text: string, parser: chrono.Chrono, known: EventSummary[]): { refs: Reference[]; spans: [number, number][] } {
  const hits = ACT_WORDS.flatMap(([pattern, kind]) => [...text.matchAll(pattern)].map((m) => ({ index: m.index!, kind })));
  hits.sort((a, b) => a.index - b.index);
  const refs: Reference[] = [];
  const spans: [number, number][] = [];
  for (const [i, hit] of hits.entries()) {
    if (spans.some(([s, e]) => hit.index >= s && hit.index < e)) continue;
    // The act's date and number follow its name, within the sentence and before the next act named;
    // an intergovernmental agreement's full title runs to some 250 characters before its date.
    const next = hits.slice(i + 1).find((h) => h.index > hit.index + 3)?.index ?? text.length;
    const windowText = text.slice(hit.index, Math.min(next, hit.index + 400)).split(/[.;]\s+(?=\p{Lu})|\n/u)[0]!;
    const number = windowText.match(NUMBER);
    let date = parser.parse(windowText, new Date(2000, 0, 1)).find((r) => r.start.isCertain("day") && r.start.isCertain("year"));
    // Without a number, only "<act> of/dated/от <date>" cites an act; "signed an agreement … on 5 April"
    // is the event itself.
    if (!number && date && !/(?:\bof|\bdated|(?<!\p{L})от)\s*$/iu.test(windowText.slice(0, date.index))) date = undefined;
    if (!number && !date) continue;
    const end = Math.max(number ? number.index! + number[0].length : 0, date ? date.index + date.text.length : 0);
    const ref: Reference = { text: windowText.slice(0, end).trim(), kind: hit.kind, date: date ? isoDate(date.start) : null, number: number ? number[1]! : null };
    const match = linkedEvent(ref, known);
    if (match) ref.eventId = match.id;
    refs.push(ref);
    spans.push([hit.index, hit.index + end]);
  }
  return { refs, spans };
}

/**
 * The stored event a reference is: same number (and date, when both give one), else — the act cited
 * by kind and date — the one event of that kind dated that day (start, announcement, entry into
 * force, or the signing date its document reference states). Two candidates link neither.
 */
function linkedEvent(ref: Reference, known: EventSummary[]): EventSummary | undefined {
  const numbered = (e: EventSummary) => !!e.documentRef && NUMBER.test(e.documentRef);
  const sameNumber = (e: EventSummary) => !!ref.number && !!e.documentRef && new RegExp(`(?:No\\.?|№|N)\\s*${escapeRegExp(ref.number)}(?!\\d)`, "u").test(e.documentRef);
  const byNumber = known.find((e) => sameNumber(e) && (!ref.date || actDates(e).includes(ref.date)));
  if (byNumber || !ref.date) return byNumber;
  // A numbered citation never links to an act stored with another number.
  const byDate = known.filter((e) => e.kind === ref.kind && actDates(e).includes(ref.date!) && (!ref.number || !numbered(e)));
  return byDate.length === 1 ? byDate[0] : undefined;
}

/** The days an act may be cited by: its start, announcement, entry into force and the date in its document reference. */
function actDates(e: EventSummary): string[] {
  const dates = [e.startsOn, e.announcedOn, e.inForceOn].filter((d): d is string => !!d);
  if (e.documentRef) {
    if (/\d{4}-\d{2}-\d{2}/.test(e.documentRef)) dates.push(e.documentRef.match(/\d{4}-\d{2}-\d{2}/)![0]);
    const parser = /\p{Script=Cyrillic}/u.test(e.documentRef) ? chrono.ru.casual : chrono.en.casual;
    for (const r of parser.parse(e.documentRef, new Date(2000, 0, 1))) if (r.start.isCertain("day") && r.start.isCertain("year")) dates.push(isoDate(r.start));
  }
  return dates;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function findCountries(text: string): string[] {
  const found = new Set<string>();
  const list = words(text);
  for (let i = 0; i < list.length; i++) {
    const lower = list[i]!.word.toLowerCase();
    const abbreviation = ABBREVIATIONS.get(lower);
    if (abbreviation) found.add(abbreviation);
    for (const [code, stems] of Object.entries(DEMONYM_STEMS)) if (stems.some((s) => lower.startsWith(s))) found.add(code);
    // Registry names of one to three capitalised words ("Republic of Tajikistan", "Germany").
    if (!/^\p{Lu}/u.test(list[i]!.word)) continue;
    for (let n = 3; n >= 1; n--) {
      const phrase = text.slice(list[i]!.index, list[i + n - 1] ? list[i + n - 1]!.index + list[i + n - 1]!.word.length : undefined);
      if (i + n > list.length || phrase.length < 4 || /[.,;:]/.test(phrase)) continue;
      const hit = resolver.resolve(phrase);
      if (hit.ok && hit.code !== "WLD" && phrase.length > 3 && !/^[\p{Lu}]{2,3}$/u.test(phrase)) {
        found.add(hit.code);
        break;
      }
    }
  }
  return [...found].sort();
}

/** Counts kind words; a word inside a cited act counts half (a decree announcement is all citations of itself). */
function findKind(text: string, spans: [number, number][]): EventKind {
  const lower = text.toLowerCase();
  let best: EventKind = "other";
  let bestCount = 0;
  for (const [kind, stems] of KIND_WORDS) {
    let count = 0;
    for (const stem of stems) {
      for (const m of lower.matchAll(new RegExp(`(?<!\\p{L})${stem}`, "gu"))) {
        count += spans.some(([s, e]) => m.index! >= s && m.index! < e) ? 0.5 : 1;
      }
    }
    if (count > bestCount) {
      best = kind;
      bestCount = count;
    }
  }
  return best;
}

const KIND_NOUN: Record<EventKind, string> = {
  talks: "talks", decree: "decree", agreement: "agreement", law: "law", restriction: "restriction",
  enforcement: "enforcement action", economic: "economic event", other: "event",
};

/** A Russian release gets a Russian title (it fills the Russian fields): nouns and short names. */
const KIND_NOUN_RU: Record<EventKind, string> = {
  talks: "Переговоры", decree: "Указ", agreement: "Соглашение", law: "Закон", restriction: "Ограничение",
  enforcement: "Правоприменительные меры", economic: "Экономическое событие", other: "Событие",
};
const SHORT_RU = new Map([["RUS", "Россия"], ["TJK", "Таджикистан"], ["UZB", "Узбекистан"], ["KGZ", "Кыргызстан"], ["KAZ", "Казахстан"], ["MDA", "Молдова"]]);
const namesRu = new Map(COUNTRY_RECORDS.map((c) => [c.code, SHORT_RU.get(c.code) ?? c.nameRu]));

export function suggestEvent(text: string, known: EventSummary[] = []): Suggestion {
  const cyrillic = (text.match(/\p{Script=Cyrillic}/gu) ?? []).length;
  const latin = (text.match(/\p{Script=Latin}/gu) ?? []).length;
  const language = cyrillic > latin ? "ru" : "en";
  const parser = language === "ru" ? chrono.ru.casual : chrono.en.casual;
  const { refs, spans } = findReferences(text, parser, known);

  // The event's own date: the first full date in the text that is not an act it cites.
  const own = parser
    .parse(text, new Date(2000, 0, 1))
    .find((r) => r.start.isCertain("year") && r.start.isCertain("day") && !spans.some(([s, e]) => r.index >= s && r.index < e));
  const countries = findCountries(text);
  const kind = findKind(text, spans);
  const topic = /migra|миграц/i.test(text) ? " on migration" : "";
  const who = countries.filter((c) => c !== "WLD").map((c) => names.get(c) ?? c);
  const whoRu = countries.filter((c) => c !== "WLD").map((c) => namesRu.get(c) ?? c);
  return {
    language,
    // In the release's language: a Russian release fills the Russian title.
    title:
      language === "ru"
        ? `${KIND_NOUN_RU[kind]}${topic ? " по вопросам миграции" : ""}${whoRu.length ? `: ${whoRu.join(" – ")}` : ""}`
        : `${who.length ? `${who.join("–")} ` : ""}${KIND_NOUN[kind]}${topic}`.replace(/^\p{Ll}/u, (c) => c.toUpperCase()),
    kind,
    startsOn: own ? isoDate(own.start) : null,
    endsOn: own?.end ? isoDate(own.end) : own ? isoDate(own.start) : null,
    countries,
    references: refs,
  };
}
