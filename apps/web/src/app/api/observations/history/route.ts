import { db } from "@/server/db";
import { readHandler } from "@/server/api";
import { parseObservationKey } from "@/lib/observation-query";
import { observationHistory } from "@corridor/data";

export const dynamic = "force-dynamic";

/** Every value one observation has had, oldest first, and the import that wrote each. Public, like the other reads. */
export function GET(request: Request): Promise<Response> {
  return readHandler(request, async () => {
    const key = parseObservationKey(new URL(request.url).searchParams);
    return Response.json({ key, ...(await observationHistory(db(), key)) });
  });
}
