import { listIndicators } from "@corridor/data";
import { db } from "@/lib/db";
import { readHandler } from "@/lib/api";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return readHandler(async () => Response.json(await listIndicators(db())));
}
