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
 * Next compresses its answers itself, so for a page request withDeferredScripts() asks Next for
 * plain text, rewrites the page, and compresses it here (gzip, as Next would).
 */
import { gzipSync } from "node:zlib";
import { isApiPath, routedPath } from "./request-gate.mjs";

/** The type that keeps a script from running until BootOnFirstInput gives it a real one. */
export const DEFERRED_SCRIPT_TYPE = "corridor/deferred";
const CHUNK_SCRIPT = /<script src="(\/_next\/static\/chunks\/[^"<>]+\.js)" async=""><\/script>/g;
const CHUNK_PRELOAD = /<link rel="preload" as="script"[^>]* href="\/_next\/static\/chunks\/[^"<>]+\.js"[^>]*\/>/g;
/** Types worth compressing (what Next compresses); images and archives already are. */
const COMPRESSIBLE = /^(?:text\/|application\/(?:json|javascript|xml|[\w.+-]+\+(?:json|xml)))|^image\/svg\+xml/;

/** The page with Next's chunk scripts made inert and their preloads removed; nothing else changes. */
export function deferClientScripts(html) {
  return html.replace(CHUNK_SCRIPT, `<script type="${DEFERRED_SCRIPT_TYPE}" data-src="$1"></script>`).replace(CHUNK_PRELOAD, "");
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
    if (res.statusCode === 200 && type.startsWith("text/html")) body = Buffer.from(deferClientScripts(body.toString("utf8")));
    if (COMPRESSIBLE.test(type) && body.length > 0) {
      res.setHeader("vary", appendVary(res.getHeader("vary"), "Accept-Encoding"));
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
