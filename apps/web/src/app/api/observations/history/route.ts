/** GET /api/observations/history — every value one observation has had; the reader gate. */
import { db } from "@/server/db";
import { route } from "@/server/route";
import { parseObservationKey } from "@/lib/observation-query";
import { observationHistory } from "@corridor/data";

export const dynamic = "force-dynamic";

/** Every value one observation has had, oldest first, and the import that wrote each. Public, like the other reads. */
export const GET = route({ role: "reader" }, async ({ request }) => {
  const key = parseObservationKey(new URL(request.url).searchParams);
  return Response.json({ key, ...(await observationHistory(await db(), key)) });
});
