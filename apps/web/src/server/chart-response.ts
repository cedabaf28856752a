/**
 * Serving a chart to readers of a report: load the data (live, or a pinned snapshot), answer 304
 * when the reader already has this version, else render once and keep the bytes in memory. The
 * ETag and cache key derive from the data version (or snapshot id), the canonical chart query and
 * the build, so nothing is rendered twice for the same data and a CDN can serve the rest.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LRUCache } from "lru-cache";
import type { ExplorerView } from "@/lib/explorer";
import { chartData, CorridorError, dataDate, dataVersion, getSnapshot, httpStatusOf, readSnapshotPayload, seriesSnapshotData } from "@corridor/data";
import { db } from "@/server/db";
import { chartQuery, parseChartParams, type ChartKind, type ChartParams } from "@/lib/params";
import { compareData, compareSnapshotData } from "./compare-data";
import type { ChartSource } from "@/render/chart-source";
import { loginRequired } from "./auth";
import { RendererBusy } from "@/render/render-pool";
import { fill } from "@/lib/chart-words";
import { chartWords } from "./chart-words";
import { env } from "@/lib/env";

// The routes that serve charts take the type from here, with serveChart().
export type { ChartSource };

export interface Rendered {
  body: Buffer;
  contentType: string;
  /** Extra headers (Content-Disposition, CSP for embeds). */
  headers?: Record<string, string>;
}

/** No such snapshot (of this kind): a 404 naming the `version` parameter. */
export class NotFound extends CorridorError {
  constructor(message: string) {
    super("not_found", message, { parameter: "version" });
  }
}

// Behind CORRIDOR_REQUIRE_LOGIN a chart is for signed-in readers: browsers may keep it, shared caches not.
const audience = () => (loginRequired() ? "private" : "public");
const liveCache = () => `${audience()}, max-age=60, stale-while-revalidate=600`;
const pinnedCache = () => `${audience()}, max-age=31536000, immutable`;

// A new build may draw differently: its ETags must not match the old build's.
const BUILD = (() => {
  try {
    return readFileSync(join(process.cwd(), ".next", "BUILD_ID"), "utf8").trim();
  } catch {
    return "dev";
  }
})();

/** Renders under way, by cache key. */
const rendering = new Map<string, Promise<{ rendered: Rendered; current: boolean }>>();
const cache = new LRUCache<string, Rendered>({ maxSize: 64 * 1024 * 1024, sizeCalculation: (r) => r.body.length + 200 });

/** The version part of the key: cheap (one row) so a 304 costs no data query and no rendering. */
async function versionKey(chart: ChartParams): Promise<{ key: string; pinned: boolean }> {
  if (chart.version) return { key: `snapshot:${chart.version}`, pinned: true };
  return { key: await liveVersion(), pinned: false };
}

async function liveVersion(): Promise<string> {
  const v = await dataVersion(await db());
  return `data:${v.databaseId}:${v.version}`;
}

/**
 * The chart and its data; `origin` ("https://corridor.example") makes the view's address absolute,
 * for footers that a printed page carries away from the site.
 */
export async function loadChart(chart: ChartParams, origin: string): Promise<ChartSource> {
  const source = await loadData(chart, origin);
  const only = chart.events;
  if (source.kind === "series" && only) return { ...source, data: { ...source.data, events: source.data.events.filter((e) => only.includes(e.id)) } };
  return source;
}

/** The chart's own page: the embed, which draws exactly this chart (range, frequency, events, snapshot) at any size. */
export function viewUrl(chart: ChartParams, origin: string): string {
  return `${origin}/embed/${chart.kind}?${chartQuery(chart, { width: 960, height: undefined, theme: "light", scale: 1, notes: true })}`;
}

/** The site's address for printed links: CORRIDOR_PUBLIC_URL, else the scheme and Host the request came with. */
export function requestOrigin(req: IncomingMessage): string {
  const configured = env().CORRIDOR_PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, "");
  const proto = req.headers["x-corridor-proto"] === "https" ? "https" : "http";
  return `${proto}://${req.headers.host ?? "localhost"}`;
}

