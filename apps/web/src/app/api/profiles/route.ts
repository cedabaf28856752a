/** GET /api/profiles — saved import profiles, for the upload page's mapping. */
import { listProfiles } from "@corridor/data/profiles";
import { db } from "@/server/db";
import { requireReader } from "@/server/auth";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const who = await requireReader(request);
  if (who instanceof Response) return who;
  return Response.json({ profiles: await listProfiles(db()) }, { headers: { "Cache-Control": "no-store" } });
}
