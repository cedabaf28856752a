#!/usr/bin/env node
/**
 * Production server: Next.js, with two things in front of its router. Anonymous readers' pages
 * (dashboard, explorer, events) come from memory while the data version stands (page-cache.mjs). Charts read by many report
 * readers (/api/charts/*, /embed/*) are answered from the chart routes' in-memory cache when the
 * same URL was served before and the data has not changed — a 304 or the cached bytes — so a busy
 * embed costs a map lookup, not a trip through Next. Pages leave Next with their client chunks
 * deferred until the app starts (deferred-scripts.mjs). Everything else goes to Next unchanged.
 * With CORRIDOR_REQUIRE_LOGIN=1 a gate comes first: every page, API route, chart and embed needs a
 * viewer (session cookie or Bearer token, checked by the app's own /api/me), so the fast path never
 * answers an anonymous reader.
 * Usage like `next start`: node server.mjs [-p PORT] [-H HOST]
 */
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { dirname } from "node:path";
import next from "next";
import { isApiPath, isPublicPath, loginPathFor, routedPath } from "./request-gate.mjs";
import { createPageCache } from "./page-cache.mjs";
import { servePayload, withDeferredScripts } from "./deferred-scripts.mjs";

const arg = (flag, fallback) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const port = Number(arg("-p", process.env.PORT ?? "3000"));
const hostname = arg("-H", process.env.HOSTNAME ?? "0.0.0.0");

// Next compares a proxy rewrite's origin (request.url, where a loopback host reads "localhost") with
// one built from this hostname: given 127.0.0.1, every language rewrite (`/explorer` → `/en/explorer`)
// looked external and came back as a 307 loop (vercel/next.js#94342, #94745). Same address, one spelling.
const nextHostname = /^(127(\.\d{1,3}){3}|::1|\[::1\])$/.test(hostname) ? "localhost" : hostname;
const app = next({ dev: false, dir: dirname(fileURLToPath(import.meta.url)), hostname: nextHostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const requireLogin = process.env.CORRIDOR_REQUIRE_LOGIN === "1";
// Installed by src/server/db.ts once the app has opened its database.
const pageCache = createPageCache({ dir: dirname(fileURLToPath(import.meta.url)), dataVersion: () => globalThis.corridorDataVersion?.() });
const selfHost = hostname === "0.0.0.0" || hostname === "::" ? "127.0.0.1" : hostname;
/** Credentials → [allowed, expiry]: a few seconds so a page's burst of requests asks once. */
const checked = new Map();

async function signedIn(req) {
  const cookie = req.headers.cookie ?? "";
  const authorization = req.headers.authorization ?? "";
  if (!cookie.includes("better-auth.session_token") && !authorization) return false;
  const key = `${cookie}\n${authorization}`;
  const hit = checked.get(key);
  if (hit && hit[1] > Date.now()) return hit[0];
  const headers = {};
  if (cookie) headers.cookie = cookie;
  if (authorization) headers.authorization = authorization;
  const answer = await fetch(`http://${selfHost.includes(":") ? `[${selfHost}]` : selfHost}:${port}/api/me`, { headers });
  await answer.arrayBuffer();
  const ok = answer.status === 200;
  if (checked.size > 1000) checked.clear();
  checked.set(key, [ok, Date.now() + 2000]);
  return ok;
}

async function gate(req, res) {
  // Decided on the path Next will route (request-gate.mjs), never on a prefix of the raw target.
  const url = req.url ?? "/";
  if (isPublicPath(url)) return true;
  if (await signedIn(req)) return true;
  if (isApiPath(url)) {
    res.writeHead(401, { "Content-Type": "application/json", "Cache-Control": "no-store" });
    res.end(JSON.stringify({ error: "sign in first (CORRIDOR_REQUIRE_LOGIN=1)" }));
  } else {
    const { path, query } = routedPath(url);
    res.writeHead(302, { Location: `${loginPathFor(path)}?next=${encodeURIComponent(path + query)}`, "Cache-Control": "no-store" });
    res.end();
  }
  return false;
}

/**
 * The client's address for the sign-in limiter and the audit log, set here so a client cannot choose
 * it: the socket's peer, or with CORRIDOR_TRUST_PROXY=1 (behind a reverse proxy) X-Forwarded-For's first entry.
 * Likewise the scheme the client used (X-Corridor-Proto), which decides Secure session cookies:
 * https only for a TLS socket or, with CORRIDOR_TRUST_PROXY=1, X-Forwarded-Proto: https.
 */
const trustProxy = process.env.CORRIDOR_TRUST_PROXY === "1";
function stampClient(req) {
  const forwarded = trustProxy
    ? String(req.headers["x-forwarded-for"] ?? "")
        .split(",")[0]
        .trim()
    : "";
  req.headers["x-corridor-client-ip"] = forwarded || req.socket.remoteAddress || "unknown";
  const forwardedProto = trustProxy
    ? String(req.headers["x-forwarded-proto"] ?? "")
        .split(",")[0]
        .trim()
        .toLowerCase()
    : "";
  req.headers["x-corridor-proto"] = req.socket.encrypted || forwardedProto === "https" ? "https" : "http";
}

const server = createServer(async (req, res) => {
  stampClient(req);
  try {
    if (requireLogin && !(await gate(req, res))) return;
  } catch (error) {
    console.error(error);
    res.writeHead(503, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ error: "cannot check the sign-in right now" }));
    return;
  }
  try {
    // Installed by src/server/chart-response.ts once a chart route has run in this process.
    const fromMemory = globalThis.corridorServeFromMemory;
    if (fromMemory && (await fromMemory(req, res))) return;
    if (servePayload(req, res)) return;
    if (await pageCache.serve(req, res, requireLogin)) return;
  } catch (error) {
    console.error(error); // the fast path is an optimisation: on any doubt, Next answers
  }
  // Inside the page cache's hold on `res`: the cache keeps the page as rewritten and compressed.
  withDeferredScripts(req, res);
  await handle(req, res);
});
// Idle keep-alive connections outlive a proxy's or CDN's (commonly 60 s), so the server never
// closes a socket a client is about to reuse (Node's default is 5 s).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, hostname, () => console.log(`✓ Ready on http://${hostname}:${port}`));
