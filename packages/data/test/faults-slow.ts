/**
 * The slow fault tests (issue #8), outside `npm test`: run with
 *   cd packages/data && npx tsx test/faults-slow.ts
 * 1. kill -9 during a 1,000,000-row import: integrity_check ok, dump checksum and counts as before,
 *    then the same 1M-row import runs to completion.
 * 2. Two 1,000,000-row-scale imports at once (500,000 rows each) through the CLI: serialised, both land.
 * 3. The whole bad-input corpus, every case as a separate `corridor` process
 *    (CORRIDOR_SLOW_FAULTS=1 vitest run src/import/bad-input.test.ts).
 * All data is SYNTHETIC, generated into a temporary folder. Exits 1 on the first failure.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDb } from "../src/db.ts";
import { importFile } from "../src/import/index.ts";
import { dbChecksum, dbCounts, integrity, syntheticTidyCsv, tmpFile } from "../src/test/helpers.ts";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const bin = join(packageDir, "bin", "corridor.mjs");
const dir = mkdtempSync(join(tmpdir(), "corridor-faults-slow-"));
const ROWS = Number(process.env.FAULTS_ROWS ?? 1_000_000);

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`FAILED: ${what}`);
  console.log(`  ok  ${what}`);
}

async function seeded(name: string): Promise<string> {
  const path = join(dir, name);
  const db = openDb(path);
  await importFile(db, tmpFile("indicator,origin,destination,period,value\nentries,TJK,RUS,2020,1\n"));
  db.close();
  return path;
}

function run(args: string[]): Promise<{ status: number | null; stderr: string; ms: number }> {
  const t0 = Date.now();
  const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  let stdout = "";
  child.stdout.on("data", (d) => (stdout = (stdout + d).slice(-2000)));
  child.stderr.on("data", (d) => (stderr += d));
  child.once("exit", (status) => {
    if (status !== 0) stderr += stdout;
  });
  return new Promise((resolve) => child.once("close", (status) => resolve({ status, stderr, ms: Date.now() - t0 })));
}

async function killMidImport(): Promise<void> {
  if (process.env.FAULTS_SKIP_KILL === "1") return;
  console.log(`kill -9 during a ${ROWS.toLocaleString("en")}-row import`);
  const db = await seeded("killed.db");
  const big = syntheticTidyCsv(ROWS, 0, join(dir, "big.csv"));
  const before = dbChecksum(db);
  const child = spawn(process.execPath, [bin, "import", big, "--db", db], { stdio: "ignore" });
  const deadline = Date.now() + 300_000;
  // Kill well into the write: 32 MB of the transaction's pages in the WAL.
  while (!(existsSync(`${db}-wal`) && statSync(`${db}-wal`).size > 32 * 1024 * 1024)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("import never got under way or finished too soon");
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill("SIGKILL");
  await new Promise((r) => child.once("exit", r));
  check(integrity(db) === "ok", "PRAGMA integrity_check = ok");
  check(dbChecksum(db) === before, "canonical dump checksum as before");
  check(JSON.stringify(dbCounts(db)) === JSON.stringify({ observations: 1, imports: 1, revisions: 0 }), "counts as before (1 observation, 1 import)");
  const again = await run(["import", big, "--db", db]);
  check(again.status === 0, `the next import of the same ${ROWS.toLocaleString("en")} rows works (${(again.ms / 1000).toFixed(1)} s) ${again.stderr}`);
  check(dbCounts(db).observations === ROWS + 1, `all ${ROWS.toLocaleString("en")} rows are there`);
}

async function twoAtOnce(): Promise<void> {
  const half = Math.floor(ROWS / 2);
  console.log(`two imports of ${half.toLocaleString("en")} rows at once`);
  const db = await seeded("together.db");
  const a = syntheticTidyCsv(half, 0, join(dir, "a.csv"));
  // The second file's dates start where the first file's end (30 rows a day): no key in common.
  const b = syntheticTidyCsv(half, Math.ceil(half / 30) + 1, join(dir, "b.csv"));
  const [ra, rb] = await Promise.all([run(["import", a, "--db", db]), run(["import", b, "--db", db])]);
  check(ra.status === 0 && rb.status === 0, `both exit 0 (${(ra.ms / 1000).toFixed(1)} s and ${(rb.ms / 1000).toFixed(1)} s) ${ra.stderr}${rb.stderr}`);
  check(dbCounts(db).observations === 2 * half + 1 && dbCounts(db).imports === 3, "both land in full");
  check(integrity(db) === "ok", "PRAGMA integrity_check = ok");
}

function corpusThroughProcesses(): void {
  console.log("the bad-input corpus, every case as a separate process");
  const r = spawnSync("npx", ["vitest", "run", "src/import/bad-input.test.ts"], { cwd: packageDir, stdio: "inherit", env: { ...process.env, CORRIDOR_SLOW_FAULTS: "1" } });
  check(r.status === 0, "every case: exit 1, a clear message, no stack trace, the database untouched");
}

try {
  await killMidImport();
  await twoAtOnce();
  corpusThroughProcesses();
  console.log("all slow fault tests passed");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
