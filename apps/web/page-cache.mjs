/**
 * Readers' pages from memory. The dashboard, explorer, events list and event pages look the same to
 * every anonymous reader until the data changes, yet Next renders each request afresh (≈ 1 % of a
 * static file's requests/s). server.mjs asks this module first: a page already rendered for this
 * URL at this data version is answered from memory (or a 304), and its ETag, derived from the data
 * version, the URL and the build, lets browsers and a CDN (s-maxage) keep it too.
 *
 * Only what cannot differ between readers is cached: GET/HEAD of those pages from a request with no
 * cookie and no credentials (a signed-in reader's page names them), not an RSC navigation request,
 * never under CORRIDOR_REQUIRE_LOGIN, and only a 200 HTML answer that set no cookie, rendered while
 * the data version stood still. A page that will depend on anything else must join the key below
 * or leave the list.
 *
 * Languages: `/ru/…` is its own path, so its own key. The root `/` alone depends on the reader: a
 * NEXT_LOCALE cookie (never cached: it is a cookie) or an Accept-Language preferring Russian gets a
 * redirect to `/ru` (src/proxy.ts), never kept. So `/` is answered from memory only for a request
 * whose header would not be redirected (the same rule: accept-language.mjs), and says
 * `Vary: Accept-Language, Cookie` so a CDN keeps it apart too.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LRUCache } from "lru-cache";
import { routedPath } from "./request-gate.mjs";
import { preferredLocale } from "./accept-language.mjs";
import { PAYLOAD_INLINE_HEADER } from "./deferred-scripts.mjs";

/** Dashboard, explorer, events list, one event, in English or under /ru (an event's brief or edit form are not on the list). */
const PAGES = /^(?:\/ru)?\/(?:explorer|events(?:\/[A-Za-z0-9._~-]+)?)?$|^\/ru$/;
/** The root: which language it answers in depends on the reader (see above). */
const ROOT_VARY = `Accept-Encoding, Accept-Language, Cookie, ${PAYLOAD_INLINE_HEADER}`;
/** Every other page: a CDN must not answer a request for the payload inline with a page without it (deferred-scripts.mjs). */
const PAGE_VARY = `Accept-Encoding, ${PAYLOAD_INLINE_HEADER}`;
/** "Latest published: 2017"-style wording depends on today's date: a page is re-rendered at least this often. */
const MAX_AGE_MS = 5 * 60_000;
export const PAGE_CACHE_CONTROL = "public, max-age=0, s-maxage=60, stale-while-revalidate=600";
/** Headers that belong to one response on one connection, not to the page. */
const HOP = new Set(["connection", "keep-alive", "transfer-encoding", "date", "set-cookie", "content-length"]);

