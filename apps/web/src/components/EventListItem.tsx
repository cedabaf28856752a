/** One event in a list (the events page, the dashboard's recent events): kind dot, linked title, kind · dates. */
import { getLocale, getTranslations } from "next-intl/server";
import type { EventSummary } from "@corridor/data";
import { Link } from "@/i18n/navigation";
import type { Locale } from "@/i18n/routing";
import { KIND_COLOUR } from "@/lib/palette";
import { dateRange } from "@/lib/format";
import { dateCaveatWords, type CaveatTranslate } from "@/lib/caveat-words";
import { EventTitle } from "./EventTitle";
import { eventText } from "@/lib/event-text";

export async function EventListItem({ event: e, className, withCountries = false }: { event: EventSummary; className: string; withCountries?: boolean; locale?: string }) {
  const locale = (await getLocale()) as Locale;
  const kinds = await getTranslations("Kinds");
  const t = await getTranslations("Events");
  const text = eventText(e, locale);
  const caveats = (await getTranslations("Caveats")) as unknown as CaveatTranslate;
  return (
    <li className={`flex gap-3 ${className}`}>
      <span aria-hidden className="mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full" style={{ backgroundColor: KIND_COLOUR[e.kind] }} />
      <div>
        <Link href={`/events/${e.id}`} className="font-medium text-tremor-content-strong hover:underline dark:text-dark-tremor-content-strong">
          <EventTitle event={e} />
        </Link>
        <div className="text-tremor-label">
          {kinds(e.kind)} · {dateRange(e.startsOn, e.endsOn, e.datePrecision, locale)}
          {withCountries ? ` · ${e.countries.map((c) => c.code).join(", ")}` : ""}
          {e.verification === "unverified" ? ` · ${t("unverified")}` : ""}
          {text.translation ? ` · ${t("translated")}` : ""}
          {dateCaveatWords(e, caveats).map((c) => ` · ${c}`)}
          {e.related ? ` · ${t("related")}` : ""}
        </div>
      </div>
    </li>
  );
}