async function loadData(chart: ChartParams, origin: string): Promise<ChartSource> {
  const address = viewUrl(chart, origin);
  // The footer line is in the chart's language like every other word it draws.
  const words = chartWords(chart.lang);
  if (chart.version) {
    const snapshot = await getSnapshot(await db(), chart.version);
    // A snapshot is one kind of chart: a series snapshot is not a comparison.
    if (!snapshot || snapshot.kind !== chart.kind) throw new NotFound(`no published ${chart.kind} snapshot ${chart.version}`);
    const published = snapshot.createdAt.slice(0, 10);
    const pinned = { provenance: fill(words.provenancePinned, { id: snapshot.id, date: published, address }), dataDate: published, viewUrl: address, pinned: true };
    return chart.kind === "compare"
      ? { kind: "compare", chart: { ...chart, compare: snapshot.query as unknown as ExplorerView }, data: readSnapshotPayload(snapshot.id, snapshot.payload, compareSnapshotData), ...pinned }
      : { kind: "series", chart, data: readSnapshotPayload(snapshot.id, snapshot.payload, seriesSnapshotData), ...pinned };
  }
  const date = await dataDate(await db());
  const live = { provenance: fill(words.provenance, { date: date ?? words.noImportYet, address }), dataDate: date, viewUrl: address, pinned: false };
  if (chart.kind === "compare") return { kind: "compare", chart, data: await compareData(chart.compare!), ...live };
  return { kind: "series", chart, data: await chartData(await db(), chart.series!), ...live };
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body?: Buffer | string) {
  res.writeHead(status, headers);
  res.end(body);
}

/**
 * The whole request cycle for one kind of chart output (`kind` separates SVG, PNG and embed in the
 * cache). Bad parameters are a 400 naming the parameter, an unknown snapshot a 404.
 */
export async function serveChart(
  req: IncomingMessage,
  res: ServerResponse,
  chartKind: ChartKind,
  kind: string,
  render: (source: ChartSource, params: URLSearchParams) => Rendered | Promise<Rendered>,
): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, { allow: "GET, HEAD", "content-type": "text/plain" }, "method not allowed");
  const params = new URL(req.url ?? "/", "http://localhost").searchParams;
  try {
    // An embed follows the reader's light or dark mode unless it is told a theme; an image is light.
    const chart = parseChartParams(params, chartKind, kind === "embed" ? "auto" : "light");
    const { key: version, pinned } = await versionKey(chart);
    // Flags that change the response but not the chart: an SVG fragment for embeds, a download name.
    const variant = ["fragment", "download"].filter((flag) => params.get(flag) === "1").join(",");
    // The origin is printed in the footer (the view's address), so it is part of what was rendered.
    const origin = requestOrigin(req);
    const key = `${chartKind}.${kind}|${version}|${chartQuery(chart)}|${variant}|${origin}|${BUILD}`;
    const etag = `"${createHash("sha1").update(key).digest("base64url")}"`;
    const caching = { etag, "cache-control": pinned ? pinnedCache() : liveCache(), vary: "Accept-Encoding" };
    const match = req.headers["if-none-match"];
    if (match && match.split(",").some((m) => m.trim() === etag || m.trim() === `W/${etag}`)) return send(res, 304, caching);
    let rendered = cache.get(key);
    if (!rendered) {
      // Readers asking for the same chart at once share one render (a popular PNG is rendered once).
      let pending = rendering.get(key);
      if (!pending) {
        pending = (async () => {
          const made = await render(await loadChart(chart, origin), params);
          // Data read across a commit may be newer than `version`: such a render is served once,
          // uncached and without the ETag, so no key or ETag ever stands for another version's figures.
          return { rendered: made, current: pinned || (await liveVersion()) === version };
        })();
        rendering.set(key, pending);
        pending
          .then(
            (r) => r.current && cache.set(key, r.rendered),
            () => {},
          )
          .finally(() => rendering.delete(key));
      }
      const shared = await pending;
      if (!shared.current) {
        const headers = { "cache-control": "no-store", "content-type": shared.rendered.contentType, "content-length": String(shared.rendered.body.length), ...shared.rendered.headers };
        return send(res, 200, headers, req.method === "HEAD" ? undefined : shared.rendered.body);
      }
      rendered = shared.rendered;
    }
    const headers = { ...caching, "content-type": rendered.contentType, "content-length": String(rendered.body.length), ...rendered.headers };
    remember(req, { key, version, pinned, etag, caching, headers, base: outgoing(res) });
    return send(res, 200, headers, req.method === "HEAD" ? undefined : rendered.body);
  } catch (error) {
    // RendererBusy (render/render-pool.ts) carries its own Retry-After; every other refusal is a CorridorError.
    if (error instanceof RendererBusy)
      return send(res, 503, { "content-type": "application/json", "retry-after": String(error.retryAfter), "cache-control": "no-store" }, JSON.stringify({ error: error.message }));
    if (CorridorError.is(error)) return send(res, httpStatusOf(error.code), { "content-type": "application/json" }, JSON.stringify(error.body()));
    console.error(error);
    return send(res, 500, { "content-type": "application/json" }, JSON.stringify({ error: "internal error" }));
  }
}

