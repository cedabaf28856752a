/**
 * Next's client chunks, fetched when the app starts rather than while the page loads.
 *
 * Next lists every client chunk of a page in its <head> as an async script (and preloads some). The
 * app's code only starts on the reader's first input (src/components/BootOnFirstInput.tsx), yet a
 * phone still downloaded, parsed and compiled ≈ 400 KB of JavaScript during the load, and
 * Lighthouse's mobile run counted the whole page as loaded only once they were in (largest
 * contentful paint 2.4 s; 1.1 s with those scripts left out of the same page). So server.mjs
 * passes every HTML page through deferClientScripts(): each chunk script becomes an inert
 * `<script type="corridor/deferred" data-src>`, its preload goes, and BootOnFirstInput turns them
 * back into scripts when the app starts — on the first input, or at load where it starts at load.
 *
 * The same goes for Next's inline payload (`self.__next_f.push(…)`: the page's element tree again,
 * 60 % of the dashboard's document, read only when the app starts): it leaves the page for a file of
 * its own, named by its content and kept in memory here (servePayload), which BootOnFirstInput loads
 * before the bundler's runtime. Another instance behind the same proxy, or this one after a restart,
 * may not have it: the browser then asks for the page once more with PAYLOAD_INLINE_HEADER, which
 * leaves the payload where Next put it (and is never answered from the page cache).
 *
 * Next compresses its answers itself, so for a page request withDeferredScripts() asks Next for
 * plain text, rewrites the page, and compresses it here (gzip, as Next would).
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { LRUCache } from "lru-cache";
import { isApiPath, routedPath } from "./request-gate.mjs";

/** The type that keeps a script from running until BootOnFirstInput gives it a real one. */
export const DEFERRED_SCRIPT_TYPE = "corridor/deferred";
const CHUNK_SCRIPT = /<script src="(\/_next\/static\/chunks\/[^"<>]+\.js)" async=""><\/script>/g;
const CHUNK_PRELOAD = /<link rel="preload" as="script"[^>]* href="\/_next\/static\/chunks\/[^"<>]+\.js"[^>]*\/>/g;
/** Types worth compressing (what Next compresses); images and archives already are. */
const COMPRESSIBLE = /^(?:text\/|application\/(?:json|javascript|xml|[\w.+-]+\+(?:json|xml)))|^image\/svg\+xml/;

/** Where a page's payload is served, by the hash of its text. */
export const PAYLOAD_PATH = "/_corridor/payload/";
/** A page request with this header keeps its payload inline: BootOnFirstInput's way round a payload this server does not have. */
export const PAYLOAD_INLINE_HEADER = "x-corridor-payload-inline";
/** Next's payload scripts, in document order (a `</script>` inside one is escaped by Next as `\u003c/script`). */
export const PAYLOAD_SCRIPT = /<script>(self\.__next_f\.push\([\s\S]*?\))<\/script>/g;

/**
 * The page with Next's chunk scripts made inert, their preloads removed and, unless `keepPayload`,
 * its payload scripts replaced by one inert script naming a file of their text (`payload`, to be
 * served at that name); nothing else changes.
 */
export function deferClientScripts(html, { keepPayload = false } = {}) {
  let page = html.replace(CHUNK_SCRIPT, `<script type="${DEFERRED_SCRIPT_TYPE}" data-src="$1"></script>`).replace(CHUNK_PRELOAD, "");
  if (keepPayload) return { html: page };
  const parts = [...page.matchAll(PAYLOAD_SCRIPT)];
  if (parts.length === 0) return { html: page };
  const text = parts.map((m) => m[1]).join(";\n") + ";\n";
  const hash = createHash("sha256").update(text).digest("base64url").slice(0, 32);
  const inert = `<script type="${DEFERRED_SCRIPT_TYPE}" data-payload="" data-src="${PAYLOAD_PATH}${hash}.js"></script>`;
  let first = true;
  page = page.replace(PAYLOAD_SCRIPT, () => (first ? ((first = false), inert) : ""));
  return { html: page, payload: { hash, text } };
}

/** Payloads of pages served lately, by hash: each is small next to its page, and a page's stays as long as readers may start it. */
const payloads = new LRUCache({ maxSize: 64 * 1024 * 1024, sizeCalculation: (p) => p.plain.length + p.gzip.length });

/** Answers a request for a payload this process has (true), or a 404 the browser knows what to do with (true); anything else is not its business (false). */
export function servePayload(req, res) {
  const { path } = routedPath(req.url ?? "/");
  if (!path.startsWith(PAYLOAD_PATH)) return false;
  const hash = path.slice(PAYLOAD_PATH.length).replace(/\.js$/, "");
  const payload = payloads.get(hash);
  if (!payload) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
    res.end("not on this server: ask for the page with its payload inline\n");
    return true;
  }
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const body = gzip ? payload.gzip : payload.plain;
  // Named by its content: it never changes, so a browser and a CDN may keep it.
  res.writeHead(200, {
    "content-type": "text/javascript; charset=utf-8",
    "cache-control": "public, max-age=31536000, immutable",
    vary: "Accept-Encoding",
    "content-length": String(body.length),
    ...(gzip ? { "content-encoding": "gzip" } : {}),
  });
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
}

