import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { headers } from "next/headers";
import { redirectToLogin } from "@/server/page-auth";
import { Link } from "@/i18n/navigation";
import { isLocale, type Locale } from "@/i18n/routing";
import { currentUser } from "@/server/auth";
import { editorData } from "@/server/editor-data";
import { canEdit } from "@/lib/roles";
import { emptyForm } from "@/lib/event-form";
import { EventEditor } from "@/components/EventEditor";
import { chartWords } from "@/server/chart-words";
import { markWords } from "@/lib/chart-words";

export const dynamic = "force-dynamic";
export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "Meta" });
  return { title: t("newEvent") };
}

export default async function NewEventPage({ params }: { params: Promise<{ locale: string }> }) {
  const raw = (await params).locale;
  const locale: Locale = isLocale(raw) ? raw : "en";
  setRequestLocale(locale);
  const user = await currentUser(await headers());
  if (!canEdit(user)) return redirectToLogin("/events/new");
  const { events, corridors } = await editorData(locale);
  const t = await getTranslations("Editor");
  const messages = await getMessages();
  return (
    <article className="space-y-4">
      <Link href="/events" className="text-tremor-label hover:underline">
        {t("allEvents")}
      </Link>
      <h1 className="text-2xl font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">{t("newHeading")}</h1>
      {/* The editor is a client component: only its namespaces go to the browser. */}
      <NextIntlClientProvider locale={locale} messages={{ Editor: messages.Editor, KindOne: messages.KindOne }}>
        <EventEditor initial={emptyForm()} events={events} corridors={corridors} translator={user?.name || user?.email} words={markWords(chartWords(locale))} />
      </NextIntlClientProvider>
    </article>
  );
}
