import { corridors } from "@corridor/data";
import { db } from "@/server/db";
import { readHandler } from "@/server/api";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return readHandler(request, async () => Response.json(await corridors(db())));
}
