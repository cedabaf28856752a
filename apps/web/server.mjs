#!/usr/bin/env node
/**
 * Production server: Next.js, with one thing in front of its router. Charts read by many report
 * readers (/api/charts/*, /embed/*) are answered from the chart routes' in-memory cache when the
 * same URL was served before and the data has not changed — a 304 or the cached bytes — so a busy
 * embed costs a map lookup, not a trip through Next. Everything else goes to Next unchanged.
 * Usage like `next start`: node server.mjs [-p PORT] [-H HOST]
 */
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { dirname } from "node:path";
import next from "next";

const arg = (flag, fallback) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const port = Number(arg("-p", process.env.PORT ?? "3000"));
const hostname = arg("-H", process.env.HOSTNAME ?? "0.0.0.0");

const app = next({ dev: false, dir: dirname(fileURLToPath(import.meta.url)), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer(async (req, res) => {
  try {
    // Installed by src/server/chart-response.ts once a chart route has run in this process.
    const fromMemory = globalThis.corridorServeFromMemory;
    if (fromMemory && (await fromMemory(req, res))) return;
  } catch (error) {
    console.error(error); // the fast path is an optimisation: on any doubt, Next answers
  }
  await handle(req, res);
});
// Idle keep-alive connections outlive a proxy's or CDN's (commonly 60 s), so the server never
// closes a socket a client is about to reuse (Node's default is 5 s).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, hostname, () => console.log(`✓ Ready on http://${hostname}:${port}`));
