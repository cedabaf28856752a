/** GET /api/series — one corridor's series (the CLI's JSON) with its events; the reader gate. */
import { listEvents, series, seriesJson, seriesRange } from "@corridor/data";
import { db } from "@/server/db";
import { route } from "@/server/route";
import { parseSeriesParams } from "@/lib/params";

export const dynamic = "force-dynamic";

/** The CLI's series JSON plus the corridor's events in the series' range. */
export const GET = route({ role: "reader" }, async ({ request }) => {
  const q = parseSeriesParams(new URL(request.url).searchParams);
  const s = await series(db(), q);
  const events = await listEvents(db(), { countries: [s.origin, s.destination], ...seriesRange(s, q) });
  return Response.json(seriesJson(s, events));
});
