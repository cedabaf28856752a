/** PUT /api/events/:id (body: the raw record, optional baseVersion) → 200; DELETE → 204. Analyst+. */
import { deleteEvent, getEvent, updateEvent } from "@corridor/data";
import { db } from "@/server/db";
import { auditWrite, requireReader, requireRole } from "@/server/auth";
import { eventErrorResponse, readJsonObject } from "@/server/event-writes";
import { busyResponse, writing } from "@/server/writes";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const who = await requireReader(request);
  if (who instanceof Response) return who;
  const event = await getEvent(db(), (await params).id);
  return event ? Response.json(event) : Response.json({ error: "no such event" }, { status: 404 });
}

export async function PUT(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const who = await requireRole(request, "analyst");
  if (who instanceof Response) return who;
  const id = (await params).id;
  try {
    const input = await readJsonObject(request);
    const { baseVersion, ...record } = input;
    if (baseVersion !== undefined && (typeof baseVersion !== "number" || !Number.isInteger(baseVersion))) return Response.json({ error: "baseVersion must be a whole number" }, { status: 400 });
    const event = await writing("saving an event", async () => {
      const saved = await updateEvent(db(), id, record, { by: who.actor, baseVersion: baseVersion as number | undefined });
      await auditWrite(who, "event.update", `event:${id}`, { baseVersion: baseVersion ?? null });
      return saved;
    });
    return Response.json(event);
  } catch (error) {
    const refused = eventErrorResponse(error) ?? busyResponse(error);
    if (refused) return refused;
    throw error;
  }
}

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const who = await requireRole(request, "analyst");
  if (who instanceof Response) return who;
  const id = (await params).id;
  try {
    await writing("deleting an event", async () => {
      await deleteEvent(db(), id, { by: who.actor });
      await auditWrite(who, "event.delete", `event:${id}`);
    });
    return new Response(null, { status: 204 });
  } catch (error) {
    const refused = eventErrorResponse(error) ?? busyResponse(error);
    if (refused) return refused;
    throw error;
  }
}
