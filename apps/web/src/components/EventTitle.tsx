/**
 * An event's title (or label) as `eventText` gives it, with the "(на английском)" marker when the
 * reader's language has no text of its own; `lang` on the text so screen readers pronounce it right.
 */
import { getLocale, getTranslations } from "next-intl/server";
import type { Locale } from "@/i18n/routing";
import { eventText, type EventWithText as EventTextSource } from "@/lib/event-text";

export async function EventTitle({ event, field = "title" }: { event: EventTextSource; field?: "title" | "summary" }) {
  const locale = (await getLocale()) as Locale;
  const text = eventText(event, locale);
  const t = await getTranslations("EventText");
  const value = field === "title" ? text.title : text.summary;
  if (!value) return null;
  return (
    <>
      <span lang={text.lang}>{value}</span>
      {text.fallback && (
        <span className="ml-1 whitespace-nowrap text-tremor-label font-normal text-tremor-content dark:text-dark-tremor-content" data-testid="fallback-marker">
          {t(`fallback.${text.lang}`)}
        </span>
      )}
    </>
  );
}
