/**
 * openDb(path): the one place a SQLite database is opened (openDatabase(target) picks the engine:
 * a path here, a postgres:// URL or a pglite: target in db-pg.ts). Sets pragmas, applies the
 * committed migrations, and makes sure the country registry and indicator catalog are present.
 */
import Database from "better-sqlite3";
import { sql, type SQL } from "drizzle-orm";
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
import type { SqlRunner, TransactionRunner } from "./runner.ts";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

export type Drizzle = BetterSQLite3Database<typeof schema>;

export interface CorridorDb extends SqlRunner, TransactionRunner {
  /**
   * SQLite only: drizzle's SQLite query builder, for the code not yet ported to the portable runner
   * (all, get, run, transaction). On PostgreSQL reading it throws a CorridorError saying so.
   */
  orm: Drizzle;
  /**
   * SQLite only: the raw driver, for the import hot path (prepared statements), accounts and the
   * other code not yet ported. On PostgreSQL reading it throws a CorridorError saying so.
   */
  sqlite: Database.Database;
  /**
   * PostgreSQL only: drizzle's PostgreSQL database, for better-auth's drizzle adapter (provider
   * "pg"), which wants an ORM of its own; Corridor's code goes through all/get/run/transaction.
   * On SQLite reading it throws.
   */
  pgOrm: PgDatabase<PgQueryResultHKT, Record<string, unknown>>;
  /** The file, or for PostgreSQL the URL without its password: what error messages name. */
  path: string;
  /**
   * This process's writers take turns here (write-gate.ts). Shared by every connection opened on
   * the database with openOwnConnection(), so an import on its own connection still holds it.
   */
  writes: WriteGate;
  /** Closes the connection (SQLite: at once; PostgreSQL: when the pool has ended). */
  close(): Promise<void>;
}

/**
 * Locates packages/data/drizzle (SQLite's migrations; `drizzle-pg` for PostgreSQL's) both from source
 * (tsx, vitest) and from a bundled Next.js server.
 */
export function migrationsFolder(folder: "drizzle" | "drizzle-pg" = "drizzle"): string {
  const configured = folder === "drizzle" ? env().CORRIDOR_MIGRATIONS : env().CORRIDOR_PG_MIGRATIONS;
  if (configured) return configured;
  try {
    const here = join(dirname(fileURLToPath(import.meta.url)), "..", folder);
    if (existsSync(/*turbopackIgnore: true*/ join(here, "meta", "_journal.json"))) return here;
  } catch {
    // import.meta.url is not a file: URL inside some bundles; fall through to the search below.
  }
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const candidate = join(dir, "packages", "data", folder);
    if (existsSync(/*turbopackIgnore: true*/ join(candidate, "meta", "_journal.json"))) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new Error(`cannot find the @corridor/data migrations folder ${folder} (set ${folder === "drizzle" ? "CORRIDOR_MIGRATIONS" : "CORRIDOR_PG_MIGRATIONS"})`);
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

/**
 * The database to open: `target` if given (a path, a postgres:// URL, a pglite: target), else
 * $CORRIDOR_DATABASE_URL, else the SQLite file (defaultDbPath()).
 */
export function databaseTarget(target?: string): string {
  return target ?? env().CORRIDOR_DATABASE_URL ?? defaultDbPath();
}

/** Whether a target names PostgreSQL (a postgres:// URL or PGlite) rather than a SQLite file. */
export function isPostgresTarget(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target) || target.startsWith("pglite:");
}

/**
 * Opens any engine (databaseTarget()): SQLite through openDb(), PostgreSQL and PGlite through
 * db-pg.ts (loaded only then). Failures to open are CorridorErrors naming the database.
 */
