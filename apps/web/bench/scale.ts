/**
 * Pages at scale (after a build): `npx tsx bench/scale.ts` from apps/web. The built app on the
 * seeded demo database plus BENCH_BIG_ROWS (default 10,000,000) SYNTHETIC observations
 * (packages/data/bench/big-db.ts). With BENCH_PG_URL=postgres://user@host:port/postgres (a server
 * where the user may create databases), the same on PostgreSQL: the seeded demo moved up with
 * `corridor copy` into a new database corridor_bench_scale, the same rows added there
 * (fillBigDbPostgres), and the app started with CORRIDOR_DATABASE_URL; the database is dropped after.
 * Every timed request is cold: just before it the bench commits a
 * real data change through the data API — a one-row import, then its undo, in turn — which moves
 * the data version every cache keys on, and the request carries a cookie, so the page cache (for
 * anonymous readers only) never answers. Response time (to the last byte) p50/p95 of the dashboard,
 * the explorer, `/api/corridors` and the founding event's page, against a static file on the same server in the same run, and
 * for scale, in the same run: what corridors() used to run on every first read after a change (a
 * GROUP BY over every observation) and the commit times of the changes themselves.
 */
import { request } from "node:http";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { openDatabase, type CorridorDb } from "@corridor/data";
import { importFile } from "@corridor/data/import";
import { undoImport } from "@corridor/data";
import { fillBigDb, fillBigDbPostgres } from "../../../packages/data/bench/big-db.ts";
import { startServer } from "../e2e/server.ts";
import { withPgClient } from "../e2e/pg-client.ts";

const BIG = Number(process.env.BENCH_BIG_ROWS ?? 10_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 25);
const COOKIE = { cookie: "corridor-bench=uncached" };
const PG_SERVER = process.env.BENCH_PG_URL?.trim();
const PG_DATABASE = "corridor_bench_scale";
const root = resolve(import.meta.dirname, "..", "..", "..");
const load = () => spawnSync("uptime", { encoding: "utf8" }).stdout.trim();

/** The bench's database on the server (`PG_DATABASE`), or on its maintenance database when `database` is not given. */
function pgUrl(database?: string): string {
  const u = new URL(PG_SERVER!);
  if (database) u.pathname = `/${database}`;
  return u.toString();
}
const databaseUrl = PG_SERVER ? pgUrl(PG_DATABASE) : undefined;

let built = 0;
let demo: string[] = [];
let engine = "SQLite";
const loadBefore = load();
const buildStart = performance.now();
const server = await startServer({
  readyTimeoutMs: 900_000,
  env: databaseUrl ? { CORRIDOR_DATABASE_URL: databaseUrl } : {},
  async setup(dbPath) {
    if (databaseUrl) {
      await withPgClient(pgUrl(), async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${PG_DATABASE} WITH (FORCE)`);
        await c.query(`CREATE DATABASE ${PG_DATABASE}`);
        engine = `PostgreSQL ${(await c.query("SHOW server_version")).rows[0].server_version}`;
      });
      const copied = spawnSync(process.execPath, [join(root, "packages/data/bin/corridor.mjs"), "copy", "--from", dbPath, "--to", databaseUrl], { encoding: "utf8" });
      if (copied.status !== 0) throw new Error(`corridor copy failed: ${copied.stderr}`);
    }
    const db = await openDatabase(databaseUrl ?? dbPath);
    try {
      // The demo's countries keep their own series: the pages measured show what they show on the
      // demo alone, and everything else in the database grows around them.
      demo = (await rowsOf<{ origin: string }>(db, "SELECT DISTINCT origin FROM observations ORDER BY origin")).map((r) => r.origin);
      if (databaseUrl) await fillBigDbPostgres(db, BIG, new Set(demo));
      else fillBigDb(db.sqlite, BIG, new Set(demo));
      built = Number((await rowsOf<{ n: number }>(db, "SELECT count(*) AS n FROM observations"))[0]!.n);
    } finally {
      await db.close();
    }
  },
});
console.error(`${engine}: ${built} observations, server up after ${((performance.now() - buildStart) / 1000).toFixed(0)} s`);

/** The rows of the bench's own SQL (the same text on both engines). */
function rowsOf<T>(db: CorridorDb, text: string): Promise<T[]> {
  return db.engine === "postgres" ? withPgClient(databaseUrl!, async (c) => (await c.query(text)).rows as T[]) : Promise.resolve(db.sqlite.prepare(text).all() as T[]);
}

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
const writer = await openDatabase(databaseUrl ?? server.dbPath);
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
  // The founding event's page: its impact panels (estimates fitted per request) over the corridors it concerns.
  ["event page `/events/2021-04-19-russia-tajikistan-migration-talks`", "/events/2021-04-19-russia-tajikistan-migration-talks"],
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
  await rowsOf(
    writer,
    "SELECT origin, destination, indicator, frequency, count(*), min(period), max(period), min(period_start), max(period_end) FROM observations GROUP BY origin, destination, indicator, frequency",
  );
  const oldCold = performance.now() - t;
  t = performance.now();
  await rowsOf(writer, "SELECT count(*) FROM observations WHERE value < 0");
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
  console.log(`Measured ${new Date().toISOString().slice(0, 16)} UTC on ${engine}, ${SAMPLES} cold samples per URL, Node ${process.version}.`);
  console.log(`Load before the build: \`${loadBefore}\`; after the samples: \`${load()}\`.\n`);
  console.log("| measure | result |\n|---|---|");
  console.log(rows.join("\n"));
} finally {
  await writer.close();
  await server.stop();
  // The 10M-row database is ≈ 1.5 GB.
  rmSync(dirname(server.dbPath), { recursive: true, force: true });
  if (databaseUrl) await withPgClient(pgUrl(), (c) => c.query(`DROP DATABASE IF EXISTS ${PG_DATABASE} WITH (FORCE)`));
}
