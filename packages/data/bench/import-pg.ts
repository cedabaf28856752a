/**
 * Imports and reads on PostgreSQL (#21):
 *   BENCH_PG_URL=postgres://user@host:port/postgres npx tsx bench/import-pg.ts
 * on a server where the user may create databases, with psql on the PATH. Both parts are SYNTHETIC.
 *
 * 1. The benchmarks' 1M-row tidy CSV (import-rounds.ts generateTidyCsv, the file bench/run.ts
 *    imports into SQLite), BENCH_ROUNDS interleaved rounds (default 3) of: psql's
 *    `\copy bare FROM file CSV HEADER` into a bare table of the file's six columns (the baseline:
 *    the server's own CSV parser, no index, no constraint), then `corridor import FILE --db URL --json`
 *    (a process, as a person runs it) into a database created and migrated just before, outside the
 *    timing. Prints each round, the medians and their ratio (goal ≤ 2×).
 * 2. series() at 10M observations on PostgreSQL: bench/big-db.ts's database (fillBigDbPostgres: 9
 *    indicators × countries × partners, 1,000 months each, 10,000 corridors, written on the server,
 *    its indexes built afterwards, then VACUUM (ANALYZE)); p50/p95 of series() over 300 corridors beside the
 *    same rows fetched by raw SQL on the same pool, and the EXPLAIN of series()'s statement.
 * BENCH_ROWS, BENCH_BIG set the sizes; BENCH_SKIP_IMPORT=1 or BENCH_SKIP_SERIES=1 leave a part out.
 * BENCH_COMPARE_BIN=…/bin/corridor.mjs (another checkout's CLI, e.g. before a change) imports the file
 * too in every round, right after this checkout's, into a fresh database of its own: a before/after
 * in the same rounds.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import pg from "pg";
import { openDatabase } from "../src/db.ts";
import { series } from "../src/queries/series.ts";
import { generateTidyCsv, median, timed } from "./import-rounds.ts";
import { BIG_INDICATORS, PER_CORRIDOR, fillBigDbPostgres } from "./big-db.ts";

const SERVER = process.env.BENCH_PG_URL;
if (!SERVER) throw new Error("set BENCH_PG_URL to a PostgreSQL server where this user may create databases (postgres://user@host:port/postgres)");
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BIG = Number(process.env.BENCH_BIG ?? 10_000_000);
const work = resolve(process.env.BENCH_DIR ?? join(import.meta.dirname, "..", "..", "..", "bench-tmp-pg"));
const bin = join(import.meta.dirname, "..", "bin", "corridor.mjs");
const compareBin = process.env.BENCH_COMPARE_BIN ? resolve(process.env.BENCH_COMPARE_BIN) : undefined;
mkdirSync(work, { recursive: true });

const urlOf = (name: string) => {
  const u = new URL(SERVER);
  u.pathname = `/${name}`;
  return u.toString();
};
async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
/** A new, empty database `name` (dropped first if there). */
async function freshDatabase(name: string): Promise<string> {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  return urlOf(name);
}
const psql = (url: string, command: string) => timed("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", command]);
const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;
const load = () => spawnSync("uptime", { encoding: "utf8" }).stdout.trim();

const out: string[] = [];
console.error(`machine: ${load()}`);
out.push(`load before: \`${load()}\``, "");

