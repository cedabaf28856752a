/** GET /api/series.csv — one corridor's series as a CSV download; the reader gate. */
import { series } from "@corridor/data";
import { toCsv } from "@corridor/data/pure";
import { db } from "@/server/db";
import { route } from "@/server/route";
import { parseSeriesParams } from "@/lib/params";

export const dynamic = "force-dynamic";

export const GET = route({ role: "reader" }, async ({ request }) => {
  const q = parseSeriesParams(new URL(request.url).searchParams);
  const s = await series(db(), q);
  const csv = toCsv(["period", "value", "flag", "source"], s.points.map((p) => [p.period, p.value, p.flag, p.source]));
  const name = `${s.indicator.code}_${s.origin}-${s.destination}${s.frequency ? `_${s.frequency}` : ""}.csv`;
  return new Response(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` },
  });
});
