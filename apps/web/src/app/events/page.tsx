import Form from "next/form";
import Link from "next/link";
import { Card, Text } from "@tremor/react";
import { listEvents } from "@corridor/data";
import { headers } from "next/headers";
import { db } from "@/server/db";
import { currentUser } from "@/server/auth";
import { canEdit } from "@/lib/roles";
import { parseEventParams, ParameterError, toSearchParams } from "@/lib/params";
import { EventListItem } from "@/components/EventListItem";
import { KIND_LABEL } from "@/lib/palette";
import { KIND_ORDER } from "@/lib/chart-model";
import { EventTimeline } from "@/components/EventTimeline";
import { requirePageReader } from "@/server/page-auth";
import { eventText, type Locale } from "@/lib/event-text";

export const dynamic = "force-dynamic";

export default async function EventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = toSearchParams(await searchParams);
  await requirePageReader(raw.size ? `/events?${raw}` : "/events");
  let query;
  try {
    query = parseEventParams(raw);
  } catch (error) {
    // A bad filter in a shared link shows everything rather than an error page.
    if (!(error instanceof ParameterError)) throw error;
    query = parseEventParams(new URLSearchParams());
  }
  const events = await listEvents(db(), query);
  // The page's language (English until locale routing passes the reader's).
  const locale: Locale = "en";
  const everything = await listEvents(db());
  const tags = [...new Set(everything.flatMap((e) => e.tags))].sort();
  const countries = [...new Set(everything.flatMap((e) => e.countries.map((c) => c.code)))].filter((c) => c !== "ALL").sort();
  const years = [...new Set(events.map((e) => e.startsOn.slice(0, 4)))];
  const editable = canEdit(await currentUser(await headers()));
  const field =
    "mt-1 block w-full rounded-tremor-small border-tremor-border py-1 placeholder:italic placeholder:text-tremor-content-subtle dark:bg-dark-tremor-background dark:placeholder:text-dark-tremor-content-subtle";
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">Events</h1>
        {editable && (
          <Link href="/events/new" className="rounded-tremor-default bg-tremor-brand px-3 py-1.5 text-tremor-default font-medium text-white hover:bg-tremor-brand-emphasis">
            New event
          </Link>
        )}
      </div>
      <Form
        key={raw.toString()}
        action="/events"
        aria-label="Filter events"
        className="grid gap-3 rounded-tremor-default border border-tremor-border bg-tremor-background p-4 text-tremor-default sm:grid-cols-3 lg:grid-cols-6 dark:border-dark-tremor-border dark:bg-dark-tremor-background"
      >
        <label className="max-w-xl sm:col-span-3 lg:col-span-6">
          Search
          <input name="q" type="search" defaultValue={query.text ?? ""} placeholder="words, e.g. переговоры" className={field} />
        </label>
        <label>
          Country
          <select name="country" defaultValue={query.countries[0] ?? ""} className={field}>
            <option value="">Any</option>
            {countries.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kind
          <select name="kind" defaultValue={query.kinds[0] ?? ""} className={field}>
            <option value="">Any</option>
            {KIND_ORDER.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tag
          <select name="tag" defaultValue={query.tags[0] ?? ""} className={field}>
            <option value="">Any</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          From <input name="from" defaultValue={query.from ?? ""} placeholder="any, e.g. 2020" className={field} />
        </label>
        <label>
          To <input name="to" defaultValue={query.to ?? ""} placeholder="any, e.g. 2021-06" className={field} />
        </label>
        <div className="self-end">
          <button type="submit" className="rounded-tremor-small bg-tremor-brand px-3 py-1.5 text-white">
            Filter
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
        {events.length} event{events.length === 1 ? "" : "s"}
        {query.countries.length ? ` involving ${query.countries.join(", ")} or all foreign nationals` : ""}
        {query.text ? ` with “${query.text}” in ${events.length === 1 ? "its" : "their"} text` : ""}.
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
