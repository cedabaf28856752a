import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { redirectToLogin } from "@/server/page-auth";
import Link from "next/link";
import { getEvent } from "@corridor/data";
import { db } from "@/server/db";
import { currentUser } from "@/server/auth";
import { editorData } from "@/server/editor-data";
import { canEdit } from "@/lib/roles";
import { formFromEvent } from "@/lib/event-form";
import { EventEditor } from "@/components/EventEditor";

export const dynamic = "force-dynamic";
export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "Meta" });
  return { title: t("editEvent") };
}

export default async function EditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await currentUser(await headers());
  if (!canEdit(user)) return redirectToLogin(`/events/${encodeURIComponent(id)}/edit`);
  const event = await getEvent(db(), id);
  if (!event) notFound();
  const { events, corridors } = await editorData();
  return (
    <article className="space-y-4">
      <Link href={`/events/${event.id}`} className="text-tremor-label hover:underline">
        ← {event.title}
      </Link>
      <h1 className="text-2xl font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">Edit event</h1>
      <p className="text-tremor-default">
        Version {event.version}, saved by {event.updatedBy} at {event.updatedAt.slice(0, 16).replace("T", " ")} UTC.
      </p>
      <EventEditor initial={formFromEvent(event)} baseVersion={event.version} events={events} corridors={corridors} translator={user?.name || user?.email} />
    </article>
  );
}
