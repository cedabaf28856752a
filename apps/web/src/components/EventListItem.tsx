/** One event in a list (the events page, the dashboard's recent events): kind dot, linked title, kind · dates. */
import Link from "next/link";
import type { EventSummary } from "@corridor/data";
import { KIND_COLOUR, KIND_LABEL } from "@/lib/palette";
import { dateRange } from "@/lib/format";
import { dateCaveats } from "@/lib/chart-model";
import { eventText, otherLanguageNote, type Locale } from "@/lib/event-text";

export function EventListItem({ event: e, className, withCountries = false, locale = "en" }: { event: EventSummary; className: string; withCountries?: boolean; locale?: Locale }) {
  const text = eventText(e, locale);
  return (
    <li className={`flex gap-3 ${className}`}>
      <span aria-hidden className="mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full" style={{ backgroundColor: KIND_COLOUR[e.kind] }} />
      <div>
        <Link href={`/events/${e.id}`} className="font-medium text-tremor-content-strong hover:underline dark:text-dark-tremor-content-strong">
          <span lang={text.lang}>{text.title}</span>
        </Link>
        {text.fallback && <span className="ml-1 text-tremor-label">{otherLanguageNote(text.lang, locale)}</span>}
        <div className="text-tremor-label">
          {KIND_LABEL[e.kind]} · {dateRange(e.startsOn, e.endsOn, e.datePrecision)}
          {withCountries ? ` · ${e.countries.map((c) => c.code).join(", ")}` : ""}
          {e.verification === "unverified" ? " · unverified" : ""}
          {text.translation ? (locale === "ru" ? " · перевод Corridor" : " · translated by Corridor") : ""}
          {dateCaveats(e).map((c) => ` · ${c}`)}
          {e.related ? " · related (another corridor's event)" : ""}
        </div>
      </div>
    </li>
  );
}