/** A browser's request for a page: what Next answers with HTML (not its assets, API routes or RSC requests). */
function isPageRequest(req) {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const h = req.headers;
  if (h.rsc || h["next-router-prefetch"] || h["next-action"] || !String(h.accept ?? "").includes("text/html")) return false;
  const { path } = routedPath(req.url ?? "/");
  return !path.startsWith("/_next/") && !isApiPath(path);
}

/**
 * For a page request, takes over `res` before Next writes to it: Next's answer is kept whole, a
 * 200 HTML page is rewritten by deferClientScripts(), and the result is compressed when the client
 * accepts gzip, then written in one piece through whatever wraps `res` already (the page cache
 * keeps exactly what the reader gets). Other requests are left alone.
 */
export function withDeferredScripts(req, res) {
  if (!isPageRequest(req)) return;
  const acceptsGzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  // A signed-in reader's payload names them: it stays in their page rather than in a file a shared
  // cache may keep (their browser starts the app at load anyway, so deferring it gains nothing).
  const personal = req.headers.authorization !== undefined || /(?:^|;\s*)(?:__Secure-)?better-auth\.session_token=/.test(String(req.headers.cookie ?? ""));
  const keepPayload = personal || req.headers[PAYLOAD_INLINE_HEADER] !== undefined;
  // Next compresses when asked to: asked for plain text, it leaves the rewriting and compressing to us.
  delete req.headers["accept-encoding"];
  const writeHead = res.writeHead.bind(res);
  const end = res.end.bind(res);
  const chunks = [];
  let status;
  let statusMessage;
  const collect = (chunk, encoding) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8") : Buffer.from(chunk));
  };
  res.writeHead = (code, ...rest) => {
    status = code;
    const headers = rest.find((r) => typeof r === "object" && r !== null);
    if (typeof rest[0] === "string") statusMessage = rest[0];
    if (headers) for (const [name, value] of Array.isArray(headers) ? pairs(headers) : Object.entries(headers)) res.setHeader(name, value);
    return res;
  };
  res.flushHeaders = () => {};
  res.write = (chunk, encoding, callback) => {
    collect(chunk, encoding);
    if (typeof encoding === "function") encoding();
    else if (typeof callback === "function") callback();
    return true;
  };
  res.end = (chunk, encoding, callback) => {
    if (typeof chunk === "function") [callback, chunk] = [chunk, undefined];
    else if (typeof encoding === "function") [callback, encoding] = [encoding, undefined];
    collect(chunk, encoding);
    if (status !== undefined) res.statusCode = status;
    if (statusMessage !== undefined) res.statusMessage = statusMessage;
    let body = Buffer.concat(chunks);
    const type = String(res.getHeader("content-type") ?? "");
    if (res.hasHeader("content-encoding")) return finish(body, callback);
    if (res.statusCode === 200 && type.startsWith("text/html")) {
      const { html, payload } = deferClientScripts(body.toString("utf8"), { keepPayload });
      // get(), not has(): a payload still served stays among the recent ones.
      if (payload && !payloads.get(payload.hash)) {
        const plain = Buffer.from(payload.text);
        payloads.set(payload.hash, { plain, gzip: gzipSync(plain) });
      }
      body = Buffer.from(html);
    }
    if (COMPRESSIBLE.test(type) && body.length > 0) {
      res.setHeader("vary", appendVary(appendVary(res.getHeader("vary"), "Accept-Encoding"), PAYLOAD_INLINE_HEADER));
      if (acceptsGzip) {
        body = gzipSync(body);
        res.setHeader("content-encoding", "gzip");
      }
    }
    return finish(body, callback);
  };
  function finish(body, callback) {
    // A HEAD, 204 or 304 answer says nothing of a body's length.
    if ((req.method !== "HEAD" || body.length > 0) && res.statusCode !== 204 && res.statusCode !== 304) res.setHeader("content-length", String(body.length));
    writeHead(res.statusCode);
    return end(req.method === "HEAD" ? undefined : body, callback);
  }
}

/** writeHead's flat [name, value, name, value…] form. */
function pairs(flat) {
  const out = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
}

function appendVary(current, name) {
  const names = String(current ?? "")
    .split(",")
    .map((n) => n.trim())
    .filter(Boolean);
  return names.some((n) => n.toLowerCase() === name.toLowerCase()) ? names.join(", ") : [...names, name].join(", ");
}