/**
 * The fast path: a repeat request for a URL already served answers from memory — 304 when the
 * reader's ETag matches, else the cached bytes — without Next's router or parsing the query again.
 * server.mjs calls it before handing a request to Next; anything it is unsure of goes to Next.
 */
interface Remembered {
  key: string;
  version: string;
  pinned: boolean;
  etag: string;
  caching: Record<string, string>;
  headers: Record<string, string>;
  /** Headers Next had already set (next.config's security headers), so both paths answer alike. */
  base: Record<string, string>;
}

const remembered = new LRUCache<string, Remembered>({ max: 20_000 });

/** /embed/series and its rewrite target /api/embed/series are one resource; route params are not part of the query. */
function urlKey(url: string): string {
  const u = new URL(url, "http://localhost");
  // The dynamic route segments ([kind], [file]) that Next adds to the query; nothing of the chart's.
  for (const routeParam of ["kind", "file"]) u.searchParams.delete(routeParam);
  u.searchParams.sort();
  return `${u.pathname.replace(/^\/api\/embed\//, "/embed/")}?${u.searchParams}`;
}

function outgoing(res: ServerResponse): Record<string, string> {
  return Object.fromEntries(Object.entries(res.getHeaders()).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : String(v)]));
}

/** By origin too: the footer prints the view's address, so another Host is another image. */
function remember(req: IncomingMessage, entry: Remembered) {
  if (req.url) remembered.set(`${requestOrigin(req)} ${urlKey(req.url)}`, entry);
}

export async function serveFromMemory(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if ((req.method !== "GET" && req.method !== "HEAD") || !req.url || !(req.url.startsWith("/api/charts/") || req.url.startsWith("/embed/"))) return false;
  const hit = remembered.get(`${requestOrigin(req)} ${urlKey(req.url)}`);
  if (!hit) return false;
  if (!hit.pinned && (await liveVersion()) !== hit.version) return false;
  const match = req.headers["if-none-match"];
  if (match && match.split(",").some((m) => m.trim() === hit.etag || m.trim() === `W/${hit.etag}`)) {
    send(res, 304, { ...hit.base, ...hit.caching });
    return true;
  }
  const rendered = cache.get(hit.key);
  if (!rendered) return false;
  send(res, 200, { ...hit.base, ...hit.headers }, req.method === "HEAD" ? undefined : rendered.body);
  return true;
}

// server.mjs finds the fast path here once a chart route has loaded this module.
(globalThis as { corridorServeFromMemory?: typeof serveFromMemory }).corridorServeFromMemory = serveFromMemory;

/** A file name for downloads: remittances_received_usd_TJK-WLD.svg */
export function fileName(source: ChartSource, extension: string): string {
  const pinned = source.pinned ? `_${source.chart.version}` : "";
  if (source.kind === "compare") return `${source.data.indicator.code}_compared${pinned}.${extension}`;
  const s = source.data.series;
  return `${s.indicator.code}_${s.origin}-${s.destination}${pinned}.${extension}`;
}
