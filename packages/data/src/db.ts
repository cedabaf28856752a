/**
 * openDb(path): the one place a database is opened. Sets pragmas, applies the committed migrations,
 * and makes sure the country registry and indicator catalog are present.
 */
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as schema from "./schema.ts";
import { BUILTIN_INDICATORS } from "./catalog.ts";
import { COUNTRY_RECORDS } from "./countries.ts";
import { WriteGate } from "./write-gate.ts";
import { CorridorError } from "./errors.ts";
import { env } from "./env.ts";
import { privateDatabaseFiles } from "./file-modes.ts";

export type Drizzle = BetterSQLite3Database<typeof schema>;

export interface CorridorDb {
  /** Typed queries go through drizzle. */
  orm: Drizzle;
  /** The raw driver, for the import hot path (prepared statements) and transactions. */
  sqlite: Database.Database;
  path: string;
  /**
   * This process's writers take turns here (write-gate.ts). Shared by every connection opened on
   * the database with openOwnConnection(), so an import on its own connection still holds it.
   */
  writes: WriteGate;
  close(): void;
}

/** Locates packages/data/drizzle both from source (tsx, vitest) and from a bundled Next.js server. */
export function migrationsFolder(): string {
  const configured = env().CORRIDOR_MIGRATIONS;
  if (configured) return configured;
  try {
    const here = join(dirname(fileURLToPath(import.meta.url)), "..", "drizzle");
    if (existsSync(/*turbopackIgnore: true*/ join(here, "meta", "_journal.json"))) return here;
  } catch {
    // import.meta.url is not a file: URL inside some bundles; fall through to the search below.
  }
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const candidate = join(dir, "packages", "data", "drizzle");
    if (existsSync(/*turbopackIgnore: true*/ join(candidate, "meta", "_journal.json"))) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new Error("cannot find the @corridor/data migrations folder (set CORRIDOR_MIGRATIONS)");
}

/** The database path: explicit, else $CORRIDOR_DB, else data/corridor.db at the repository root. */
export function defaultDbPath(): string {
  const configured = env().CORRIDOR_DB;
  if (configured) return resolve(configured);
  return join(repositoryRoot(), "data", "corridor.db");
}

export function repositoryRoot(): string {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "turbo.json"))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

