/**
 * npm run bench — SYNTHETIC data, generated here, for speed and memory only.
 *
 * 1. Generates a 1,000,000-row tidy CSV and imports it with `corridor import` (a fresh database),
 *    then the same file into a bare table with the sqlite3 CLI's `.import --csv` (baseline), in
 *    turn for BENCH_ROUNDS rounds (default 3). Prints the median times, their ratio and the
 *    import's peak RSS.
 * 2. Builds a database of 10,000,000 observations and times series() (p50/p95 over random
 *    corridors) against a baseline in the same run: the same rows fetched by raw SQL.
 * Results go to stdout as a Markdown table; docs/benchmarks.md keeps a copy.
 */
import { createWriteStream, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { once } from "node:events";
import { performance } from "node:perf_hooks";
import { openDb } from "../src/db.ts";
import { series } from "../src/queries/series.ts";
import { corridors } from "../src/queries/corridors.ts";
import { COUNTRY_RECORDS } from "../src/countries.ts";
import { addIndicator } from "../src/catalog-admin.ts";
import { generateTidyCsv, importRounds, median, timed } from "./import-rounds.ts";
import { fillBigDb } from "./big-db.ts";

const root = resolve(import.meta.dirname, "..", "..", "..");
const work = join(root, "bench-tmp");
const bin = join(import.meta.dirname, "..", "bin", "corridor.mjs");
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const BIG = Number(process.env.BENCH_BIG_ROWS ?? 10_000_000);

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const results: string[] = [];
const row = (what: string, value: string) => results.push(`| ${what} | ${value} |`);

// --- 1. Import ---------------------------------------------------------------------------------
const csv = join(work, "synthetic-1m.csv");
await generateTidyCsv(csv, ROWS);
console.error(`generated ${ROWS} rows, ${(statSync(csv).size / 1e6).toFixed(1)} MB`);

// bin/corridor.mjs bundles src/ with esbuild on its first run after a source change; do that
// outside the timings (and report it), then time a bare start-up.
const firstRun = timed(process.execPath, [bin, "--help"]);
const startUp = timed(process.execPath, [bin, "--help"]);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const imports = importRounds({ csv, rows: ROWS, work, rounds: ROUNDS, bins: [["corridor", bin]] });
const importSeconds = imports.corridor.corridor!;
const importMedian = median(importSeconds);
const baselineMedian = median(imports.sqlite3);
const rounds = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(" / ");

row("rows", ROWS.toLocaleString("en"));
row(`\`corridor import\` (fresh db, incl. process start, migrations), median of ${ROUNDS}`, `${importMedian.toFixed(2)} s (${rounds(importSeconds)})`);
row(`sqlite3 CLI \`.import --csv\` into a bare table (baseline), median of ${ROUNDS}`, `${baselineMedian.toFixed(2)} s (${rounds(imports.sqlite3)})`);
row("ratio corridor / sqlite3, medians (target ≤ 3)", `${(importMedian / baselineMedian).toFixed(2)}×`);
row("peak RSS of `corridor import` (target < 400 MB)", `${Math.max(...imports.rssMb.corridor!).toFixed(0)} MB`);
row("`corridor --help` start-up (first run after a source change, which bundles the CLI)", `${startUp.seconds.toFixed(2)} s (${firstRun.seconds.toFixed(2)} s)`);

// Re-import of the same file: every row compared, nothing written.
const again = timed(process.execPath, [bin, "import", csv, "--db", imports.db.corridor!, "--json"]);
const againSummary = JSON.parse(again.stdout);
if (againSummary.unchanged !== ROWS) throw new Error(`re-import: ${JSON.stringify(againSummary)}`);
row("re-import of the same file (all unchanged)", `${again.seconds.toFixed(2)} s`);

// --- 1b. Publication formats against the tidy rate ------------------------------------------------
// Same number of observations, written as a World Bank bulk file (wide, quoted, BOM, CRLF) and as a
// Russian windows-1251 table (';', Russian names and months, no-break-space thousands, decimal comma).
const iso = COUNTRY_RECORDS.filter((c) => c.code !== "WLD");
const years = Array.from({ length: 65 }, (_, i) => 1960 + i);
const wbIndicators = Math.ceil(ROWS / (iso.length * years.length));
const formatDb = join(work, "formats.db");
{
  const db = openDb(formatDb);
  for (let k = 0; k < wbIndicators; k++)
    await addIndicator(db, { code: `bench_indicator_${k}`, name: `Synthetic ${k}`, unit: "US$", kind: "flow", aliases: [`BENCH.IND.${k}`] });
  db.close();
}
const wbPath = join(work, "API_BENCH_DS2_en_csv_v2_synthetic.csv");
{
  const out = createWriteStream(wbPath);
  out.write('\ufeff"Data Source","World Development Indicators",\r\n\r\n"Last Updated Date","2025-07-01",\r\n\r\n');
  out.write(`${["Country Name", "Country Code", "Indicator Name", "Indicator Code", ...years.map(String)].map((h) => `"${h}"`).join(",")},\r\n`);
  let n = 0;
  for (let k = 0; k < wbIndicators; k++) {
    let chunk = "";
    for (const c of iso) {
      const values = years.map((y, i) => (n + i < ROWS ? `"${(((n + i) * 7919) % 1_000_003) * 1.5e3}"` : '""'));
      n += years.length;
      chunk += `"${c.nameEn}","${c.code}","Synthetic","BENCH.IND.${k}",${values.join(",")},\r\n`;
    }
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}
const ruPath = join(work, "russian-table-cp1251.csv");
{
  const months = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];
  const parts: Buffer[] = [];
  let lines = ["Страна;Период;Значение"];
  let n = 0;
  // Names our cp1251 writer can encode exactly (Cyrillic, ASCII): others would not round-trip.
  const encodable = iso.filter((c) => /^[\u0020-\u007e\u0410-\u044f\u0401\u0451]+$/.test(c.nameRu));
  const perEncodable = Math.ceil(ROWS / encodable.length);
  for (const c of encodable) {
    for (let m = 0; m < perEncodable && n < ROWS; m++, n++) {
      const value = ((n * 7919) % 1_000_003) + 0.5;
      const [int, frac] = value.toFixed(1).split(".");
      lines.push(`${c.nameRu};${months[m % 12]} ${1800 + Math.floor(m / 12)};${int!.replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0")},${frac}`);
      if (lines.length >= 20000) {
        parts.push(toCp1251(lines.join("\r\n") + "\r\n"));
        lines = [];
      }
    }
  }
  parts.push(toCp1251(lines.join("\r\n") + "\r\n"));
  writeFileSync(ruPath, Buffer.concat(parts));
}

function toCp1251(text: string): Buffer {
  const out = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i);
    out[i] = cp < 0x80 ? cp : cp >= 0x410 && cp <= 0x44f ? cp - 0x350 : cp === 0x401 ? 0xa8 : cp === 0x451 ? 0xb8 : cp === 0xa0 ? 0xa0 : 0x3f;
  }
  return out;
}

