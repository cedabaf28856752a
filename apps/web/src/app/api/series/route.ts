import { listEvents, series, seriesJson, seriesRange } from "@corridor/data";
import { db } from "@/lib/db";
import { readHandler } from "@/lib/api";
import { parseSeriesParams } from "@/lib/params";

export const dynamic = "force-dynamic";

/** The CLI's series JSON plus the corridor's events in the series' range. */
export function GET(request: Request): Promise<Response> {
  return readHandler(request, async () => {
    const q = parseSeriesParams(new URL(request.url).searchParams);
    const s = await series(db(), q);
    const events = await listEvents(db(), { countries: [s.origin, s.destination], ...seriesRange(s, q) });
    return Response.json(seriesJson(s, events));
  });
}
