/**
 * Pages at scale (after a build): `npx tsx bench/scale.ts` from apps/web. The built app on the
 * seeded demo database plus BENCH_BIG_ROWS (default 10,000,000) SYNTHETIC observations
 * (packages/data/bench/big-db.ts). Every timed request is cold: just before it the bench commits a
 * real data change through the data API — a one-row import, then its undo, in turn — which moves
 * the data version every cache keys on, and the request carries a cookie, so the page cache (for
 * anonymous readers only) never answers. Response time (to the last byte) p50/p95 of the dashboard,
 * the explorer and `/api/corridors`, against a static file on the same server in the same run, and
 * for scale, in the same run: what corridors() used to run on every first read after a change (a
 * GROUP BY over every observation) and the commit times of the changes themselves.
 */
import { request } from "node:http";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { openDb } from "@corridor/data";
import { importFile } from "@corridor/data/import";
import { undoImport } from "@corridor/data";
import { fillBigDb } from "../../../packages/data/bench/big-db.ts";
import { startServer } from "../e2e/server.ts";

const BIG = Number(process.env.BENCH_BIG_ROWS ?? 10_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 25);
const COOKIE = { cookie: "corridor-bench=uncached" };

let built = 0;
let demo: string[] = [];
const buildStart = performance.now();
const server = await startServer({
  readyTimeoutMs: 900_000,
  setup(dbPath) {
    const db = openDb(dbPath);
    // The demo's countries keep their own series: the pages measured show what they show on the
    // demo alone, and everything else in the database grows around them.
    demo = (db.sqlite.prepare("SELECT DISTINCT origin FROM observations").all() as { origin: string }[]).map((r) => r.origin);
    fillBigDb(db.sqlite, BIG, new Set(demo));
    built = (db.sqlite.prepare("SELECT count(*) AS n FROM observations").get() as { n: number }).n;
    db.close();
  },
});
console.error(`${built} observations, server up after ${((performance.now() - buildStart) / 1000).toFixed(0)} s`);

function timedGet(path: string, headers: Record<string, string> = {}): Promise<number> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = request({ host: "127.0.0.1", port, path, headers }, (res) => {
      res.resume();
      res.on("end", () => (res.statusCode === 200 ? resolve(performance.now() - start) : reject(new Error(`${path}: ${res.statusCode}`))));
    });
    req.on("error", reject);
    req.end();
  });
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

// The writer's connection: what an analyst's import and undo do while readers read.
const writer = openDb(server.dbPath);
const file = join(mkdtempSync(join(tmpdir(), "corridor-scale-")), "one-row.csv");
writeFileSync(file, "indicator,origin,destination,period,value\nentries,TJK,RUS,2031,1\n");
const commits: number[] = [];
const undos: number[] = [];
let pending: number | undefined;
async function dataChange(): Promise<void> {
  const t = performance.now();
  if (pending === undefined) {
    const s = await importFile(writer, file);
    if (!s.committed) throw new Error(JSON.stringify(s.errors));
    pending = s.importId!;
    commits.push(performance.now() - t);
  } else {
    await undoImport(writer, pending);
    pending = undefined;
    undos.push(performance.now() - t);
  }
}

const URLS = [
  ["static file `/icon.svg` (baseline)", "/icon.svg"],
  ["dashboard `/` (TJK → RUS)", "/"],
  ["explorer `/explorer`", "/explorer"],
  ["`/api/corridors`", "/api/corridors"],
  // A corridor of the synthetic data: 9 indicators of 1,000 monthly values each (its own size, not the database's).
  ["dashboard of a synthetic corridor, 9 × 1,000 values (`/?origin=AFG&destination=RUS`)", "/?origin=AFG&destination=RUS"],
] as const;

try {
  for (const [, path] of URLS) for (let i = 0; i < 3; i++) await timedGet(path, COOKIE); // warm-up (compiles, page cache of the OS)
  const times = new Map<string, number[]>(URLS.map(([, p]) => [p, []]));
  for (let i = 0; i < SAMPLES; i++)
    for (const [, path] of URLS) {
      await dataChange();
      times.get(path)!.push(await timedGet(path, COOKIE));
    }
  // The query every first read after a change ran before the corridor summary (same database, same run).
  let t = performance.now();
  writer.sqlite
    .prepare(
      "SELECT origin, destination, indicator, frequency, count(*), min(period), max(period), min(period_start), max(period_end) FROM observations GROUP BY origin, destination, indicator, frequency",
    )
    .all();
  const oldCold = performance.now() - t;
  t = performance.now();
  writer.sqlite.prepare("SELECT count(*) FROM observations WHERE value < 0").get();
  const scan = performance.now() - t;

  const base = pct(times.get("/icon.svg")!, 50);
  const rows: string[] = [];
  const row = (what: string, value: string) => rows.push(`| ${what} | ${value} |`);
  row("observations", `${built.toLocaleString("en")} (the demo's, and synthetic series of every country but the demo's ${demo.join(", ")})`);
  for (const [name, path] of URLS) {
    const xs = times.get(path)!;
    row(`${name}, cold, p50 / p95 (goal p50 < 100 ms)`, `${pct(xs, 50).toFixed(1)} ms / ${pct(xs, 95).toFixed(1)} ms (${(pct(xs, 50) / base).toFixed(1)}× static)`);
  }
  row("data change before each request: one-row import commit / its undo, p50", `${pct(commits, 50).toFixed(1)} ms / ${pct(undos, 50).toFixed(1)} ms`);
  row("before the summary: the GROUP BY corridors() ran on the first read after every change", `${oldCold.toFixed(0)} ms`);
  row("for scale: one full-table scan", `${scan.toFixed(0)} ms`);
  console.log(`Measured ${new Date().toISOString().slice(0, 16)} UTC, ${SAMPLES} cold samples per URL, Node ${process.version}.\n`);
  console.log("| measure | result |\n|---|---|");
  console.log(rows.join("\n"));
} finally {
  writer.close();
  await server.stop();
  // The 10M-row database is ≈ 1.5 GB.
  rmSync(dirname(server.dbPath), { recursive: true, force: true });
}
