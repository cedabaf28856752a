/** GET /api/series — one corridor's series (the CLI's JSON) with its events; the reader gate. */
import { listEvents, series } from "@corridor/data";
import { db } from "@/server/db";
import { route } from "@/server/route";
import { parseSeriesParams } from "@/lib/params";

export const dynamic = "force-dynamic";

/** The CLI's series JSON plus the corridor's events in the series' range. */
export const GET = route({ role: "reader" }, async ({ request }) => {
  const q = parseSeriesParams(new URL(request.url).searchParams);
  const s = await series(db(), q);
  const first = s.points[0];
  const last = s.points[s.points.length - 1];
  const events = await listEvents(db(), {
    countries: [s.origin, s.destination],
    from: q.from ?? first?.start,
    to: q.to ?? last?.end,
  });
  return Response.json({
    indicator: { code: s.indicator.code, name: s.indicator.name, unit: s.indicator.unit },
    origin: s.origin,
    destination: s.destination,
    frequency: s.frequency,
    points: s.points.map(({ period, value, flag, source, partial }) => ({ period, value, ...(flag && { flag }), ...(source && { source }), ...(partial && { partial }) })),
    events,
  });
});
