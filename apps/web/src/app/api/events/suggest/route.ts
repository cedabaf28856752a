/** POST /api/events/suggest {text} → a suggested event from a press release (analyst+; writes nothing). */
import { listEvents, suggestEvent } from "@corridor/data";
import { db } from "@/server/db";
import { requireRole } from "@/server/auth";
import { eventErrorResponse, readJsonObject } from "@/server/event-writes";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const who = await requireRole(request, "analyst");
  if (who instanceof Response) return who;
  try {
    const { text } = await readJsonObject(request);
    if (typeof text !== "string" || text.trim() === "") return Response.json({ error: 'expected {"text": "…"}' }, { status: 400 });
    return Response.json(suggestEvent(text, await listEvents(db(), {})));
  } catch (error) {
    const refused = eventErrorResponse(error);
    if (refused) return refused;
    throw error;
  }
}
