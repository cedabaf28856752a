import { chartData, publishSnapshot } from "@corridor/data";
import { db } from "@/lib/db";
import { readHandler } from "@/lib/api";
import { parseSeriesParams } from "@/lib/params";

export const dynamic = "force-dynamic";

/**
 * POST /api/snapshots?indicator=&origin=&destination=&frequency=&from=&to= publishes the chart's
 * data as it is now and answers its id, for pinned embeds and images (`version=<id>`). The id is
 * derived from the content, so publishing the same view of the same data again returns the same id.
 */
export function POST(request: Request): Promise<Response> {
  return readHandler(async () => {
    // Pages of other sites must not make a reader's browser publish on their behalf.
    const origin = request.headers.get("origin");
    if (origin && origin !== new URL(request.url).origin && origin !== `${request.headers.get("x-forwarded-proto") ?? "http"}://${request.headers.get("host")}`)
      return Response.json({ error: "cross-origin publishing is not allowed" }, { status: 403 });
    const query = parseSeriesParams(new URL(request.url).searchParams);
    const payload = await chartData(db(), query);
    if (payload.series.points.length === 0) return Response.json({ error: "the series is empty: nothing to publish", parameter: "indicator" }, { status: 422 });
    const snapshot = await publishSnapshot(db(), { kind: "series", query: { ...query }, payload });
    const pinned = `version=${snapshot.id}`;
    return Response.json(
      {
        id: snapshot.id,
        createdAt: snapshot.createdAt,
        dataVersion: snapshot.dataVersion,
        embed: `/embed/series?${pinned}`,
        svg: `/api/charts/series.svg?${pinned}`,
        png: `/api/charts/series.png?${pinned}`,
      },
      { status: 201 },
    );
  });
}
