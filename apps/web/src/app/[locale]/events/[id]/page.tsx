/** An event's page: text, source, links, edit history and impact panels (components/ImpactPanelCard); server/event-page-data.ts loads them. */
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { localePath } from "@/i18n/locale-path";
import type { Locale } from "@/i18n/routing";
import { corridorWords, countryName, indicatorName } from "@corridor/data/pure";
import { eventText, otherLanguageNote, translationNote } from "@/lib/event-text";
import { EventTitle } from "@/components/EventTitle";
import { dateCaveatWords, type CaveatTranslate } from "@/lib/caveat-words";
import { notFound } from "next/navigation";
import { Card, Text, Title } from "@tremor/react";
import { canEdit } from "@/lib/roles";
import { EventBody } from "@/components/EventBody";
import { ImpactPanelCard } from "@/components/ImpactPanelCard";
import { SourcesSection } from "@/components/Sources";
import { KIND_COLOUR } from "@/lib/palette";
import { dateRange } from "@/lib/format";
import { toSearchParams } from "@/lib/params";
import { requirePageReader } from "@/server/page-auth";
import { eventPageData } from "@/server/event-page-data";

export const dynamic = "force-dynamic";

const RELATIONS = new Set(["extends", "amends", "follows_up", "cites"]);

export default async function EventPage({ params, searchParams }: { params: Promise<{ id: string; locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id, locale: l } = await params;
  const locale = l as Locale;
  setRequestLocale(locale);
  const t = await getTranslations("Event");
  const kinds = await getTranslations("Kinds");
  const verification = await getTranslations("Verification");
  const caveats = (await getTranslations("Caveats")) as unknown as CaveatTranslate;
  const query = toSearchParams(await searchParams);
  const editable = canEdit(await requirePageReader(localePath(`/events/${encodeURIComponent(id)}`, locale)));
  const loaded = await eventPageData(id, query);
  if (!loaded) notFound();
  const { event, history, panels, eventTitles } = loaded;
  const text = eventText(event, locale);

  return (
    <article className="space-y-6">
      <div>
        <div className="flex items-center justify-between gap-2">
          <Link href="/events" className="text-tremor-label hover:underline print:hidden">
            {t("allEvents")}
          </Link>
          <div className="flex items-center gap-2 print:hidden">
            <a
              href={localePath(`/events/${encodeURIComponent(event.id)}/brief.pdf`, locale)}
              className="rounded-tremor-default border border-tremor-border px-3 py-1 text-tremor-default hover:bg-tremor-background-muted dark:border-dark-tremor-border"
            >
              {t("brief")}
            </a>
            {editable && (
              <Link
                href={`/events/${event.id}/edit`}
                className="rounded-tremor-default border border-tremor-border px-3 py-1 text-tremor-default hover:bg-tremor-background-muted dark:border-dark-tremor-border"
              >
                {t("edit")}
              </Link>
            )}
          </div>
        </div>
        <h1 lang={text.lang} className="mt-1 text-2xl font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
          {text.title}
          {text.fallback && <span className="ml-2 text-tremor-default font-normal text-tremor-content">{otherLanguageNote(text.lang, locale)}</span>}
        </h1>
        {text.translation && (
          <p data-testid="translation-note" className="mt-1 text-tremor-label text-tremor-content">
            {translationNote(text, locale)}
          </p>
        )}
        <div className="mt-2 flex flex-wrap items-center gap-2 text-tremor-default">
          <span
            className="inline-flex items-center gap-1.5 rounded-tremor-full border px-2 py-0.5 text-tremor-label text-tremor-content-strong dark:text-dark-tremor-content-strong"
            style={{ borderColor: KIND_COLOUR[event.kind] }}
          >
            <span aria-hidden className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: KIND_COLOUR[event.kind] }} />
            {kinds(event.kind)}
          </span>
          <span>{dateRange(event.startsOn, event.endsOn, event.datePrecision, locale)}</span>
          {/* Uncertain, not merely imprecise: said beside the date, as the charts draw that end faded. */}
          {dateCaveatWords(event, caveats).map((c) => (
            <span key={c} data-testid="date-caveat" className="rounded-tremor-small border border-dashed border-amber-600 px-1.5 py-0.5 text-tremor-label text-amber-900 dark:text-amber-200">
              {c}
            </span>
          ))}
          <span
            className={`rounded-tremor-small px-1.5 py-0.5 text-tremor-label font-medium ${event.verification === "verified" ? "bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200" : "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-200"}`}
          >
            {verification(event.verification)}
          </span>
          <span>
            {event.countries
              .map((c) => {
                const name = c.code === "ALL" ? t("allForeign") : locale === "en" ? c.code : countryName(c.code, locale);
                return c.role === "affected" ? t("affected", { country: name }) : name;
              })
              .join(", ")}
          </span>
        </div>
      </div>

      <Card className="p-4">
        <dl className="grid gap-x-6 gap-y-1 text-tremor-default sm:grid-cols-[max-content_1fr]">
          {event.documentRef && (
            <>
              <dt className="font-medium">{t("document")}</dt>
              <dd>{event.documentRef}</dd>
            </>
          )}
          {event.sourceUrl && (
            <>
              <dt className="font-medium">{t("source")}</dt>
              <dd>
                <a href={event.sourceUrl} rel="noopener noreferrer" className="break-all text-tremor-brand underline dark:text-dark-tremor-brand">
                  {event.sourceUrl}
                </a>
              </dd>
            </>
          )}
          {event.announcedOn && (
            <>
              <dt className="font-medium">{t("announced")}</dt>
              <dd>{dateRange(event.announcedOn, null, "day", locale)}</dd>
            </>
          )}
          {event.inForceOn && (
            <>
              <dt className="font-medium">{t("inForce")}</dt>
              <dd>{dateRange(event.inForceOn, null, "day", locale)}</dd>
            </>
          )}
          {event.verificationNote && (
            <>
              <dt className="font-medium">{t("verification")}</dt>
              <dd lang="en">{event.verificationNote}</dd>
            </>
          )}
        </dl>
        {text.summary && (
          <p lang={text.lang} className="mt-3 text-tremor-default">
            {text.summary}
          </p>
        )}
      </Card>

      {text.body && (
        <Card className="p-4">
          <Title>
            {t("text")}
            {text.bodyFallback && <span className="ml-2 text-tremor-default font-normal text-tremor-content">{otherLanguageNote(text.bodyLang, locale)}</span>}
          </Title>
          {text.bodyTranslation && text.bodyLang !== text.lang && (
            <p className="text-tremor-label text-tremor-content">
              {translationNote({ translatedBy: event.texts[text.bodyLang]?.translation?.by ?? null, translatedOn: event.texts[text.bodyLang]?.translation?.on ?? null }, locale)}
            </p>
          )}
          <div lang={text.bodyLang}>
            <EventBody markdown={text.body} testId="event-body" />
          </div>
        </Card>
      )}

      {event.links.length > 0 && (
        <Card className="p-4">
          <Title>{t("linked")}</Title>
          <ul className="mt-2 space-y-1 text-tremor-default">
            {event.links.map((l) => (
              <li key={`${l.direction}-${l.relation}-${l.id}`}>
                {RELATIONS.has(l.relation) ? t(`rel.${l.relation as "extends"}.${l.direction === "out" ? "out" : "in"}`) : l.relation}{" "}
                <Link href={`/events/${l.id}`} className="text-tremor-brand underline dark:text-dark-tremor-brand">
                  <EventTitle event={l} />
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
            {t("history", { count: history.length })}
          </summary>
          <ol className="mt-2 space-y-2 text-tremor-default">
            {history.map((h) => (
              <li key={`${h.version}-${h.action}`}>
                <span className="font-medium">{t("version", { version: h.version })}</span> {t("action", { action: h.action, by: h.by })}
                {h.at && (
                  <>
                    {" "}
                    {t("on")} <time dateTime={h.at}>{h.at.slice(0, 16).replace("T", " ")} UTC</time>
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
                {h.action === "changed" && h.changes.length === 0 && <span className="text-tremor-label">{t("noVisibleChange")}</span>}
              </li>
            ))}
          </ol>
        </details>
      </section>

      <section aria-labelledby="impact" className="space-y-4">
        <h2 id="impact" className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
          {t("impact")}
        </h2>
        {panels.length === 0 && <Text>{t("noPanels")}</Text>}
        {panels.map((panel) => (
          <ImpactPanelCard
            key={`${panel.impact.indicator.code}-${panel.impact.origin}-${panel.impact.destination}`}
            panel={panel}
            event={event}
            path={localePath(`/events/${event.id}`, locale)}
            params={query}
            eventTitles={eventTitles}
          />
        ))}
        {panels.length > 0 && (
          <SourcesSection
            series={panels.map((p) => ({
              key: `${p.impact.indicator.code}-${p.impact.origin}-${p.impact.destination}`,
              title: `${indicatorName(p.impact.indicator, locale)}: ${locale === "en" ? `${p.originName} → ${p.destinationName}` : corridorWords(p.impact.origin, p.impact.destination, locale)}`,
              sources: p.sources,
            }))}
          />
        )}
      </section>
    </article>
  );
}
