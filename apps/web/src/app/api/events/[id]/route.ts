/** GET /api/events/:id (the reader gate); PUT (body: the raw record, optional baseVersion) → 200; DELETE → 204. Analyst+. */
import { deleteEvent, eventUpdateBody, getEvent, updateEvent } from "@corridor/data";
import { db } from "@/server/db";
import { auditWrite } from "@/server/auth";
import { route } from "@/server/route";
import { writing } from "@/server/writes";

export const dynamic = "force-dynamic";

export const GET = route({ role: "reader", params: ["id"] }, async ({ params }) => {
  const event = await getEvent(await db(), params.id);
  return event ? Response.json(event) : Response.json({ error: "no such event" }, { status: 404 });
});

export const PUT = route({ role: "analyst", body: eventUpdateBody, params: ["id"] }, async ({ who, body, params: { id } }) => {
  const { baseVersion, ...record } = body;
  const event = await writing("saving an event", async () => {
    const saved = await updateEvent(await db(), id, record, { by: who.actor, baseVersion });
    await auditWrite(who, "event.update", `event:${id}`, { baseVersion: baseVersion ?? null });
    return saved;
  });
  return Response.json(event);
});

export const DELETE = route({ role: "analyst", params: ["id"] }, async ({ who, params: { id } }) => {
  await writing("deleting an event", async () => {
    await deleteEvent(await db(), id, { by: who.actor });
    await auditWrite(who, "event.delete", `event:${id}`);
  });
  return new Response(null, { status: 204 });
});
