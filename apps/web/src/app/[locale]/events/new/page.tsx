import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { redirectToLogin } from "@/server/page-auth";
import Link from "next/link";
import { currentUser } from "@/server/auth";
import { editorData } from "@/server/editor-data";
import { canEdit } from "@/lib/roles";
import { emptyForm } from "@/lib/event-form";
import { EventEditor } from "@/components/EventEditor";

export const dynamic = "force-dynamic";
export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "Meta" });
  return { title: t("newEvent") };
}

export default async function NewEventPage() {
  const user = await currentUser(await headers());
  if (!canEdit(user)) return redirectToLogin("/events/new");
  const { events, corridors } = await editorData();
  return (
    <article className="space-y-4">
      <Link href="/events" className="text-tremor-label hover:underline">
        ← All events
      </Link>
      <h1 className="text-2xl font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">New event</h1>
      <EventEditor initial={emptyForm()} events={events} corridors={corridors} translator={user?.name || user?.email} />
    </article>
  );
}
