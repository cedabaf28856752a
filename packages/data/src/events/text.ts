/**
 * An event's text in the reader's language: the one picker every page, chart, export and brief uses.
 * Pure. An event has its text (title, summary, label, body) in English, Russian or both; each
 * language's text is either as the source gave it or a translation the project wrote (who, when),
 * and a translation is always shown as one — never passed off as the ministry's wording.
 */

export const EVENT_LANGS = ["en", "ru"] as const;
export type EventLang = (typeof EVENT_LANGS)[number];

/** One language's text of an event. `body` is absent where only summaries were loaded (lists, charts). */
export interface EventLangText {
  title: string;
  summary: string;
  label: string | null;
  body?: string;
  /** Set when the project translated this text (who, ISO day); null: the source's (or author's) own text. */
  translation: { by: string; on: string | null } | null;
}

/** The languages an event has text in (a language is present when it has a title). */
export type EventTexts = Partial<Record<EventLang, EventLangText>>;

/** The stored columns (an EventRecord or an events row): unsuffixed English, `…Ru` Russian. */
export interface EventTextColumns {
  title: string;
  summary: string;
  label: string | null;
  body?: string;
  titleRu?: string;
  summaryRu?: string;
  labelRu?: string | null;
  bodyRu?: string;
  translatedBy?: string | null;
  translatedOn?: string | null;
  translatedByRu?: string | null;
  translatedOnRu?: string | null;
}

/** The stored columns → the languages present. */
export function textsOf(c: EventTextColumns, withBody = true): EventTexts {
  const texts: EventTexts = {};
  const one = (title: string | undefined, summary: string | undefined, label: string | null | undefined, body: string | undefined, by: string | null | undefined, on: string | null | undefined): EventLangText => ({
    title: title ?? "",
    summary: summary ?? "",
    label: label ?? null,
    ...(withBody && { body: body ?? "" }),
    translation: by ? { by, on: on ?? null } : null,
  });
  if (c.title) texts.en = one(c.title, c.summary, c.label, c.body, c.translatedBy, c.translatedOn);
  if (c.titleRu) texts.ru = one(c.titleRu, c.summaryRu, c.labelRu, c.bodyRu, c.translatedByRu, c.translatedOnRu);
  return texts;
}

export interface PickedEventText {
  title: string;
  summary: string;
  /** The body in the reader's language, else the other's ("" when neither has one). */
  body: string;
  label: string | null;
  /** The language of title, summary and label. */
  lang: EventLang;
  /** The reader's language has no text: this is the other language's. */
  fallback: boolean;
  /** The shown title/summary/label is the project's translation, not the source's own text. */
  translation: boolean;
  /** Who translated it and when (with `translation`). */
  translatedBy: string | null;
  translatedOn: string | null;
  /** The body may come from the other language where this one has none ("(in English)"). */
  bodyLang: EventLang;
  bodyFallback: boolean;
  bodyTranslation: boolean;
}

const other = (lang: EventLang): EventLang => (lang === "en" ? "ru" : "en");

/**
 * The reader's language when the event has it, else the other language's text with `fallback`
 * (never a blank). An event given with neither (impossible once validated) yields empty strings.
 */
export function eventText(event: { texts: EventTexts }, locale: EventLang | string = "en"): PickedEventText {
  const wanted: EventLang = locale === "ru" ? "ru" : "en";
  const lang = event.texts[wanted] ? wanted : event.texts[other(wanted)] ? other(wanted) : wanted;
  const t = event.texts[lang];
  const ownBody = t?.body ?? "";
  const otherText = event.texts[other(lang)];
  // The body alone may be missing in the shown language (a Russian title over the English text).
  const bodyLang = ownBody.trim() || !otherText?.body?.trim() ? lang : other(lang);
  const bodyText = bodyLang === lang ? t : otherText;
  return {
    title: t?.title ?? "",
    summary: t?.summary ?? "",
    body: bodyText?.body ?? "",
    label: t?.label ?? null,
    lang,
    fallback: lang !== wanted,
    translation: Boolean(t?.translation),
    translatedBy: t?.translation?.by ?? null,
    translatedOn: t?.translation?.on ?? null,
    bodyLang,
    bodyFallback: bodyLang !== wanted,
    bodyTranslation: Boolean(bodyText?.translation),
  };
}

/** Case- and accent-insensitive folding for search ("Таджикистан" finds "таджикистан", "ё" finds "е"). */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLocaleLowerCase("ru")
    .replace(/ё/g, "е");
}

/** Does every word of `query` occur in any language's text of the event (title, summary, label, body)? */
export function matchesText(event: { texts: EventTexts; id?: string; documentRef?: string | null }, query: string): boolean {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = foldForSearch(
    [event.id ?? "", event.documentRef ?? "", ...Object.values(event.texts).flatMap((t) => [t.title, t.summary, t.label ?? "", t.body ?? ""])].join("\n"),
  );
  return words.every((w) => hay.includes(w));
}
