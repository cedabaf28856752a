/** GET /api/profiles — saved import profiles, for the upload page's mapping. */
import { listProfiles } from "@corridor/data/profiles";
import { db } from "@/server/db";
import { route } from "@/server/route";

export const dynamic = "force-dynamic";

export const GET = route({ role: "reader" }, async () => Response.json({ profiles: await listProfiles(await db()) }, { headers: { "Cache-Control": "no-store" } }));
