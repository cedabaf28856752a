/** GET /api/indicators — the indicator catalogue; the reader gate. */
import { listIndicators } from "@corridor/data";
import { db } from "@/server/db";
import { route } from "@/server/route";

export const dynamic = "force-dynamic";

export const GET = route({ role: "reader" }, async () => Response.json(await listIndicators(await db())));
