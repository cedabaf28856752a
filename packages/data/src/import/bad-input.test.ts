/**
 * A bad-input corpus through the real CLI (`bin/corridor.mjs import` in a child process). Every file
 * is SYNTHETIC, generated here into a temporary folder. Each one must exit 1 (the CLI's data-error
 * status), say what is wrong and where (file, line, column, value) in words, print no stack trace,
 * and leave the database's canonical dump (sha256 of every table's rows) exactly as it was.
 */
import { spawn } from "node:child_process";
import { copyFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../db.ts";
import { importFile } from "./index.ts";
import { main } from "../cli/index.ts";
import { dbChecksum, tmpFile, tmpPath } from "../test/helpers.ts";

const bin = fileURLToPath(new URL("../../bin/corridor.mjs", import.meta.url));
import { CASES, GOOD, HEADER, row, type Case } from "../test/bad-input-corpus.ts";

/** Cases that also run as a separate `corridor` process in `npm test` (all of them under CORRIDOR_SLOW_FAULTS=1). */
const THROUGH_PROCESS = new Set(["random bytes", "UTF-8 that turns invalid after the first 64 KiB (mixed encodings)", "a huge value field (100,000 digits)", "UTF-16 BE (BOM) with a bad country", "1e309 (overflows a double)", "<script> in the source text"]);
const SLOW = process.env.CORRIDOR_SLOW_FAULTS === "1";

interface Outcome {
  status: number | null;
  output: string;
  file: string;
  checksum: string;
}

/** `bin/corridor.mjs` in a child process: start-up, exit status and all. */
function corridorProcess(args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.once("close", (status) => resolve({ status, output }));
  });
}

/**
 * The same `main()` that bin/corridor.mjs runs, in this process with its output captured: about 2 s of
 * process start-up less per case, so that the whole corpus fits in `npm test`.
 */
async function corridorInProcess(args: string[]): Promise<{ status: number | null; output: string }> {
  let output = "";
  const { stdout, stderr } = process;
  const writes = [stdout.write, stderr.write] as const;
  const tty = stderr.isTTY;
  const exitCode = process.exitCode;
  const capture = ((chunk: string | Uint8Array) => ((output += String(chunk)), true)) as typeof stdout.write;
  stdout.write = capture;
  stderr.write = capture;
  stderr.isTTY = false; // no progress bar
  try {
    return { status: await main(args), output };
  } finally {
    [stdout.write, stderr.write] = writes;
    stderr.isTTY = tty;
    process.exitCode = exitCode;
  }
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  }));
  return results;
}

function expectRefused(c: Case, r: Outcome, before: string): void {
  expect(r.status, r.output).toBe(1);
  for (const expected of c.says) {
    if (typeof expected === "string") expect(r.output).toContain(expected);
    else expect(r.output).toMatch(expected);
  }
  // A file-level problem names the file as path:line; a cell problem the file, then line, column and value.
  expect(r.output.startsWith(`corridor: ${r.file}`) || r.output.startsWith("input.csv: ")).toBe(true);
  expect(r.output).not.toMatch(/^\s+at |node:internal|\w+Error\b|SQLITE_/m);
  expect(r.output.length).toBeLessThan(4_000);
  expect(r.checksum).toBe(before);
}

describe("bad-input corpus through `corridor import`", () => {
  const viaProcess = CASES.filter((c) => SLOW || THROUGH_PROCESS.has(c.name));
  let inProcess: Outcome[] = [];
  let processes: Outcome[] = [];
  let before = "";

  beforeAll(async () => {
    // One seeded database, copied per case: each case is checked against the same canonical dump.
    const seeded = tmpPath("seeded.db");
    const db = openDb(seeded);
    await importFile(db, tmpFile(HEADER + GOOD + row({ origin: "UZB", value: "1316569", flag: "p", source: "MVD" })));
    db.sqlite.pragma("wal_checkpoint(TRUNCATE)");
    db.close();
    before = dbChecksum(seeded);
    const run = (how: (args: string[]) => Promise<{ status: number | null; output: string }>) => async (c: Case): Promise<Outcome> => {
      const file = tmpFile(c.content, "input.csv");
      const path = tmpPath("case.db");
      copyFileSync(seeded, path);
      const r = await how(["import", file, "--db", path, ...(c.args ?? [])]);
      return { ...r, file, checksum: dbChecksum(path) };
    };
    // Separate processes a few at a time (each is about 2 s of start-up), the in-process runs one by one.
    const children = pool(viaProcess, Math.max(2, Math.min(4, cpus().length)), run(corridorProcess));
    inProcess = await pool(CASES, 1, run(corridorInProcess));
    processes = await children;
  }, 300_000);

  it.each(CASES.map((c, i) => [c.name, i] as const))("%s: exit 1, a clear message naming where, no stack trace, the database untouched", (_name, i) => {
    expectRefused(CASES[i]!, inProcess[i]!, before);
  });

  it.each(viaProcess.map((c, i) => [c.name, i] as const))("as a separate process — %s: exit 1, the same message, no stack trace, the database untouched", (_name, i) => {
    expectRefused(viaProcess[i]!, processes[i]!, before);
  });
});
