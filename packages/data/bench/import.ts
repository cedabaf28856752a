/**
 * The import comparison alone (the first part of `npm run bench`), repeated, for working on import
 * speed: `npx tsx bench/import.ts [NAME=path/to/corridor.mjs …]`.
 *
 * Generates the same SYNTHETIC 1,000,000-row tidy CSV as bench/run.ts (BENCH_ROWS shrinks it), then
 * for BENCH_ROUNDS rounds (default 3) times, in turn, the sqlite3 CLI's `.import --csv` into a bare
 * table (the baseline) and `corridor import FILE --db fresh.db --json` for every CLI given (default:
 * this package's bin/corridor.mjs). Interleaving the runs makes the ratios fair on a shared machine.
 * Prints each run, then the median time, ratio against the median baseline and peak RSS per CLI.
 * BENCH_REIMPORT=1 also times importing the same file again into the same database (all unchanged).
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { once } from "node:events";
import { performance } from "node:perf_hooks";
import { COUNTRY_RECORDS } from "../src/countries.ts";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const work = resolve(process.env.BENCH_DIR ?? join(import.meta.dirname, "..", "..", "..", "bench-tmp-import"));
const rssReport = join(import.meta.dirname, "rss-report.mjs");
const bins: [string, string][] = process.argv.slice(2).length
  ? process.argv.slice(2).map((a) => { const [n, p] = a.split("="); return [n!, resolve(p!)]; })
  : [["corridor", join(import.meta.dirname, "..", "bin", "corridor.mjs")]];

mkdirSync(work, { recursive: true });
const countries = COUNTRY_RECORDS.map((c) => c.code).filter((c) => c !== "WLD");
const destinations = ["RUS", "KAZ", "DEU", "WLD"];
const month = (i: number) => `${1900 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;

/** Same rows as bench/run.ts: country, then partner, then time. */
async function generateCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write("indicator,origin,destination,period,value,flag\n");
  const perCorridor = Math.ceil(rows / (countries.length * destinations.length));
  let written = 0;
  let buffer = "";
  outer: for (const origin of countries)
    for (const destination of destinations)
      for (let m = 0; m < perCorridor; m++) {
        if (written === rows) break outer;
        buffer += `entries,${origin},${destination},${month(m)},${((written * 7919) % 1_000_003) + 0.5},${written % 97 === 0 ? "p" : ""}\n`;
        written++;
        if (buffer.length > 1 << 16) {
          if (!out.write(buffer)) await once(out, "drain");
          buffer = "";
        }
      }
  out.end(buffer);
  await once(out, "finish");
}

function timed(command: string, args: string[], input?: string) {
  const start = performance.now();
  const r = spawnSync(command, args, { encoding: "utf8", input, maxBuffer: 1 << 26 });
  const seconds = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return { seconds, stderr: r.stderr, stdout: r.stdout };
}
const clean = (db: string) => { for (const s of ["", "-wal", "-shm", "-journal"]) rmSync(db + s, { force: true }); };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const csv = join(work, `tidy-${ROWS}.csv`);
if (!existsSync(csv)) await generateCsv(csv, ROWS);
console.error(`${ROWS} rows, ${(statSync(csv).size / 1e6).toFixed(1)} MB, ${ROUNDS} rounds`);

const times: Record<string, number[]> = { sqlite3: [] };
const rss: Record<string, number[]> = {};
for (const [name] of bins) { times[name] = []; rss[name] = []; }
for (let round = 0; round < ROUNDS; round++) {
  const base = join(work, "baseline.db");
  clean(base);
  const s = timed("sqlite3", [base], `.import --csv ${csv} bare\nSELECT count(*) FROM bare;\n`);
  if (Number(s.stdout.trim()) !== ROWS) throw new Error(`sqlite3 imported ${s.stdout}`);
  times.sqlite3!.push(s.seconds);
  const line = [`round ${round + 1}: sqlite3 ${s.seconds.toFixed(2)} s`];
  for (const [name, bin] of bins) {
    const db = join(work, `import-${name}.db`);
    clean(db);
    const r = timed(process.execPath, ["--import", rssReport, bin, "import", csv, "--db", db, "--json"]);
    const summary = JSON.parse(r.stdout);
    if (summary.inserted !== ROWS) throw new Error(`${name}: expected ${ROWS} inserted, got ${r.stdout.slice(0, 300)}`);
    times[name]!.push(r.seconds);
    rss[name]!.push(Number(r.stderr.match(/BENCH_MAX_RSS_KB=(\d+)/)?.[1]) / 1024);
    line.push(`${name} ${r.seconds.toFixed(2)} s`);
    if (process.env.BENCH_REIMPORT) {
      // The same file again into the same database: every row compared, all unchanged.
      const again = timed(process.execPath, [bin, "import", csv, "--db", db, "--json"]);
      if (JSON.parse(again.stdout).unchanged !== ROWS) throw new Error(`${name} re-import: ${again.stdout.slice(0, 300)}`);
      (times[`${name} re-import`] ??= []).push(again.seconds);
      line.push(`re-import ${again.seconds.toFixed(2)} s`);
    }
    clean(db);
  }
  console.error(line.join(", "));
}
const baseline = median(times.sqlite3!);
console.log(`sqlite3 .import --csv (baseline): median ${baseline.toFixed(2)} s`);
for (const [name] of bins)
  console.log(`${name}: median ${median(times[name]!).toFixed(2)} s = ${(median(times[name]!) / baseline).toFixed(2)}× sqlite3, peak RSS ${Math.max(...rss[name]!).toFixed(0)} MB` +
    (times[`${name} re-import`] ? `; re-import median ${median(times[`${name} re-import`]!).toFixed(2)} s` : ""));
if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
