/** POST /api/events/suggest {text} → a suggested event from a press release (analyst+; writes nothing). */
import { listEvents, suggestBody, suggestEvent } from "@corridor/data";
import { db } from "@/server/db";
import { route } from "@/server/route";

export const dynamic = "force-dynamic";

export const POST = route({ role: "analyst", body: suggestBody }, async ({ body }) => Response.json(suggestEvent(body.text, await listEvents(await db(), {}))));