export interface OpenOptions {
  /**
   * How long a writer waits for another connection's write transaction (an import in another process)
   * before giving up with SQLITE_BUSY. Default: $CORRIDOR_BUSY_TIMEOUT_MS, else 5 s — a web request must
   * not hang; the CLI passes a longer wait so that two imports started together run one after the other.
   */
  busyTimeoutMs?: number;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
const PAGE_SIZE = 16_384;

export function busyTimeoutMs(fallback = DEFAULT_BUSY_TIMEOUT_MS): number {
  return env().CORRIDOR_BUSY_TIMEOUT_MS ?? fallback;
}

export function openDb(path: string = defaultDbPath(), options: OpenOptions = {}): CorridorDb {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  privateDatabaseFiles(path);
  return connect(path, options, new WriteGate(), (db) => {
    migrate(db.orm, { migrationsFolder: migrationsFolder() });
    ensureReferenceData(db.sqlite);
  });
}

/**
 * A second connection to an open (so migrated) database, sharing its write gate: long work — an
 * import, a dry run — runs here, so that its transaction is never open on the connection every other
 * request uses (they would write inside it and read its uncommitted rows). Close it when done.
 */
export function openOwnConnection(db: CorridorDb, options: OpenOptions = {}): CorridorDb {
  if (db.path === ":memory:") throw new Error("an in-memory database has no second connection");
  return connect(db.path, options, db.writes);
}

function connect(path: string, options: OpenOptions, writes: WriteGate, prepare?: (db: CorridorDb) => void): CorridorDb {
  const sqlite = new Database(path);
  try {
    // First, so that the pragmas and migrations below already wait for a busy database.
    sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? busyTimeoutMs()}`);
    // 16 KiB pages for a new database (an existing one keeps its own; this must precede WAL mode):
    // writing 1M observations costs ≈ 20% less SQLite time than with the default 4 KiB
    // (bench/page-size.ts), and a series still reads from one or two leaf pages.
    sqlite.pragma(`page_size = ${PAGE_SIZE}`);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    const db: CorridorDb = { orm: drizzle(sqlite, { schema }), sqlite, path, writes, close: () => sqlite.close() };
    prepare?.(db);
    return db;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/** A database failure said in words: which file, what happened, and that nothing was written. */
export class DatabaseError extends CorridorError {
  constructor(message: string, readonly sqliteCode: string) {
    // A lock held past the wait is worth retrying; anything else is for the operator to fix.
    super(/^SQLITE_(BUSY|LOCKED)/.test(sqliteCode) ? "busy" : "database", message);
  }
}

/**
 * Turns SQLite's terse errors (SQLITE_BUSY "database is locked", SQLITE_READONLY, SQLITE_FULL…) into a
 * DatabaseError naming the file; any other error is returned as it is. Every write runs in one
 * transaction, so when one of these surfaces the transaction has been rolled back.
 */
export function explainDatabaseError(error: unknown, path: string, waitedMs = busyTimeoutMs()): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  const code = error.code;
  // Extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_READONLY_DBMOVED, SQLITE_IOERR_WRITE…) by their primary code.
  switch (code.match(/^SQLITE_[A-Z]+/)?.[0] ?? code) {
    case "SQLITE_BUSY":
    case "SQLITE_LOCKED":
      return new DatabaseError(`the database ${path} is busy: another process (an import or another writer) kept it locked for longer than ${waitedMs / 1000} s; nothing was written. Try again when it has finished (CORRIDOR_BUSY_TIMEOUT_MS sets the wait)`, code);
    case "SQLITE_READONLY":
      return new DatabaseError(`the database ${path} is read-only (file or folder permissions, or a read-only disk); nothing was written`, code);
    case "SQLITE_FULL":
      return new DatabaseError(`the disk holding the database ${path} is full; the transaction was rolled back and nothing was written. Free some space and run it again`, code);
    case "SQLITE_CANTOPEN":
      return new DatabaseError(`cannot open the database ${path} (the folder is missing or not writable, or the file cannot be read)`, code);
    case "SQLITE_NOTADB":
    case "SQLITE_CORRUPT":
      return new DatabaseError(`${path} is not a Corridor database or is damaged (${error.message})`, code);
    case "SQLITE_IOERR":
      return new DatabaseError(`a disk error on the database ${path} (${code}); nothing was written`, code);
    default:
      return error;
  }
}

/** Insert-or-ignore the registry and catalog: cheap on every open, never overwrites user edits. */
function ensureReferenceData(sqlite: Database.Database): void {
  const { n } = sqlite.prepare("SELECT count(*) AS n FROM countries").get() as { n: number };
  const { m } = sqlite
    .prepare(`SELECT count(*) AS m FROM indicators WHERE code IN (${BUILTIN_INDICATORS.map(() => "?").join(",")})`)
    .get(...BUILTIN_INDICATORS.map((i) => i.code)) as { m: number };
  if (n >= COUNTRY_RECORDS.length && m === BUILTIN_INDICATORS.length) return;
  const insertCountry = sqlite.prepare(
    "INSERT OR IGNORE INTO countries (code, alpha2, name_en, name_ru, aliases) VALUES (?, ?, ?, ?, ?)",
  );
  const insertIndicator = sqlite.prepare(
    `INSERT OR IGNORE INTO indicators (code, name, unit, description, kind, default_role, default_counterpart, aliases)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    for (const c of COUNTRY_RECORDS) insertCountry.run(c.code, c.alpha2, c.nameEn, c.nameRu, JSON.stringify(c.aliases));
    for (const i of BUILTIN_INDICATORS)
      insertIndicator.run(
        i.code, i.name, i.unit, i.description ?? "", i.kind, i.defaultRole ?? "origin",
        i.defaultCounterpart ?? "WLD", JSON.stringify(i.aliases ?? []),
      );
  })();
}
