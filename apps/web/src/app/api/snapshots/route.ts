import { chartData, publishSnapshot } from "@corridor/data";
import { db } from "@/lib/db";
import { readHandler } from "@/lib/api";
import { ParameterError, parseSeriesParams } from "@/lib/params";
import { parseExplorerView } from "@/lib/explorer";
import { compareData } from "@/server/compare-data";
import { writing } from "@/server/writes";

export const dynamic = "force-dynamic";

/**
 * POST /api/snapshots?indicator=&origin=&destination=&frequency=&from=&to= publishes the event
 * chart's data as it is now and answers its id, for pinned embeds and images (`version=<id>`);
 * `kind=compare` and the explorer's query publish a comparison. The id is derived from the
 * content, so publishing the same view of the same data again returns the same id.
 */
export function POST(request: Request): Promise<Response> {
  return readHandler(request, async () => {
    // Pages of other sites must not make a reader's browser publish on their behalf.
    const origin = request.headers.get("origin");
    if (origin && origin !== new URL(request.url).origin && origin !== `${request.headers.get("x-forwarded-proto") ?? "http"}://${request.headers.get("host")}`)
      return Response.json({ error: "cross-origin publishing is not allowed" }, { status: 403 });
    const params = new URL(request.url).searchParams;
    const kind = params.get("kind") ?? "series";
    if (kind !== "series" && kind !== "compare") throw new ParameterError("kind", `"${kind}" must be series or compare`);
    let snapshot;
    if (kind === "compare") {
      const view = parseExplorerView(params);
      const payload = await compareData(view);
      if (payload.lines.every((l) => l.points.length === 0)) return Response.json({ error: "nothing to publish: no corridor has data", parameter: "series" }, { status: 422 });
      snapshot = await writing("publishing a snapshot", () => publishSnapshot(db(), { kind, query: { ...view }, payload }));
    } else {
      const query = parseSeriesParams(params);
      const payload = await chartData(db(), query);
      if (payload.series.points.length === 0) return Response.json({ error: "the series is empty: nothing to publish", parameter: "indicator" }, { status: 422 });
      snapshot = await writing("publishing a snapshot", () => publishSnapshot(db(), { kind, query: { ...query }, payload }));
    }
    const pinned = `version=${snapshot.id}`;
    return Response.json(
      {
        id: snapshot.id,
        createdAt: snapshot.createdAt,
        dataVersion: snapshot.dataVersion,
        embed: `/embed/${kind}?${pinned}`,
        svg: `/api/charts/${kind}.svg?${pinned}`,
        png: `/api/charts/${kind}.png?${pinned}`,
      },
      { status: 201 },
    );
  });
}
