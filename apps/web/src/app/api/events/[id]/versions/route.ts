/** GET /api/events/:id/versions — earlier versions, who replaced them and when. */
import { eventVersions } from "@corridor/data";
import { db } from "@/server/db";
import { requireReader } from "@/server/auth";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const who = await requireReader(request);
  if (who instanceof Response) return who;
  return Response.json({ versions: await eventVersions(db(), (await params).id) }, { headers: { "Cache-Control": "no-store" } });
}
