import { series, seriesCsv } from "@corridor/data";
import { db } from "@/lib/db";
import { readHandler } from "@/lib/api";
import { parseSeriesParams } from "@/lib/params";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return readHandler(request, async () => {
    const q = parseSeriesParams(new URL(request.url).searchParams);
    const s = await series(db(), q);
    const csv = seriesCsv(s);
    const name = `${s.indicator.code}_${s.origin}-${s.destination}${s.frequency ? `_${s.frequency}` : ""}.csv`;
    return new Response(csv, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` },
    });
  });
}