const rate = (rows: number, seconds: number) => `${Math.round(rows / seconds).toLocaleString("en")} obs/s`;
const tidyRate = ROWS / importMedian;
const wbRun = timed(process.execPath, [bin, "import", wbPath, "--db", formatDb, "--json"]);
const wbSummary = JSON.parse(wbRun.stdout);
if (wbSummary.format !== "worldbank" || wbSummary.inserted !== ROWS) throw new Error(`World Bank bench: ${wbRun.stdout.slice(0, 500)}`);
// Its own fresh database, like the tidy and World Bank imports (an empty table takes the bulk-load path).
const ruRun = timed(process.execPath, [bin, "import", ruPath, "--db", join(work, "formats-ru.db"), "--indicator", "entries", "--destination", "RUS", "--json"]);
const ruSummary = JSON.parse(ruRun.stdout);
if (ruSummary.encoding !== "windows-1251" || ruSummary.inserted !== ROWS) throw new Error(`windows-1251 bench: ${ruRun.stdout.slice(0, 500)}`);
row("tidy CSV import rate (from the median above)", rate(ROWS, importMedian));
row(`World Bank bulk CSV, ${ROWS.toLocaleString("en")} observations in ${wbIndicators * iso.length} wide rows`, `${wbRun.seconds.toFixed(2)} s, ${rate(ROWS, wbRun.seconds)} (${((ROWS / wbRun.seconds / tidyRate) * 100).toFixed(0)}% of tidy)`);
row(`Russian windows-1251 table (';', NBSP thousands, decimal comma, Russian names and months)`, `${ruRun.seconds.toFixed(2)} s, ${rate(ROWS, ruRun.seconds)} (${((ROWS / ruRun.seconds / tidyRate) * 100).toFixed(0)}% of tidy)`);

