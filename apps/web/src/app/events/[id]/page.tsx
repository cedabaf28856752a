/** An event's page: text, source, links, edit history and impact panels; server/event-page-data.ts loads them. */
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, Text, Title } from "@tremor/react";
import { canEdit } from "@/lib/roles";
import { EventBody } from "@/components/EventBody";
import { StaticEventChart } from "@/components/StaticEventChart";
import { ChartActions } from "@/components/ChartActions";
import { SourceFooter, SourcesSection } from "@/components/Sources";
import { KIND_COLOUR, KIND_LABEL } from "@/lib/palette";
import { formatValue } from "@corridor/data/pure";
import { dateRange, pct } from "@/lib/format";
import { requirePageReader } from "@/server/page-auth";
import { eventPageData } from "@/server/event-page-data";

export const dynamic = "force-dynamic";

const RELATION: Record<string, [string, string]> = {
  extends: ["Extends", "Extended by"],
  amends: ["Amends", "Amended by"],
  follows_up: ["Follows up", "Followed up by"],
  cites: ["Cites", "Cited by"],
};

export default async function EventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const editable = canEdit(await requirePageReader(`/events/${encodeURIComponent(id)}`));
  const loaded = await eventPageData(id);
  if (!loaded) notFound();
  const { event, history, panels } = loaded;

  return (
    <article className="space-y-6">
      <div>
        <div className="flex items-center justify-between gap-2">
          <Link href="/events" className="text-tremor-label hover:underline">
            ← All events
          </Link>
          {editable && (
            <Link
              href={`/events/${event.id}/edit`}
              className="rounded-tremor-default border border-tremor-border px-3 py-1 text-tremor-default hover:bg-tremor-background-muted dark:border-dark-tremor-border"
            >
              Edit
            </Link>
          )}
        </div>
        <h1 className="mt-1 text-2xl font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">{event.title}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-2 text-tremor-default">
          <span
            className="inline-flex items-center gap-1.5 rounded-tremor-full border px-2 py-0.5 text-tremor-label text-tremor-content-strong dark:text-dark-tremor-content-strong"
            style={{ borderColor: KIND_COLOUR[event.kind] }}
          >
            <span aria-hidden className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: KIND_COLOUR[event.kind] }} />
            {KIND_LABEL[event.kind]}
          </span>
          <span>{dateRange(event.startsOn, event.endsOn, event.datePrecision)}</span>
          <span
            className={`rounded-tremor-small px-1.5 py-0.5 text-tremor-label font-medium ${event.verification === "verified" ? "bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200" : "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-200"}`}
          >
            {event.verification}
          </span>
          <span>{event.countries.map((c) => `${c.code === "ALL" ? "all foreign nationals" : c.code}${c.role === "affected" ? " (affected)" : ""}`).join(", ")}</span>
        </div>
      </div>

      <Card className="p-4">
        <dl className="grid gap-x-6 gap-y-1 text-tremor-default sm:grid-cols-[max-content_1fr]">
          {event.documentRef && (
            <>
              <dt className="font-medium">Document</dt>
              <dd>{event.documentRef}</dd>
            </>
          )}
          {event.sourceUrl && (
            <>
              <dt className="font-medium">Source</dt>
              <dd>
                <a href={event.sourceUrl} rel="noopener noreferrer" className="break-all text-tremor-brand underline">
                  {event.sourceUrl}
                </a>
              </dd>
            </>
          )}
          {event.announcedOn && (
            <>
              <dt className="font-medium">Announced</dt>
              <dd>{dateRange(event.announcedOn, null)}</dd>
            </>
          )}
          {event.inForceOn && (
            <>
              <dt className="font-medium">In force</dt>
              <dd>{dateRange(event.inForceOn, null)}</dd>
            </>
          )}
          {event.verificationNote && (
            <>
              <dt className="font-medium">Verification</dt>
              <dd>{event.verificationNote}</dd>
            </>
          )}
        </dl>
        {event.summary && <p className="mt-3 text-tremor-default">{event.summary}</p>}
      </Card>

      {event.body && (
        <Card className="p-4">
          <Title>Text</Title>
          <EventBody markdown={event.body} testId="event-body" />
        </Card>
      )}

      {event.links.length > 0 && (
        <Card className="p-4">
          <Title>Linked events</Title>
          <ul className="mt-2 space-y-1 text-tremor-default">
            {event.links.map((l) => (
              <li key={`${l.direction}-${l.relation}-${l.id}`}>
                {RELATION[l.relation]?.[l.direction === "out" ? 0 : 1] ?? l.relation}{" "}
                <Link href={`/events/${l.id}`} className="text-tremor-brand underline">
                  {l.title}
                </Link>{" "}
                ({l.startsOn})
              </li>
            ))}
          </ul>
        </Card>
      )}

      <section aria-labelledby="edit-history" data-testid="edit-history">
        <details>
          <summary id="edit-history" className="cursor-pointer text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
            Edit history ({history.length} {history.length === 1 ? "entry" : "entries"})
          </summary>
          <ol className="mt-2 space-y-2 text-tremor-default">
            {history.map((h) => (
              <li key={`${h.version}-${h.action}`}>
                <span className="font-medium">Version {h.version}</span> {h.action === "deleted" ? "deleted" : h.action === "recreated" ? "created again" : h.action} by {h.by}
                {h.at && (
                  <>
                    {" "}
                    on <time dateTime={h.at}>{h.at.slice(0, 16).replace("T", " ")} UTC</time>
                  </>
                )}
                {h.changes.length > 0 && (
                  <ul className="ml-4 list-disc text-tremor-label">
                    {h.changes.map((c) => (
                      <li key={c.field}>
                        <span className="font-medium">{c.field}</span>: {c.before || "—"} → {c.after || "—"}
                      </li>
                    ))}
                  </ul>
                )}
                {h.action === "changed" && h.changes.length === 0 && <span className="text-tremor-label"> (no visible change)</span>}
              </li>
            ))}
          </ol>
        </details>
      </section>

      <section aria-labelledby="impact" className="space-y-4">
        <h2 id="impact" className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
          Before and after
        </h2>
        {panels.length === 0 && <Text>Not enough data around this event in any of its corridors.</Text>}
        {panels.map(({ impact: r, points, originName, destinationName, sources }) => {
          const c = r.comparison;
          const b = r.baseline;
          const around = c.status === "ok" ? [...c.before.periods, c.eventPeriod, ...c.after.periods] : [];
          return (
            <Card key={`${r.indicator.code}-${r.origin}-${r.destination}`} className="p-4" data-testid="impact-panel">
              <Title>
                {r.indicator.name}: {originName} → {destinationName}
              </Title>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <Text>
                  {r.indicator.unit}; {r.window} periods before and after {c.eventPeriod || "the event"}, the event&rsquo;s own period excluded
                </Text>
                {around.length > 0 && (
                  <ChartActions
                    query={new URLSearchParams({ indicator: r.indicator.code, origin: r.origin, destination: r.destination, from: around[0]!, to: around.at(-1)!, events: event.id }).toString()}
                    viewPath={`/events/${event.id}`}
                    title={`${r.indicator.name}: ${originName} → ${destinationName}, around ${event.title}`}
                  />
                )}
              </div>
              <StaticEventChart
                points={points.filter((p) => around.length === 0 || around.includes(p.period))}
                events={[{ id: event.id, title: event.title, kind: event.kind, startsOn: event.startsOn, endsOn: event.endsOn, datePrecision: event.datePrecision, documentRef: event.documentRef }]}
                frequency={r.frequency}
                unit={r.indicator.unit}
                label={r.indicator.name}
              />
              <table className="mt-2 w-full text-left text-tremor-default">
                <thead className="border-b border-tremor-border dark:border-dark-tremor-border">
                  <tr>
                    <th scope="col" className="py-1.5">
                      Comparison
                    </th>
                    <th scope="col">Before (mean)</th>
                    <th scope="col">After (mean)</th>
                    <th scope="col">Change</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-tremor-border dark:divide-dark-tremor-border">
                  <tr>
                    <td className="py-1.5">Around the event ({c.eventPeriod})</td>
                    {c.status === "ok" ? (
                      <>
                        <td title={formatValue(c.before.mean, r.indicator.unit, "table")}>
                          {formatValue(c.before.mean, r.indicator.unit, "card")} ({c.before.periods.join(", ")})
                        </td>
                        <td title={formatValue(c.after.mean, r.indicator.unit, "table")}>
                          {formatValue(c.after.mean, r.indicator.unit, "card")} ({c.after.periods.join(", ")})
                        </td>
                        <td>{pct(c.changePct)}</td>
                      </>
                    ) : (
                      <td colSpan={3}>Not enough data: missing {c.missing.join(", ")}</td>
                    )}
                  </tr>
                  <tr>
                    <td className="py-1.5">A year earlier ({b.eventPeriod})</td>
                    {b.status === "ok" ? (
                      <>
                        <td>{formatValue(b.before.mean, r.indicator.unit, "card")}</td>
                        <td>{formatValue(b.after.mean, r.indicator.unit, "card")}</td>
                        <td>{pct(b.changePct)}</td>
                      </>
                    ) : (
                      <td colSpan={3}>Not enough data: missing {b.missing.join(", ")}</td>
                    )}
                  </tr>
                </tbody>
              </table>
              <SourceFooter sources={sources} />
            </Card>
          );
        })}
        {panels.length > 0 && (
          <SourcesSection
            series={panels.map((p) => ({
              key: `${p.impact.indicator.code}-${p.impact.origin}-${p.impact.destination}`,
              title: `${p.impact.indicator.name}: ${p.originName} → ${p.destinationName}`,
              sources: p.sources,
            }))}
          />
        )}
      </section>
    </article>
  );
}
