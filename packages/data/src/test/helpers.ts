import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb, type CorridorDb } from "../db.ts";

/** A fresh in-memory database with the real migrations and catalog. */
export function memoryDb(): CorridorDb {
  return openDb(":memory:");
}

const dir = mkdtempSync(join(tmpdir(), "corridor-test-"));
let n = 0;

/** Writes `content` (string or bytes) to a new temporary file named `name` (in a folder of its own). */
export function tmpFile(content: string | Buffer, name = "file.csv"): string {
  const path = join(mkdtempSync(join(dir, "f")), name);
  writeFileSync(path, content);
  return path;
}

export function tmpPath(name: string): string {
  return join(dir, `${++n}-${name}`);
}