// --- 1. 1M rows: corridor import vs psql \copy ----------------------------------------------------
if (!process.env.BENCH_SKIP_IMPORT) {
  const csv = join(work, "tidy.csv");
  await generateTidyCsv(csv, ROWS);
  const bare = await freshDatabase("corridor_bench_bare");
  const copies: number[] = [];
  const imports: number[] = [];
  const compared: number[] = [];
  /** `corridor import` of the file by the CLI `cli` into a database created and migrated just before (outside the timing). */
  const importWith = async (cli: string, name: string) => {
    const url = await freshDatabase(name);
    timed(process.execPath, [cli, "imports", "--db", url, "--json"]);
    const r = timed(process.execPath, [cli, "import", csv, "--db", url, "--json"]);
    const summary = JSON.parse(r.stdout) as { inserted: number };
    if (summary.inserted !== ROWS) throw new Error(`corridor import (${cli}): expected ${ROWS} inserted, got ${r.stdout.slice(0, 300)}`);
    return r.seconds;
  };
  for (let round = 0; round < ROUNDS; round++) {
    psql(bare, "DROP TABLE IF EXISTS bare; CREATE TABLE bare (indicator text, origin text, destination text, period text, value double precision, flag text)");
    const c = psql(bare, `\\copy bare FROM '${csv}' CSV HEADER`);
    copies.push(c.seconds);
    const seconds = await importWith(bin, "corridor_bench_import");
    imports.push(seconds);
    const other = compareBin ? await importWith(compareBin, "corridor_bench_compare") : undefined;
    if (other !== undefined) compared.push(other);
    console.error(
      `round ${round + 1}: psql \\copy ${c.seconds.toFixed(2)} s, corridor import ${seconds.toFixed(2)} s (${(seconds / c.seconds).toFixed(2)}×)` +
        (other === undefined ? "" : `, compared CLI ${other.toFixed(2)} s (${(other / c.seconds).toFixed(2)}×)`),
    );
  }
  if (compareBin) await admin("DROP DATABASE IF EXISTS corridor_bench_compare WITH (FORCE)");
  // Re-importing the same file: every row's key is stored, all unchanged (the set-based classification).
  const again = timed(process.execPath, [bin, "import", csv, "--db", urlOf("corridor_bench_import"), "--json"]);
  if ((JSON.parse(again.stdout) as { unchanged: number }).unchanged !== ROWS) throw new Error(`re-import: ${again.stdout.slice(0, 300)}`);
  await admin("DROP DATABASE IF EXISTS corridor_bench_import WITH (FORCE)");
  await admin("DROP DATABASE IF EXISTS corridor_bench_bare WITH (FORCE)");
  rmSync(csv);
  const ratio = median(imports) / median(copies);
  out.push(
    `| ${ROWS.toLocaleString("en")} rows (SYNTHETIC tidy CSV), medians of ${ROUNDS} interleaved rounds | seconds |`,
    "|---|---|",
    `| psql \`\\copy bare FROM file CSV HEADER\` (bare table, no index) | ${median(copies).toFixed(2)} s (${copies.map((s) => s.toFixed(2)).join(", ")}) |`,
    `| \`corridor import FILE --db postgres://…\` (fresh migrated database) | ${median(imports).toFixed(2)} s (${imports.map((s) => s.toFixed(2)).join(", ")}) |`,
    `| **ratio** | **${ratio.toFixed(2)}×** |`,
    ...(compareBin
      ? [
          `| \`corridor import\` of ${compareBin} (the compared checkout), same rounds | ${median(compared).toFixed(2)} s (${compared.map((s) => s.toFixed(2)).join(", ")}) |`,
          `| **its ratio** | **${(median(compared) / median(copies)).toFixed(2)}×** |`,
        ]
      : []),
    `| re-import of the same file (all ${ROWS.toLocaleString("en")} unchanged) | ${again.seconds.toFixed(2)} s |`,
    "",
  );
}

// --- 2. series() at 10M ---------------------------------------------------------------------------
if (!process.env.BENCH_SKIP_SERIES) {
  const url = await freshDatabase("corridor_bench_big");
  const db = await openDatabase(url);
  const buildStart = performance.now();
  const first = (await fillBigDbPostgres(db, BIG)).map((c) => ({ indicator: BIG_INDICATORS[0]!, ...c }));
  const total = (await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM observations`))!.n;
  const buildSeconds = (performance.now() - buildStart) / 1000;
  console.error(`built ${total} observations in ${buildSeconds.toFixed(0)} s`);

  const picks = Array.from({ length: 300 }, (_, i) => first[(i * 37) % first.length]!);
  const rawTimes: number[] = [];
  const seriesTimes: number[] = [];
  for (const pick of [...picks.slice(0, 20), ...picks]) {
    let t = performance.now();
    await db.all(
      sql`SELECT period, value, flag, source FROM observations WHERE indicator = ${pick.indicator} AND origin = ${pick.origin} AND destination = ${pick.destination} AND breakdown = 'total' ORDER BY period_start`,
    );
    const rawMs = performance.now() - t;
    t = performance.now();
    const s = await series(db, { indicator: pick.indicator, origin: pick.origin, destination: pick.destination });
    const seriesMs = performance.now() - t;
    if (s.points.length !== PER_CORRIDOR) throw new Error(`series returned ${s.points.length} points`);
    rawTimes.push(rawMs);
    seriesTimes.push(seriesMs);
  }
  // The first 20 warm the pool's connections and the caches; not counted.
  rawTimes.splice(0, 20);
  seriesTimes.splice(0, 20);
  const pick = picks[0]!;
  const plan = (
    await db.all<{ "QUERY PLAN": string }>(
      sql`EXPLAIN (ANALYZE, BUFFERS) SELECT period, frequency, period_start AS "start", period_end AS "end", value, flag, bound, source FROM observations
          WHERE indicator = ${pick.indicator} AND origin = ${pick.origin} AND destination = ${pick.destination} AND breakdown = 'total' ORDER BY period_start, period_end`,
    )
  ).map((r) => r["QUERY PLAN"]);
  await db.close();
  await admin("DROP DATABASE IF EXISTS corridor_bench_big WITH (FORCE)");
  out.push(
    `| series() at ${total.toLocaleString("en")} observations (SYNTHETIC; 300 corridors of ${PER_CORRIDOR} months) | p50 | p95 |`,
    "|---|---|---|",
    `| raw SQL, same rows, same pool (baseline) | ${p(rawTimes, 0.5).toFixed(2)} ms | ${p(rawTimes, 0.95).toFixed(2)} ms |`,
    `| series() | ${p(seriesTimes, 0.5).toFixed(2)} ms | ${p(seriesTimes, 0.95).toFixed(2)} ms |`,
    "",
    `built in ${buildSeconds.toFixed(0)} s. series()'s statement:`,
    "```",
    ...plan,
    "```",
    "",
  );
}
out.push(`load after: \`${load()}\``);
console.log(out.join("\n"));
if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
