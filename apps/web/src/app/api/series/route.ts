/** GET /api/series — one corridor's series (the CLI's JSON) with its events; the reader gate. */
import { listEvents, series, seriesJson, seriesRange } from "@corridor/data";
import { db } from "@/server/db";
import { route } from "@/server/route";
import { parseSeriesParams } from "@/lib/params";

export const dynamic = "force-dynamic";

/** The CLI's series JSON plus the corridor's own events in the series' range; `related=1` adds other corridors' events naming one of its countries, marked `related: true`. */
export const GET = route({ role: "reader" }, async ({ request }) => {
  const params = new URL(request.url).searchParams;
  const q = parseSeriesParams(params);
  const s = await series(await db(), q);
  const events = await listEvents(await db(), { corridor: { origin: s.origin, destination: s.destination, related: q.related }, ...seriesRange(s, q) });
  return Response.json(seriesJson(s, events));
});
