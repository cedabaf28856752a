/**
 * npm run bench -w @corridor/web (after a build): the built app on a freshly seeded database.
 * Time-to-first-byte p50/p95 of the dashboard and an event page, against a static file served by
 * the same server in the same run (the baseline); first-load JS of each page; HTTP load with
 * autocannon on the pages, the read API, embeds and chart images, against the same static file;
 * Lighthouse 12.2.3 (performance, accessibility, best practices) against Debian's chromium.
 */
import { spawnSync } from "node:child_process";
import { request } from "node:http";
import { gzipSync } from "node:zlib";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { startServer } from "../e2e/server.ts";
import { CHROMIUM } from "../e2e/browser.ts";

const EVENT = "/events/2021-04-19-russia-tajikistan-migration-talks";
const server = await startServer();

function ttfb(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = request(`${server.url}${path}`, (res) => {
      const first = performance.now() - start;
      res.resume();
      res.on("end", () => (res.statusCode === 200 ? resolve(first) : reject(new Error(`${path}: ${res.statusCode}`))));
    });
    req.on("error", reject);
    req.end();
  });
}

async function sample(path: string, n: number): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 10; i++) await ttfb(path); // warm-up
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await ttfb(path));
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(n / 2)]!, p95: times[Math.floor(n * 0.95)]! };
}

async function firstLoadJs(path: string): Promise<{ raw: number; gzip: number; files: number }> {
  const html = await (await fetch(`${server.url}${path}`)).text();
  // A noModule script (Next's legacy polyfills, 38 KiB gzip) is never fetched by a browser that runs modules: not counted.
  const scripts = [...new Set([...html.matchAll(/<script([^>]+)>/g)].filter((m) => !/\bnomodule\b/i.test(m[1]!)).flatMap((m) => /src="([^"]+\.js)"/.exec(m[1]!)?.[1] ?? []))];
  let raw = 0;
  let gzip = 0;
  for (const src of scripts) {
    const body = Buffer.from(await (await fetch(new URL(src, server.url))).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body).length;
  }
  return { raw, gzip, files: scripts.length };
}

const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 20);
const CHART = "indicator=remittances_received_usd&origin=TJK&destination=WLD";

interface Load {
  rps: number;
  p99: number;
  /** Connection errors, timeouts and any status other than the expected one. */
  errors: number;
}

/** `SECONDS` of load on one URL, 10 connections; the expected status is 200 unless told. */
async function load(path: string, options: { headers?: Record<string, string>; status?: number } = {}): Promise<Load> {
  const result = await autocannon({ url: `${server.url}${path}`, connections: 10, duration: SECONDS, headers: options.headers });
  const expected = String(options.status ?? 200);
  const unexpected = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => code !== expected)
    .reduce((n, [, v]) => n + (v as { count: number }).count, 0);
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.timeouts + unexpected };
}

/**
 * Desktop: no throttling, no screen emulation. Mobile: Lighthouse's defaults — a mid-range phone's
 * screen, simulated slow 4G and a 4× slower CPU — as most readers in the region see the site.
 */
function lighthouse(path: string, formFactor: "desktop" | "mobile"): { performance: number; accessibility: number; bestPractices: number; tbt: string; lcp: string; failing: string[] } {
  const out = join(mkdtempSync(join(tmpdir(), "corridor-lh-")), "report.json");
  const bin = join(import.meta.dirname, "..", "..", "..", "node_modules", ".bin", "lighthouse");
  const r = spawnSync(
    bin,
    [
      `${server.url}${path}`,
      "--quiet",
      "--output=json",
      `--output-path=${out}`,
      "--only-categories=performance,accessibility,best-practices",
      ...(formFactor === "desktop" ? ["--form-factor=desktop", "--screenEmulation.disabled", "--throttling-method=provided"] : []),
      "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync",
    ],
    { env: { ...process.env, CHROME_PATH: CHROMIUM }, encoding: "utf8", timeout: 180_000 },
  );
  if (r.status !== 0) throw new Error(`lighthouse ${path}: ${r.stderr}`);
  const report = JSON.parse(readFileSync(out, "utf8"));
  return {
    performance: Math.round(report.categories.performance.score * 100),
    accessibility: Math.round(report.categories.accessibility.score * 100),
    bestPractices: Math.round(report.categories["best-practices"].score * 100),
    tbt: report.audits["total-blocking-time"].displayValue,
    lcp: report.audits["largest-contentful-paint"].displayValue,
    // What keeps accessibility or best practices below 100, by audit id.
    failing: [...report.categories.accessibility.auditRefs, ...report.categories["best-practices"].auditRefs]
      .map((ref: { id: string }) => report.audits[ref.id])
      .filter((a: { score: number | null }) => a.score !== null && a.score < 1)
      .map((a: { id: string }) => a.id),
  };
}