// --- 2. series() at 10M ------------------------------------------------------------------------
const bigPath = join(work, "big.db");
const built: { origin: string; destination: string }[] = [];
const big = openDb(bigPath);
const buildStart = performance.now();
built.push(...fillBigDb(big.sqlite, BIG));
const total = (big.sqlite.prepare("SELECT count(*) AS n FROM observations").get() as { n: number }).n;
console.error(`built ${total} observations in ${((performance.now() - buildStart) / 1000).toFixed(0)} s`);

// Corridors of the first indicator (citizenship_granted), spread over the whole table.
const picks = Array.from({ length: 300 }, (_, i) => built[(i * 37) % built.length]!);
const raw = big.sqlite.prepare(
  "SELECT period, value, flag, source FROM observations WHERE indicator = 'citizenship_granted' AND origin = ? AND destination = ? AND breakdown = 'total' ORDER BY period_start",
);
const rawTimes: number[] = [];
const seriesTimes: number[] = [];
for (const pick of picks) {
  let t = performance.now();
  raw.all(pick.origin, pick.destination);
  rawTimes.push(performance.now() - t);
  t = performance.now();
  const s = await series(big, { indicator: "citizenship_granted", origin: pick.origin, destination: pick.destination });
  seriesTimes.push(performance.now() - t);
  if (s.points.length !== 1000) throw new Error(`series returned ${s.points.length} points`);
}
const t = performance.now();
big.sqlite.prepare("SELECT count(*) FROM observations WHERE value < 0").get();
const scan = performance.now() - t;
// corridors(), which every page reads: the corridor summary (≈ 10,000 rows here), never the observations.
let c = performance.now();
const corridorCount = (await corridors(big)).length;
const corridorsCold = performance.now() - c;
const corridorsWarm: number[] = [];
for (let i = 0; i < 100; i++) {
  c = performance.now();
  await corridors(big);
  corridorsWarm.push(performance.now() - c);
}
big.close();

row("observations in the series database", total.toLocaleString("en"));
row("`series()` p50 / p95, 1,000 monthly points (target p50 < 5 ms)", `${percentile(seriesTimes, 50).toFixed(2)} ms / ${percentile(seriesTimes, 95).toFixed(2)} ms`);
row("baseline: the same rows by raw prepared SQL, p50", `${percentile(rawTimes, 50).toFixed(2)} ms`);
row("ratio series() / raw SQL, p50", `${(percentile(seriesTimes, 50) / percentile(rawTimes, 50)).toFixed(1)}×`);
row("for scale: one full-table scan", `${scan.toFixed(0)} ms`);
row(`\`corridors()\` (${corridorCount} corridors): first read / p50 of 100 reads (target p50 < 100 ms)`, `${corridorsCold.toFixed(0)} ms / ${percentile(corridorsWarm, 50).toFixed(2)} ms`);

console.log(`Measured ${new Date().toISOString().slice(0, 10)} on ${process.platform}/${process.arch}, Node ${process.version}, ${(await import("node:os")).cpus().length} cores.\n`);
console.log("| measure | result |\n|---|---|");
console.log(results.join("\n"));
rmSync(work, { recursive: true, force: true });
