/** GET /api/corridors — every corridor with data; the reader gate. Kept per data version (versioned-json.ts). */
import { corridorsJson } from "@corridor/data";
import { db } from "@/server/db";
import { route } from "@/server/route";
import { versionedJson } from "@/server/versioned-json";

export const dynamic = "force-dynamic";

export const GET = route({ role: "reader" }, async ({ request }) => versionedJson(request, "corridors", async () => corridorsJson(await db())));