try {
  const rows: string[] = [];
  const row = (what: string, value: string) => rows.push(`| ${what} | ${value} |`);
  const baseline = await sample("/icon.svg", 200);
  const dashboard = await sample("/", 200);
  const event = await sample(EVENT, 100);
  row("static file TTFB p50 / p95 (baseline)", `${baseline.p50.toFixed(1)} ms / ${baseline.p95.toFixed(1)} ms`);
  row("dashboard `/` TTFB p50 / p95 (goal p50 < 100 ms)", `${dashboard.p50.toFixed(1)} ms / ${dashboard.p95.toFixed(1)} ms (${(dashboard.p50 / baseline.p50).toFixed(1)}× baseline)`);
  row("event page TTFB p50 / p95", `${event.p50.toFixed(1)} ms / ${event.p95.toFixed(1)} ms (${(event.p50 / baseline.p50).toFixed(1)}× baseline)`);
  for (const [name, path] of [
    ["dashboard", "/"],
    ["event page", EVENT],
    ["explorer", "/explorer"],
    ["events", "/events"],
  ] as const) {
    const js = await firstLoadJs(path);
    row(`first-load JS, ${name}`, `${(js.gzip / 1024).toFixed(0)} KiB gzip (${(js.raw / 1024).toFixed(0)} KiB raw, ${js.files} files)`);
  }
  // HTTP load: everything against a static file from public/ on the same server, same run.
  const staticFile = await load("/embed.js");
  row(`HTTP baseline: static file \`/embed.js\`, ${SECONDS} s, 10 connections`, `${staticFile.rps.toFixed(0)} req/s, p99 ${staticFile.p99} ms, errors ${staticFile.errors}`);
  const svgPath = `/api/charts/series.svg?${CHART}`;
  const etag = (await fetch(`${server.url}${svgPath}`)).headers.get("etag") ?? "";
  for (const [name, path, goal, options] of [
    ["dashboard `/`", "/", "", {}],
    ["`/api/series`", `/api/series?${CHART}`, "", {}],
    ["embed `/embed/series`", `/embed/series?${CHART}`, " (goal ≥ 50%)", {}],
    ["`/api/charts/series.svg`", svgPath, " (goal ≥ 50%)", {}],
    ["`/api/charts/series.png`", `/api/charts/series.png?${CHART}`, "", {}],
    ["304 revalidation of the SVG (If-None-Match)", svgPath, " (goal ≥ 90%)", { headers: { "if-none-match": etag }, status: 304 }],
  ] as const) {
    const r = await load(path, options);
    row(`HTTP ${name}`, `${r.rps.toFixed(0)} req/s = ${((r.rps / staticFile.rps) * 100).toFixed(0)}% of static${goal}, p99 ${r.p99} ms, errors ${r.errors}`);
  }
  for (const [name, path, formFactor] of [
    ["dashboard", "/", "desktop"],
    ["event page", EVENT, "desktop"],
    // Both languages held to the same bar: the Russian pages (`lang="ru"`, Russian labels and link names).
    ["dashboard in Russian `/ru`", "/ru", "desktop"],
    ["event page in Russian", `/ru${EVENT}`, "desktop"],
    ["embed", `/embed/series?${CHART}`, "desktop"],
    ["dashboard", "/", "mobile"],
    ["event page", EVENT, "mobile"],
  ] as const) {
    // Mobile scores swing by several points between identical runs (simulated throttling scales what
    // one unthrottled load did): the median of five, as Lighthouse's own variability guide advises.
    const runs = Array.from({ length: formFactor === "mobile" ? 5 : 1 }, () => lighthouse(path, formFactor)).sort((a, b) => a.performance - b.performance);
    const lh = runs[Math.floor(runs.length / 2)]!;
    row(
      `Lighthouse 12.2.3, ${name} (${formFactor === "desktop" ? "desktop, no throttling; goal 100" : "mobile, default throttling, median of 5 runs; goal performance ≥ 95, accessibility 100"})`,
      `performance ${lh.performance}${runs.length > 1 ? ` (runs: ${runs.map((r) => r.performance).join(", ")})` : ""}, accessibility ${lh.accessibility}, best practices ${lh.bestPractices} (TBT ${lh.tbt}, LCP ${lh.lcp})${lh.failing.length ? `; below 100: ${lh.failing.join(", ")}` : ""}`,
    );
  }
  console.log(`Measured ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, seeded demo database.\n`);
  console.log("| measure | result |\n|---|---|\n" + rows.join("\n"));
} finally {
  await server.stop();
}
