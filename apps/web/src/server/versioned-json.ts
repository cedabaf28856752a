/**
 * A JSON answer that changes only when the data does (the corridor list): built once per data
 * version and kept as bytes, answered 304 when the client's ETag names this version, and cacheable
 * by a CDN for a minute. Its cost then no longer grows with the database: at 10M observations and
 * ≈ 1,500 corridors, building the list took 100–400 ms, sending the kept bytes does not.
 */
import { dataVersion } from "@corridor/data";
import { db } from "./db";
import { loginRequired } from "./auth";

const kept = new Map<string, { etag: string; body: string }>();

/** `build`: the answer as JSON text. */
export async function versionedJson(request: Request, name: string, build: () => Promise<string>): Promise<Response> {
  const v = await dataVersion(await db());
  const etag = `"${name}-${v.databaseId}-${v.version}"`;
  const headers = {
    etag,
    // Behind CORRIDOR_REQUIRE_LOGIN the list is for signed-in readers: browsers may keep it, shared caches not.
    "cache-control": `${loginRequired() ? "private" : "public"}, max-age=60, stale-while-revalidate=600`,
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  let entry = kept.get(name);
  if (entry?.etag !== etag) {
    entry = { etag, body: await build() };
    // A write during the build moved the version on: keep it only if it is still current.
    const now = await dataVersion(await db());
    if (now.version === v.version && now.databaseId === v.databaseId) kept.set(name, entry);
  }
  return new Response(entry.body, { headers: { ...headers, "content-type": "application/json" } });
}
