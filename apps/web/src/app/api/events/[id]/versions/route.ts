/** GET /api/events/:id/versions — earlier versions, who replaced them and when. */
import { eventVersions } from "@corridor/data";
import { db } from "@/server/db";
import { route } from "@/server/route";

export const dynamic = "force-dynamic";

export const GET = route({ role: "reader", params: ["id"] }, async ({ params }) =>
  Response.json({ versions: await eventVersions(await db(), params.id) }, { headers: { "Cache-Control": "no-store" } }),
);
