/**
 * The one place that decides which language of an event's text a reader sees. Every view that shows
 * an event's title, summary, body or chart label goes through `eventText`. Events are stored in
 * English today: a Russian reader gets the English text with `fallback: true`, and the view marks it
 * "(на английском)" — never a blank, and never passed off as Russian. When events carry text per
 * language, this is the one function to change.
 */
import type { Locale } from "@/i18n/routing";

export interface EventTextSource {
  title: string;
  summary?: string | null;
  body?: string | null;
  label?: string | null;
}

export interface EventText {
  title: string;
  summary: string | null;
  body: string | null;
  label: string | null;
  /** The language the returned text is in. */
  lang: Locale;
  /** True when the reader asked for another language than `lang`: show the marker. */
  fallback: boolean;
}

export function eventText(event: EventTextSource, locale: Locale): EventText {
  return { title: event.title, summary: event.summary ?? null, body: event.body ?? null, label: event.label ?? null, lang: "en", fallback: locale !== "en" };
}
