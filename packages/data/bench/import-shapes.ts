/**
 * The import on files of several shapes: `npx tsx bench/import-shapes.ts [NAME=path/to/corridor.mjs …]`.
 * For each SYNTHETIC shape of import-rounds.ts (BENCH_SHAPES picks some, comma-separated), the
 * same interleaved rounds as bench/import.ts — the sqlite3 CLI's `.import --csv` into a bare table
 * (the baseline), then `corridor import` into a fresh database for every CLI given — and prints a
 * Markdown row per shape: the medians and the ratio to the baseline, then the worst ratio per CLI.
 */
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { generateShapedCsv, importRounds, median, SHAPES, type Shape } from "./import-rounds.ts";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const shapes = (process.env.BENCH_SHAPES?.split(",") ?? [...SHAPES]) as Shape[];
const work = resolve(process.env.BENCH_DIR ?? join(import.meta.dirname, "..", "..", "..", "bench-tmp-shapes"));
const bins: [string, string][] = process.argv.slice(2).length
  ? process.argv.slice(2).map((a) => { const [n, p] = a.split("="); return [n!, resolve(p!)]; })
  : [["corridor", join(import.meta.dirname, "..", "bin", "corridor.mjs")]];

mkdirSync(work, { recursive: true });
const lines = [`| shape (${ROWS.toLocaleString("en")} rows, medians of ${ROUNDS}) | sqlite3 \`.import\` | ${bins.map(([n]) => `${n} | ratio`).join(" | ")} |`, `|---|---|${bins.map(() => "---|---").join("|")}|`];
const worst = new Map<string, { ratio: number; shape: string }>();
for (const shape of shapes) {
  const csv = join(work, `${shape}.csv`);
  await generateShapedCsv(csv, ROWS, shape);
  console.error(`— ${shape}`);
  const r = importRounds({ csv, rows: ROWS, work, rounds: ROUNDS, bins });
  const base = median(r.sqlite3);
  const cells = bins.map(([n]) => {
    const ratio = median(r.corridor[n]!) / base;
    if (ratio > (worst.get(n)?.ratio ?? 0)) worst.set(n, { ratio, shape });
    return `${median(r.corridor[n]!).toFixed(2)} s | ${ratio.toFixed(2)}×`;
  });
  lines.push(`| ${shape} | ${base.toFixed(2)} s | ${cells.join(" | ")} |`);
  rmSync(csv);
}
console.log(lines.join("\n"));
for (const [n, w] of worst) console.log(`\n${n}: worst ${w.ratio.toFixed(2)}× (${w.shape})`);
if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
