/** GET /api/series.csv — one corridor's series as a CSV download (one table, UTF-8 with a byte-order mark for Excel); the reader gate. */
import { series, seriesCsv } from "@corridor/data";
import { csvFile } from "@corridor/data/pure";
import { db } from "@/server/db";
import { route } from "@/server/route";
import { parseSeriesParams } from "@/lib/params";

export const dynamic = "force-dynamic";

export const GET = route({ role: "reader" }, async ({ request }) => {
  const q = parseSeriesParams(new URL(request.url).searchParams);
  const s = await series(await db(), q);
  const name = `${s.indicator.code}_${s.origin}-${s.destination}${s.frequency ? `_${s.frequency}` : ""}.csv`;
  return new Response(csvFile(seriesCsv(s)), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` },
  });
});
