import { createEvent, listEvents } from "@corridor/data";
import { db } from "@/server/db";
import { readHandler } from "@/server/api";
import { parseEventParams } from "@/lib/params";
import { auditWrite, requireRole } from "@/server/auth";
import { eventErrorResponse, readJsonObject } from "@/server/event-writes";
import { busyResponse, writing } from "@/server/writes";

export const dynamic = "force-dynamic";

/** ?country=TJK&country=RUS&kind=decree&tag=covid-19&from=2020&to=2021 — same fields as `corridor events list`. */
export function GET(request: Request): Promise<Response> {
  return readHandler(request, async () => {
    const q = parseEventParams(new URL(request.url).searchParams);
    return Response.json(await listEvents(db(), q));
  });
}

/** Creates an event from the raw record (snake_case keys, as the readers take them); analyst+. 201 / 422 / 409. */
export async function POST(request: Request): Promise<Response> {
  const who = await requireRole(request, "analyst");
  if (who instanceof Response) return who;
  try {
    const input = await readJsonObject(request);
    const event = await writing("saving an event", async () => {
      const made = await createEvent(db(), input, { by: who.actor });
      await auditWrite(who, "event.create", `event:${made.id}`, { title: made.title });
      return made;
    });
    return Response.json(event, { status: 201 });
  } catch (error) {
    const refused = eventErrorResponse(error) ?? busyResponse(error);
    if (refused) return refused;
    throw error;
  }
}