export async function openDatabase(target?: string, options: OpenOptions = {}): Promise<CorridorDb> {
  const chosen = databaseTarget(target);
  if (!isPostgresTarget(chosen)) {
    const file = chosen === ":memory:" ? chosen : resolve(chosen);
    try {
      return openDb(file, options);
    } catch (error) {
      throw explainDatabaseError(error, file, options.busyTimeoutMs ?? busyTimeoutMs());
    }
  }
  const { openPglite, openPostgres } = await import("./db-pg.ts");
  return chosen.startsWith("pglite:") ? openPglite(chosen) : openPostgres(chosen);
}

/** Opens (creating and migrating when needed) the SQLite database at `path`. */
export function openDb(path: string = defaultDbPath(), options: OpenOptions = {}): CorridorDb {
  if (isPostgresTarget(path)) throw new CorridorError("usage", `openDb() opens SQLite files; ${path.startsWith("pglite:") ? path : "a postgres:// URL"} is opened with openDatabase()`);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  privateDatabaseFiles(path);
  return connect(path, options, new WriteGate(), (db) => {
    migrate(db.orm, { migrationsFolder: migrationsFolder() });
    ensureReferenceData(db);
  });
}

/**
 * A second connection to an open (so migrated) database, sharing its write gate: long work — an
 * import, a dry run — runs here, so that its transaction is never open on the connection every other
 * request uses (they would write inside it and read its uncommitted rows). Close it when done.
 */
