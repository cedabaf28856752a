import Link from "next/link";
import { Card, Text } from "@tremor/react";
import { listEvents } from "@corridor/data";
import { db } from "@/lib/db";
import { parseEventParams, ParameterError } from "@/lib/params";
import { KIND_COLOUR, KIND_LABEL } from "@/lib/palette";
import { dateRange } from "@/lib/format";

export const dynamic = "force-dynamic";

export default async function EventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) for (const one of [v].flat()) if (typeof one === "string") raw.append(k, one);
  let query;
  try {
    query = parseEventParams(raw);
  } catch (error) {
    // A bad filter in a shared link shows everything rather than an error page.
    if (!(error instanceof ParameterError)) throw error;
    query = parseEventParams(new URLSearchParams());
  }
  const events = await listEvents(db(), query);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">Events</h1>
      <Text>{events.length} events{query.countries.length ? ` involving ${query.countries.join(", ")} or all foreign nationals` : ""}. Filter with ?country=TJK&amp;kind=decree&amp;tag=covid-19&amp;from=2020&amp;to=2021.</Text>
      <Card className="p-0">
        <ol className="divide-y divide-tremor-border dark:divide-dark-tremor-border">
          {events.map((e) => (
            <li key={e.id} className="flex gap-3 p-3">
              <span aria-hidden className="mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full" style={{ backgroundColor: KIND_COLOUR[e.kind] }} />
              <div>
                <Link href={`/events/${e.id}`} className="font-medium text-tremor-content-strong hover:underline dark:text-dark-tremor-content-strong">{e.title}</Link>
                <div className="text-tremor-label">
                  {KIND_LABEL[e.kind]} · {dateRange(e.startsOn, e.endsOn, e.datePrecision)} · {e.countries.map((c) => c.code).join(", ")}
                  {e.verification === "unverified" ? " · unverified" : ""}
                </div>
              </div>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
