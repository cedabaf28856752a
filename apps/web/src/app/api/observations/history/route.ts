import { db } from "@/lib/db";
import { readHandler } from "@/lib/api";
import { parseObservationKey } from "@/lib/observation-query";
import { observationHistoryFn } from "@/server/observation-history";

export const dynamic = "force-dynamic";

/** Every value one observation has had, oldest first, and the import that wrote each. Public, like the other reads. */
export function GET(request: Request): Promise<Response> {
  return readHandler(async () => {
    const key = parseObservationKey(new URL(request.url).searchParams);
    const history = observationHistoryFn();
    if (!history) return Response.json({ error: "observation history is not available in this build" }, { status: 501 });
    return Response.json({ key, ...(await history(db(), key)) });
  });
}
