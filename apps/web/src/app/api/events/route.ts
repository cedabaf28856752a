/** GET /api/events lists events (the reader gate); POST creates one (analyst+): 201 / 422 / 409. */
import { createEvent, eventBody, listEvents } from "@corridor/data";
import { db } from "@/server/db";
import { parseEventParams } from "@/lib/params";
import { auditWrite } from "@/server/auth";
import { route } from "@/server/route";
import { writing } from "@/server/writes";

export const dynamic = "force-dynamic";

/** ?country=TJK&country=RUS&kind=decree&tag=covid-19&from=2020&to=2021 — same fields as `corridor events list`. */
export const GET = route({ role: "reader" }, async ({ request }) => {
  const q = parseEventParams(new URL(request.url).searchParams);
  return Response.json(await listEvents(await db(), q));
});

/** Creates an event from the raw record (snake_case keys, as the readers take them). */
export const POST = route({ role: "analyst", body: eventBody }, async ({ who, body }) => {
  const event = await writing("saving an event", async () => {
    const made = await createEvent(await db(), body, { by: who.actor });
    await auditWrite(who, "event.create", `event:${made.id}`, { title: made.title });
    return made;
  });
  return Response.json(event, { status: 201 });
});