export function openOwnConnection(db: CorridorDb, options: OpenOptions = {}): CorridorDb {
  // A PostgreSQL pool gives each transaction a connection of its own already; a path-less SQLite open here would make a stray file named after the URL.
  if (db.engine === "postgres") throw new CorridorError("database", `not available on PostgreSQL yet (${db.path}): this operation opens a second SQLite connection (imports run on SQLite only so far)`);
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
    const db = sqliteDb(sqlite, path, options, writes);
    prepare?.(db);
    return db;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/** A database failure said in words: which database, what happened, and that nothing was written. */
export class DatabaseError extends CorridorError {
  /**
   * `sqliteCode`: the engine's own code (SQLITE_BUSY…, or PostgreSQL's SQLSTATE / a connection
   * error's code). By default a lock held past the wait is worth retrying ("busy"); anything else is
   * for the operator to fix ("database"); PostgreSQL's explainer passes its own kind.
   */
  constructor(message: string, readonly sqliteCode: string, kind?: "busy" | "database" | "exists") {
    super(kind ?? (/^SQLITE_(BUSY|LOCKED)/.test(sqliteCode) ? "busy" : "database"), message);
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

/**
 * The registry and catalog rows, as one insert each that skips rows already there (portable
 * `ON CONFLICT DO NOTHING`): cheap on every open, never overwrites user edits. Both engines run these.
 */
export function referenceData(): { present: SQL; inserts: SQL[] } {
  const codes = sql.join(BUILTIN_INDICATORS.map((i) => sql`${i.code}`), sql`, `);
  return {
    present: sql`SELECT (SELECT count(*) FROM countries) AS "countries", (SELECT count(*) FROM indicators WHERE code IN (${codes})) AS "indicators"`,
    inserts: [
      sql`INSERT INTO countries (code, alpha2, name_en, name_ru, aliases) VALUES ${sql.join(
        COUNTRY_RECORDS.map((c) => sql`(${c.code}, ${c.alpha2}, ${c.nameEn}, ${c.nameRu}, ${JSON.stringify(c.aliases)})`),
        sql`, `,
      )} ON CONFLICT DO NOTHING`,
      sql`INSERT INTO indicators (code, name, unit, description, kind, default_role, default_counterpart, aliases) VALUES ${sql.join(
        BUILTIN_INDICATORS.map(
          (i) => sql`(${i.code}, ${i.name}, ${i.unit}, ${i.description ?? ""}, ${i.kind}, ${i.defaultRole ?? "origin"}, ${i.defaultCounterpart ?? "WLD"}, ${JSON.stringify(i.aliases ?? [])})`,
        ),
        sql`, `,
      )} ON CONFLICT DO NOTHING`,
    ],
  };
}

/** Whether the counts `referenceData().present` read show everything there. */
export function referenceDataPresent(row: { countries: number; indicators: number }): boolean {
  return Number(row.countries) >= COUNTRY_RECORDS.length && Number(row.indicators) === BUILTIN_INDICATORS.length;
}

function ensureReferenceData(db: CorridorDb): void {
  const { present, inserts } = referenceData();
  if (referenceDataPresent(db.orm.get<{ countries: number; indicators: number }>(present))) return;
  db.sqlite.transaction(() => {
    for (const insert of inserts) db.orm.run(insert);
  })();
}

/**
 * The CorridorDb of one SQLite connection.
 *
 * Transactions: better-sqlite3's are synchronous, and an async body that awaited inside a
 * transaction open on the connection every request shares would let other requests, running
 * between its awaits, read its uncommitted rows and write into it (openOwnConnection's rule). So
 * transaction() runs on a second connection of its own (opened on first use, kept until close),
 * BEGIN IMMEDIATE … COMMIT, inside the write gate: one transaction at a time in this process, and
 * the shared connection only ever sees committed data (WAL). A snapshot transaction (a read that
 * writes nothing) opens a connection for itself instead and takes no gate. An in-memory database has no second
 * connection: there the body runs on the one connection, which is fine for the tests it serves and
 * nothing else.
 */
function sqliteDb(sqlite: Database.Database, path: string, options: OpenOptions, writes: WriteGate): CorridorDb {
  const orm = drizzle(sqlite, { schema });
  const explain = (error: unknown) => explainDatabaseError(error instanceof Error && error.cause instanceof Database.SqliteError ? error.cause : error, path, options.busyTimeoutMs ?? busyTimeoutMs());
  const runnerOn = (conn: Drizzle): SqlRunner => ({
    engine: "sqlite",
    all: async <T>(query: SQL) => {
      try {
        return conn.all<T>(query);
      } catch (error) {
        throw explain(error);
      }
    },
    get: async <T>(query: SQL) => {
      try {
        return conn.get<T | undefined>(query) ?? undefined;
      } catch (error) {
        throw explain(error);
      }
    },
    run: async (query: SQL) => {
      try {
        return { changes: conn.run(query).changes };
      } catch (error) {
        throw explain(error);
      }
    },
  });
  let writer: CorridorDb | undefined;
  const db: CorridorDb = {
    ...runnerOn(orm),
    orm,
    sqlite,
    get pgOrm(): CorridorDb["pgOrm"] {
      throw new CorridorError("usage", `pgOrm is PostgreSQL's; ${path} is a SQLite database`);
    },
    path,
    writes,
    transaction: (fn, what = "a write", { snapshot = false } = {}) => {
      const on = async (conn: Database.Database, connOrm: Drizzle) => {
        try {
          conn.prepare(snapshot ? "BEGIN" : "BEGIN IMMEDIATE").run();
          try {
            const result = await fn(runnerOn(connOrm));
            conn.prepare("COMMIT").run();
            return result;
          } finally {
            if (conn.inTransaction) conn.prepare("ROLLBACK").run();
          }
        } catch (error) {
          throw explain(error);
        }
      };
      if (snapshot) {
        // A connection of its own for this one read: the writer's may be inside a gated write.
        if (path === ":memory:") return on(sqlite, orm);
        const own = openOwnConnection(db, options);
        return on(own.sqlite, own.orm).finally(() => own.close());
      }
      return writes.run(what, () => {
        if (!writer && path !== ":memory:") writer = openOwnConnection(db, options);
        return on(writer?.sqlite ?? sqlite, writer?.orm ?? orm);
      });
    },
    // Synchronous underneath (callers such as backup.ts rename the file right after): the promise is only for PostgreSQL's sake.
    close: () => {
      writer?.sqlite.close();
      writer = undefined;
      sqlite.close();
      return Promise.resolve();
    },
  };
  return db;
}
