import { listIndicators } from "@corridor/data";
import { db } from "@/lib/db";
import { readHandler } from "@/lib/api";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return readHandler(request, async () => Response.json(await listIndicators(db())));
}
