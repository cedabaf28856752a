import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { redirectToLogin } from "@/server/page-auth";
import { Link } from "@/i18n/navigation";
import { isLocale, type Locale } from "@/i18n/routing";
import { eventText } from "@/lib/event-text";
import { date } from "@/lib/format";
import { getEvent } from "@corridor/data";
import { db } from "@/server/db";
import { currentUser } from "@/server/auth";
import { editorData } from "@/server/editor-data";
import { canEdit } from "@/lib/roles";
import { formFromEvent } from "@/lib/event-form";
import { EventEditor } from "@/components/EventEditor";
import { chartWords } from "@/server/chart-words";
import { markWords } from "@/lib/chart-words";

export const dynamic = "force-dynamic";
export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "Meta" });
  return { title: t("editEvent") };
}

export default async function EditEventPage({ params }: { params: Promise<{ id: string; locale: string }> }) {
  const { id, locale: raw } = await params;
  const locale: Locale = isLocale(raw) ? raw : "en";
  setRequestLocale(locale);
  const user = await currentUser(await headers());
  if (!canEdit(user)) return redirectToLogin(`/events/${encodeURIComponent(id)}/edit`);
  const event = await getEvent(await db(), id);
  if (!event) notFound();
  const { events, corridors } = await editorData(locale);
  const t = await getTranslations("Editor");
  const messages = await getMessages();
  return (
    <article className="space-y-4">
      <Link href={`/events/${event.id}`} className="text-tremor-label hover:underline">
        ← {eventText(event, locale).title}
      </Link>
      <h1 className="text-2xl font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">{t("editHeading")}</h1>
      <p className="text-tremor-default">
        {t("versionLine", { version: event.version, by: event.updatedBy, when: `${date(event.updatedAt.slice(0, 10), "day", locale)}, ${event.updatedAt.slice(11, 16)} UTC` })}
      </p>
      <NextIntlClientProvider locale={locale} messages={{ Editor: messages.Editor, KindOne: messages.KindOne }}>
        <EventEditor initial={formFromEvent(event)} baseVersion={event.version} events={events} corridors={corridors} translator={user?.name || user?.email} words={markWords(chartWords(locale))} />
      </NextIntlClientProvider>
    </article>
  );
}
