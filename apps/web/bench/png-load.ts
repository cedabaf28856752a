/**
 * tsx bench/png-load.ts [N] (after a build): how the server answers a cheap request while N of the
 * largest PNGs it accepts render at once. Each PNG URL differs (width 2400, 2399, …) so none is a
 * cache hit. Prints the PNGs' statuses and times, and the cheap request's (GET /api/indicators)
 * latencies taken every 250 ms meanwhile, plus the server's peak RSS.
 */
import { readFileSync } from "node:fs";
import { startServer } from "../e2e/server.ts";

const n = Number(process.argv[2] ?? "8");
const size = process.argv[3] ?? "width=2400&height=2400&scale=4";
const server = await startServer();
const pid = server.pid;
const rss = () => Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)![1]) / 1024;

// Warm: the first PNG loads the fonts and the renderer, the first API call its route.
await (await fetch(`${server.url}/api/charts/series.png?indicator=remittances_received_usd&origin=TJK&destination=WLD`)).arrayBuffer();
await (await fetch(`${server.url}/api/indicators`)).arrayBuffer();

let peak = rss();
const start = performance.now();
const pngs = Array.from({ length: n }, async (_, i) => {
  const query = size.replace(/width=(\d+)/, (_m, w) => `width=${Number(w) - i}`);
  const r = await fetch(`${server.url}/api/charts/series.png?indicator=remittances_received_usd&origin=TJK&destination=WLD&${query}`);
  await r.arrayBuffer();
  return { status: r.status, seconds: (performance.now() - start) / 1000 };
});
const sampler = setInterval(() => (peak = Math.max(peak, rss())), 100);
let done = false;
const all = Promise.all(pngs).finally(() => (done = true));
const cheap: number[] = [];
while (!done) {
  const t = performance.now();
  await (await fetch(`${server.url}/api/indicators`)).arrayBuffer();
  cheap.push(performance.now() - t);
  await new Promise((r) => setTimeout(r, 250));
}
const results = await all;
clearInterval(sampler);
const sorted = [...cheap].sort((a, b) => a - b);
console.log(`${n} × PNG ${size}:`, results.map((r) => `${r.status} @ ${r.seconds.toFixed(1)} s`).join(", "));
console.log(
  `GET /api/indicators meanwhile: ${cheap.length} requests, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms; server peak RSS ${peak.toFixed(0)} MB`,
);
await server.stop();
