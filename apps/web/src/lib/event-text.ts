/**
 * An event's text in the page's language: the data package's picker (`eventText`, one rule for
 * every view), adapted for what the web app holds. An event without `texts` — a chart snapshot
 * published before events had two languages, an editor draft — reads as the English text it carries.
 */
import { eventText as pick, type EventLang, type EventTexts, type PickedEventText } from "@corridor/data/pure";

export type { EventLang, EventTexts, PickedEventText };
export type Locale = EventLang;

/** An event as any view holds it: with `texts` (EventSummary, EventDetail) or only its English fields. */
export interface EventWithText {
  texts?: EventTexts;
  title?: string;
  summary?: string;
  body?: string;
  label?: string | null;
}

export function eventText(event: EventWithText, locale: Locale | string = "en"): PickedEventText {
  const texts: EventTexts = event.texts ?? { en: { title: event.title ?? "", summary: event.summary ?? "", label: event.label ?? null, body: event.body ?? "", translation: null } };
  return pick({ texts }, locale);
}

/** The marker after a text shown in the other language: "(in English)" / "(на русском)" — in the text's own language's name. */
export function otherLanguageNote(lang: EventLang, locale: Locale | string = "en"): string {
  if (locale === "ru") return lang === "en" ? "(на английском)" : "(на русском)";
  return lang === "ru" ? "(in Russian)" : "(in English)";
}

/** The note under a translated text: never passed off as the source's own wording. */
export function translationNote(t: Pick<PickedEventText, "translatedBy" | "translatedOn">, locale: Locale | string = "en"): string {
  const by = t.translatedBy ?? "Corridor";
  const on = t.translatedOn ? (locale === "ru" ? `, ${t.translatedOn}` : ` on ${t.translatedOn}`) : "";
  return locale === "ru" ? `Перевод: ${by}${on}. Это не текст источника.` : `Translated by ${by}${on}, not the source's own text.`;
}
