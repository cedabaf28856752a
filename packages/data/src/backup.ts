/**
 * Backups while the server runs: `corridor backup FILE` copies the database through SQLite's online
 * backup API (a consistent snapshot even while an import writes: the copy restarts if another
 * connection commits mid-way) and `corridor restore FILE` puts such a copy into an empty target.
 * Both write to a temporary file beside the target and rename it at the end, so a backup or a
 * restore interrupted half-way never leaves a half-written database under the target's name.
 */
import Database from "better-sqlite3";
import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { openDb, type CorridorDb } from "./db.ts";
import { CorridorError } from "./errors.ts";
import { privateDatabaseFiles } from "./file-modes.ts";

/** What a backup or a restore holds: the file, its size and the rows of every table. */
export interface CopyReport {
  path: string;
  bytes: number;
  /** Migrations applied (drizzle's journal): a restore of an older backup shows the newer count. */
  migrations: number;
  tables: Record<string, number>;
}

/** The tables that hold users' data (a target holding any of these rows is not empty). */
const DATA_TABLES = ["observations", "imports", "events", "user", "api_tokens", "snapshots", "audit_log"] as const;

/** Row counts of every table of a database file, and its applied migrations. */
export function describeDatabase(path: string): CopyReport {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const names = (sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    const tables: Record<string, number> = {};
    for (const name of names) tables[name] = (sqlite.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n;
    return { path, bytes: statSync(path).size, migrations: tables["__drizzle_migrations"] ?? 0, tables };
  } finally {
    sqlite.close();
  }
}

function refuseExisting(target: string, what: string): void {
  if (existsSync(target)) throw new CorridorError("exists", `${target} already exists; ${what} never overwrites a file: give a new name or remove it first`);
}

/** A temporary name beside `target` (same folder, so the final rename is atomic). */
function temporaryBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.partial`);
}

function removeQuietly(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) rmSync(file, { force: true });
}

/** Checks a copied file is a sound Corridor database before it takes its final name. */
function verify(path: string, what: string): void {
  const sqlite = new Database(path, { fileMustExist: true });
  try {
    const check = sqlite.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new CorridorError("database", `${what} failed its integrity check (${String(check)}); nothing was kept`);
    const journal = sqlite.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name = '__drizzle_migrations'").get() as { n: number };
    if (journal.n === 0) throw new CorridorError("bad_data", `${what} is not a Corridor database (it has no migration journal); nothing was kept`);
  } finally {
    sqlite.close();
  }
}

/**
 * Copies `db` into a new file `target` (refused if it exists) and returns what the copy holds.
 * The copy is a single self-contained file (journal mode DELETE, no -wal beside it), mode 0600 like
 * the database: it holds the password hashes and sessions too.
 */
export async function backupDatabase(db: CorridorDb, target: string): Promise<CopyReport> {
  if (db.path === ":memory:") throw new CorridorError("usage", "an in-memory database cannot be backed up");
  const file = resolve(target);
  refuseExisting(file, "a backup");
  const partial = temporaryBeside(file);
  removeQuietly(partial);
  try {
    privateDatabaseFiles(partial);
    // Pages in steps so that the server's other requests get the connection between them.
    await db.sqlite.backup(partial, { progress: () => 1024 });
    const copy = new Database(partial);
    copy.pragma("journal_mode = DELETE");
    copy.close();
    verify(partial, "the backup");
    refuseExisting(file, "a backup");
    renameSync(partial, file);
  } catch (error) {
    removeQuietly(partial);
    throw error;
  }
  return describeDatabase(file);
}

/** True when a database file holds no users' data (a fresh `openDb`, or no file at all). */
function isEmptyTarget(path: string): boolean {
  if (!existsSync(path)) return true;
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const present = new Set((sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    return DATA_TABLES.every((t) => !present.has(t) || sqlite.prepare(`SELECT 1 FROM "${t}" LIMIT 1`).get() === undefined);
  } finally {
    sqlite.close();
  }
}

/**
 * Restores the backup `source` into `target`, which must not hold any data. A backup made by an
 * older release is migrated on the way (openDb applies the later migrations), so nothing is lost.
 */
export async function restoreDatabase(source: string, target: string): Promise<CopyReport> {
  const from = resolve(source);
  const to = resolve(target);
  if (!existsSync(from)) throw new CorridorError("not_found", `no backup at ${from}`);
  if (from === to) throw new CorridorError("usage", "the backup and the target are the same file");
  verify(from, `the backup ${from}`);
  if (!isEmptyTarget(to)) throw new CorridorError("exists", `${to} already holds data; restore only into an empty or new database (nothing was changed)`);
  const partial = temporaryBeside(to);
  removeQuietly(partial);
  try {
    privateDatabaseFiles(partial);
    const backup = new Database(from, { readonly: true, fileMustExist: true });
    try {
      await backup.backup(partial);
    } finally {
      backup.close();
    }
    // Migrate the copy (an older release's backup), then leave it as one file.
    openDb(partial).close();
    verify(partial, "the restored database");
    if (!isEmptyTarget(to)) throw new CorridorError("exists", `${to} received data while restoring; nothing was changed`);
    removeQuietly(to);
    renameSync(partial, to);
  } catch (error) {
    removeQuietly(partial);
    throw error;
  }
  return describeDatabase(to);
}
