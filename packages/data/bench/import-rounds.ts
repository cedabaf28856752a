/**
 * The import comparison both benchmarks run (bench/run.ts, bench/import.ts): the SYNTHETIC tidy CSV
 * they import, and interleaved rounds of the sqlite3 CLI's `.import --csv` into a bare table (the
 * baseline) and `corridor import FILE --db fresh.db --json` for each CLI given. Interleaving makes
 * the ratios fair on a shared machine, where one pair of runs moves by ±20 %.
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, rmSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { COUNTRY_RECORDS } from "../src/countries.ts";

export const countries = COUNTRY_RECORDS.map((c) => c.code).filter((c) => c !== "WLD");
export const destinations = ["RUS", "KAZ", "DEU", "WLD"];
export const month = (i: number) => `${1900 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
const rssReport = join(import.meta.dirname, "rss-report.mjs");

/** Monthly `entries` rows in publication order: country, then partner, then time. */
export async function generateTidyCsv(path: string, rows: number): Promise<void> {
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

/** The file shapes the import is benchmarked on (all SYNTHETIC, `rows` rows of distinct keys). */
export const SHAPES = ["publication", "indicators", "unsorted", "series-major", "period-major"] as const;
export type Shape = (typeof SHAPES)[number];
const SHAPE_INDICATORS = ["entries", "work_patents_issued", "migration_registrations", "first_residence_permits"];

/** A fixed shuffle (so every run writes the same file): countries out of alphabetical order. */
function shuffled<T>(xs: readonly T[]): T[] {
  const out = [...xs];
  let seed = 20261202;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * - publication: generateTidyCsv's file (one indicator; country, partner, then time);
 * - indicators: four indicators, each country's months with the four side by side (indicator varies fastest);
 * - unsorted: like publication, countries in a shuffled order;
 * - series-major: four indicators, one whole series after another (indicator, then country, partner, time);
 * - period-major: one indicator, time outermost (every month: every country and partner).
 */
export async function generateShapedCsv(path: string, rows: number, shape: Shape): Promise<void> {
  if (shape === "publication") return generateTidyCsv(path, rows);
  const indicators = shape === "indicators" || shape === "series-major" ? SHAPE_INDICATORS : ["entries"];
  const origins = shape === "unsorted" ? shuffled(countries) : countries;
  const months = Math.ceil(rows / (indicators.length * origins.length * destinations.length));
  const out = createWriteStream(path);
  out.write("indicator,origin,destination,period,value,flag\n");
  let written = 0;
  let buffer = "";
  const emit = async (indicator: string, origin: string, destination: string, m: number) => {
    if (written === rows) return;
    buffer += `${indicator},${origin},${destination},${month(m)},${((written * 7919) % 1_000_003) + 0.5},${written % 97 === 0 ? "p" : ""}\n`;
    written++;
    if (buffer.length > 1 << 16) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  };
  if (shape === "period-major") {
    for (let m = 0; m < months; m++) for (const o of origins) for (const d of destinations) await emit(indicators[0]!, o, d, m);
  } else if (shape === "series-major") {
    for (const i of indicators) for (const o of origins) for (const d of destinations) for (let m = 0; m < months; m++) await emit(i, o, d, m);
  } else {
    for (const o of origins) for (const d of destinations) for (let m = 0; m < months; m++) for (const i of indicators) await emit(i, o, d, m);
  }
  out.end(buffer);
  await once(out, "finish");
}

export function timed(command: string, args: string[], input?: string): { seconds: number; stderr: string; stdout: string } {
  const start = performance.now();
  const r = spawnSync(command, args, { encoding: "utf8", input, maxBuffer: 1 << 26 });
  const seconds = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return { seconds, stderr: r.stderr, stdout: r.stdout };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const removeDb = (db: string) => {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(db + suffix, { force: true });
};

export interface ImportRounds {
  /** Seconds per round. */
  sqlite3: number[];
  corridor: Record<string, number[]>;
  /** Peak RSS per round, MB. */
  rssMb: Record<string, number[]>;
  /** Re-import of the same file into the same database (all unchanged), when asked for. */
  reimport: Record<string, number[]>;
  /** Each CLI's database after its last round, for more work on it. */
  db: Record<string, string>;
}

/**
 * `rounds` rounds, each: sqlite3, then every CLI in `bins` ([name, path to corridor.mjs]) on a fresh
 * database in `work` (and, with `reimport`, the same file again into it). Checks every row went in.
 */
export function importRounds(options: { csv: string; rows: number; work: string; rounds: number; bins: [string, string][]; reimport?: boolean }): ImportRounds {
  const { csv, rows, work, rounds, bins, reimport } = options;
  const result: ImportRounds = { sqlite3: [], corridor: {}, rssMb: {}, reimport: {}, db: {} };
  for (let round = 0; round < rounds; round++) {
    const base = join(work, "baseline.db");
    removeDb(base);
    const s = timed("sqlite3", [base], `.import --csv ${csv} bare\nSELECT count(*) FROM bare;\n`);
    if (Number(s.stdout.trim()) !== rows) throw new Error(`sqlite3 imported ${s.stdout}`);
    result.sqlite3.push(s.seconds);
    const line = [`round ${round + 1}: sqlite3 ${s.seconds.toFixed(2)} s`];
    for (const [name, bin] of bins) {
      const db = (result.db[name] = join(work, `import-${name}.db`));
      removeDb(db);
      const r = timed(process.execPath, ["--import", rssReport, bin, "import", csv, "--db", db, "--json"]);
      const summary = JSON.parse(r.stdout);
      if (summary.inserted !== rows) throw new Error(`${name}: expected ${rows} inserted, got ${r.stdout.slice(0, 300)}`);
      (result.corridor[name] ??= []).push(r.seconds);
      (result.rssMb[name] ??= []).push(Number(r.stderr.match(/BENCH_MAX_RSS_KB=(\d+)/)?.[1]) / 1024);
      line.push(`${name} ${r.seconds.toFixed(2)} s`);
      if (reimport) {
        const again = timed(process.execPath, [bin, "import", csv, "--db", db, "--json"]);
        if (JSON.parse(again.stdout).unchanged !== rows) throw new Error(`${name} re-import: ${again.stdout.slice(0, 300)}`);
        (result.reimport[name] ??= []).push(again.seconds);
        line.push(`re-import ${again.seconds.toFixed(2)} s`);
      }
    }
    console.error(line.join(", "));
  }
  return result;
}
