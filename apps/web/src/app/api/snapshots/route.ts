/** POST /api/snapshots — publish a chart's data as a pinned snapshot (open to readers, rate-limited, audited). */
import { chartData, CorridorError, publishSnapshot } from "@corridor/data";
import { db } from "@/server/db";
import { route } from "@/server/route";
import { ParameterError, parseSeriesParams } from "@/lib/params";
import { parseExplorerView } from "@/lib/explorer";
import { compareData } from "@/server/compare-data";
import { writing } from "@/server/writes";
import { auditWrite, clientIp, currentUser } from "@/server/auth";
import { envCount, SharedLimiter } from "@/server/rate-limit";

export const dynamic = "force-dynamic";

/**
 * Publishing stays open to anonymous readers — pinned embeds are made by the readers of a report,
 * not only by analysts — but each client address may publish CORRIDOR_SNAPSHOTS_PER_HOUR times an
 * hour (then 429 + Retry-After), and every new snapshot row is audited (actor "anonymous" or the
 * signed-in user, and the address). Content-derived ids mean a repeat adds no row and no audit row.
 */
const publishLimiter = new SharedLimiter({ bucket: "snapshots.publish", max: envCount("CORRIDOR_SNAPSHOTS_PER_HOUR", 60), windowMs: 3_600_000 });

/**
 * POST /api/snapshots?indicator=&origin=&destination=&frequency=&from=&to= publishes the event
 * chart's data as it is now and answers its id, for pinned embeds and images (`version=<id>`);
 * `kind=compare` and the explorer's query publish a comparison. The id is derived from the
 * content, so publishing the same view of the same data again returns the same id.
 */
export const POST = route({ role: "reader" }, async ({ request }) => {
  // Pages of other sites must not make a reader's browser publish on their behalf.
  const origin = request.headers.get("origin");
  if (origin && origin !== new URL(request.url).origin && origin !== `${request.headers.get("x-forwarded-proto") ?? "http"}://${request.headers.get("host")}`)
    throw new CorridorError("forbidden", "cross-origin publishing is not allowed");
  const ip = clientIp(request.headers);
  const address = ip ?? "unknown";
  const wait = await publishLimiter.blockedFor(address);
  if (wait > 0) throw new CorridorError("rate_limited", `too many snapshots published from this address (at most ${publishLimiter.max} an hour); try again in ${wait} s`, { retryAfterSeconds: wait });
  await publishLimiter.record(address);
  const params = new URL(request.url).searchParams;
  const kind = params.get("kind") ?? "series";
  if (kind !== "series" && kind !== "compare") throw new ParameterError("kind", `"${kind}" must be series or compare`);
  let input: Parameters<typeof publishSnapshot>[1];
  if (kind === "compare") {
    const view = parseExplorerView(params);
    const payload = await compareData(view);
    if (payload.lines.every((l) => l.points.length === 0)) throw new CorridorError("invalid", "nothing to publish: no corridor has data", { parameter: "series" });
    input = { kind, query: { ...view }, payload };
  } else {
    const query = parseSeriesParams(params);
    const payload = await chartData(await db(), query);
    if (payload.series.points.length === 0) throw new CorridorError("invalid", "the series is empty: nothing to publish", { parameter: "indicator" });
    input = { kind, query: { ...query }, payload };
  }
  const user = await currentUser(request.headers);
  // The snapshot and its audit row as one write.
  const snapshot = await writing("publishing a snapshot", async () => {
    const published = await publishSnapshot(await db(), input);
    if (published.created) await auditWrite({ actor: user?.email ?? "anonymous", ip }, "snapshot.publish", `snapshot:${published.id}`, { kind, query: published.query });
    return published;
  });
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
