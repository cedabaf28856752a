/** GET /api/corridors — every corridor with data; the reader gate. */
import { corridors } from "@corridor/data";
import { db } from "@/server/db";
import { route } from "@/server/route";

export const dynamic = "force-dynamic";

export const GET = route({ role: "reader" }, async () => Response.json(await corridors(db())));
