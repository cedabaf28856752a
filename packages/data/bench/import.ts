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
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { generateTidyCsv, importRounds, median } from "./import-rounds.ts";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const work = resolve(process.env.BENCH_DIR ?? join(import.meta.dirname, "..", "..", "..", "bench-tmp-import"));
const bins: [string, string][] = process.argv.slice(2).length
  ? process.argv.slice(2).map((a) => { const [n, p] = a.split("="); return [n!, resolve(p!)]; })
  : [["corridor", join(import.meta.dirname, "..", "bin", "corridor.mjs")]];

mkdirSync(work, { recursive: true });
const csv = join(work, `tidy-${ROWS}.csv`);
if (!existsSync(csv)) await generateTidyCsv(csv, ROWS);
console.error(`${ROWS} rows, ${(statSync(csv).size / 1e6).toFixed(1)} MB, ${ROUNDS} rounds`);

const result = importRounds({ csv, rows: ROWS, work, rounds: ROUNDS, bins, reimport: !!process.env.BENCH_REIMPORT });
const baseline = median(result.sqlite3);
console.log(`sqlite3 .import --csv (baseline): median ${baseline.toFixed(2)} s`);
for (const [name] of bins) {
  const time = median(result.corridor[name]!);
  const reimport = result.reimport[name];
  console.log(`${name}: median ${time.toFixed(2)} s = ${(time / baseline).toFixed(2)}× sqlite3, peak RSS ${Math.max(...result.rssMb[name]!).toFixed(0)} MB` +
    (reimport ? `; re-import median ${median(reimport).toFixed(2)} s` : ""));
}
if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