/** `dataVersion` says which data the app shows now (undefined until it has opened its database). */
export function createPageCache({ dir, dataVersion }) {
  let build = "dev";
  try {
    build = readFileSync(join(dir, ".next", "BUILD_ID"), "utf8").trim();
  } catch {
    // `next dev` has no build id: the key still changes with the data.
  }
  const pages = new LRUCache({ maxSize: 64 * 1024 * 1024, sizeCalculation: (p) => p.body.length + 1000 });

  /** The cache key and ETag of a request, or null when its answer may differ between readers. */
  async function identify(req, requireLogin) {
    if (requireLogin || (req.method !== "GET" && req.method !== "HEAD")) return null;
    const h = req.headers;
    // PAYLOAD_INLINE_HEADER asks for the page as Next wrote it (deferred-scripts.mjs), which memory does not keep.
    if (h.cookie || h.authorization || h.rsc || h["next-router-state-tree"] || h["next-router-prefetch"] || h["next-action"] || h[PAYLOAD_INLINE_HEADER]) return null;
    const { path, query, canonical } = routedPath(req.url);
    if (!canonical || !PAGES.test(path)) return null;
    // A reader who prefers Russian is redirected from `/` to `/ru`: that is Next's to answer, never from memory.
    if (path === "/" && preferredLocale(h["accept-language"]) === "ru") return null;
    const version = await dataVersion();
    if (version === undefined) return null; // the app has not opened its database yet
    const params = new URLSearchParams(query);
    params.sort();
    // Compressed and plain answers differ: the client's Accept-Encoding is part of the key.
    const key = `${String(h["accept-encoding"] ?? "").replace(/\s+/g, "")}|${path}?${params}`;
    const etag = `"p-${createHash("sha1").update(`${key}|${version}|${build}`).digest("base64url")}"`;
    return { key, etag, version, vary: path === "/" ? ROOT_VARY : PAGE_VARY };
  }

  const matches = (req, etag) =>
    String(req.headers["if-none-match"] ?? "")
      .split(",")
      .some((m) => m.trim() === etag || m.trim() === `W/${etag}`);

  /**
   * Answers from memory when it can (true); otherwise prepares `res` so that Next's answer is
   * stamped with the ETag and cache headers and kept for the next reader, and returns false.
   */
  async function serve(req, res, requireLogin) {
    const id = await identify(req, requireLogin);
    if (!id) return false;
    if (matches(req, id.etag)) {
      res.writeHead(304, { etag: id.etag, "cache-control": PAGE_CACHE_CONTROL, vary: id.vary });
      res.end();
      return true;
    }
    const hit = pages.get(id.key);
    if (hit && hit.etag === id.etag && Date.now() - hit.storedAt < MAX_AGE_MS) {
      res.writeHead(200, { ...hit.headers, "content-length": String(hit.body.length), "x-cache": "HIT" });
      res.end(req.method === "HEAD" ? undefined : hit.body);
      return true;
    }
    record(req, res, id);
    return false;
  }

  /** Keeps Next's answer (the bytes it writes, compressed or not) if it is a page every reader would get. */
  function record(req, res, id) {
    const chunks = [];
    let keep = req.method === "GET";
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    const writeHead = res.writeHead.bind(res);
    const cacheable = () => res.statusCode === 200 && /^text\/html/.test(String(res.getHeader("content-type") ?? "")) && !res.hasHeader("set-cookie");
    const stamp = () => {
      if (!cacheable()) {
        keep = false;
        return;
      }
      res.setHeader("etag", id.etag);
      res.setHeader("cache-control", PAGE_CACHE_CONTROL);
      res.setHeader("vary", id.vary);
    };
    res.writeHead = (...args) => {
      // Headers passed to writeHead itself (rare in Next) are applied by Node after this; check them too.
      if (typeof args[1] === "object" && args[1] && !Array.isArray(args[1]) && Object.keys(args[1]).some((k) => k.toLowerCase() === "set-cookie")) keep = false;
      if (typeof args[0] === "number") res.statusCode = args[0];
      stamp();
      return writeHead(...args);
    };
    const collect = (chunk, encoding) => {
      if (!keep || chunk === undefined || chunk === null || typeof chunk === "function") return;
      chunks.push(typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8") : Buffer.from(chunk));
    };
    res.write = (chunk, encoding, callback) => {
      if (!res.headersSent) stamp();
      collect(chunk, encoding);
      return write(chunk, encoding, callback);
    };
    res.end = (chunk, encoding, callback) => {
      if (!res.headersSent) stamp();
      collect(chunk, encoding);
      const result = end(chunk, encoding, callback);
      if (keep && cacheable()) {
        const headers = {};
        for (const [name, value] of Object.entries(res.getHeaders())) if (!HOP.has(name)) headers[name] = Array.isArray(value) ? value.join(", ") : String(value);
        const page = { etag: id.etag, headers, body: Buffer.concat(chunks), storedAt: Date.now() };
        // Kept at once, so that the reader's very next request finds it (asking the data version is a
        // query on PostgreSQL, and that request's own query may finish first); then dropped if the
        // data moved while the page was rendered (it might show either version). Until then it can
        // only answer a request that read the same, older version.
        pages.set(id.key, page);
        Promise.resolve(dataVersion())
          .then((now) => now !== id.version && pages.get(id.key) === page && pages.delete(id.key))
          .catch(() => pages.get(id.key) === page && pages.delete(id.key));
      }
      return result;
    };
  }

  return { serve };
}
