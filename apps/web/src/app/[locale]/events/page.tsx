import Form from "next/form";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { localePath } from "@/i18n/locale-path";
import type { Locale } from "@/i18n/routing";
import { countryName } from "@corridor/data/pure";
import { Card, Text } from "@tremor/react";
import { listEvents } from "@corridor/data";
import { headers } from "next/headers";
import { db } from "@/server/db";
import { currentUser } from "@/server/auth";
import { canEdit } from "@/lib/roles";
import { parseEventParams, ParameterError, toSearchParams } from "@/lib/params";
import { EventListItem } from "@/components/EventListItem";
import { KIND_ORDER } from "@/lib/chart-model";
import { EventTimeline } from "@/components/EventTimeline";
import { eventText } from "@/lib/event-text";
import { requirePageReader } from "@/server/page-auth";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const t = await getTranslations({ locale: (await params).locale as Locale, namespace: "Meta" });
  return { title: t("events") };
}

export default async function EventsPage({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const t = await getTranslations("Events");
  const kinds = await getTranslations("Kinds");
  const common = await getTranslations("Common");
  const raw = toSearchParams(await searchParams);
  await requirePageReader(localePath(raw.size ? `/events?${raw}` : "/events", locale));
  let query;
  try {
    query = parseEventParams(raw);
  } catch (error) {
    // A bad filter in a shared link shows everything rather than an error page.
    if (!(error instanceof ParameterError)) throw error;
    query = parseEventParams(new URLSearchParams());
  }
  const events = await listEvents(await db(), query);
  const everything = await listEvents(await db());
  const tags = [...new Set(everything.flatMap((e) => e.tags))].sort();
  const countries = [...new Set(everything.flatMap((e) => e.countries.map((c) => c.code)))].filter((c) => c !== "ALL").sort();
  const years = [...new Set(events.map((e) => e.startsOn.slice(0, 4)))];
  const editable = canEdit(await currentUser(await headers()));
  const field =
    "mt-1 block w-full rounded-tremor-small border-tremor-border py-1 placeholder:italic placeholder:text-tremor-content-subtle dark:bg-dark-tremor-background dark:placeholder:text-dark-tremor-content-subtle";
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">{t("heading")}</h1>
        {editable && (
          <Link href="/events/new" className="rounded-tremor-default bg-tremor-brand px-3 py-1.5 text-tremor-default font-medium text-white hover:bg-tremor-brand-emphasis">
            {t("new")}
          </Link>
        )}
      </div>
      <Form
        key={raw.toString()}
        action={localePath("/events", locale)}
        aria-label={t("filter")}
        className="grid gap-3 rounded-tremor-default border border-tremor-border bg-tremor-background p-4 text-tremor-default sm:grid-cols-3 lg:grid-cols-6 dark:border-dark-tremor-border dark:bg-dark-tremor-background"
      >
        <label className="max-w-xl sm:col-span-3 lg:col-span-6">
          Search
          <input name="q" type="search" defaultValue={query.text ?? ""} placeholder="words, e.g. переговоры" className={field} />
        </label>
        <label>
          {t("country")}
          <select name="country" defaultValue={query.countries[0] ?? ""} className={field}>
            <option value="">{common("any")}</option>
            {countries.map((c) => (
              <option key={c} value={c}>
                {locale === "en" ? c : `${countryName(c, locale)} (${c})`}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("kind")}
          <select name="kind" defaultValue={query.kinds[0] ?? ""} className={field}>
            <option value="">{common("any")}</option>
            {KIND_ORDER.map((k) => (
              <option key={k} value={k}>
                {kinds(k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("tag")}
          <select name="tag" defaultValue={query.tags[0] ?? ""} className={field}>
            <option value="">{common("any")}</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("from")} <input name="from" defaultValue={query.from ?? ""} placeholder={t("fromPlaceholder")} className={field} />
        </label>
        <label>
          {t("to")} <input name="to" defaultValue={query.to ?? ""} placeholder={t("toPlaceholder")} className={field} />
        </label>
        <div className="self-end">
          <button type="submit" className="rounded-tremor-small bg-tremor-brand px-3 py-1.5 text-white">
            {t("apply")}
          </button>
        </div>
      </Form>
      <Card className="p-3" data-testid="event-timeline">
        <EventTimeline
          events={events.map((e) => ({
            id: e.id,
            title: eventText(e, locale).title,
            kind: e.kind,
            startsOn: e.startsOn,
            endsOn: e.endsOn,
            datePrecision: e.datePrecision,
            documentRef: e.documentRef,
          }))}
        />
      </Card>
      <Text>
        {t("count", { count: events.length })}
        {query.countries.length ? t("involving", { countries: query.countries.map((c) => (locale === "en" ? c : countryName(c, locale))).join(", ") }) : ""}
        {query.text ? t("withText", { text: query.text, count: events.length }) : ""}.
      </Text>
      {years.map((year) => (
        <section key={year} aria-labelledby={`y${year}`}>
          <h2 id={`y${year}`} className="mb-1 text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
            {year}
          </h2>
          <Card className="p-0">
            <ol className="divide-y divide-tremor-border border-l-4 border-tremor-border dark:divide-dark-tremor-border dark:border-dark-tremor-border">
              {events
                .filter((e) => e.startsOn.startsWith(year))
                .map((e) => (
                  <EventListItem key={e.id} event={e} className="p-3" withCountries locale={locale} />
                ))}
            </ol>
          </Card>
        </section>
      ))}
    </div>
  );
}
