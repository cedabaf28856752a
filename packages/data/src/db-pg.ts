/**
 * Opening PostgreSQL: a postgres:// URL (a node-postgres pool) or PGlite, the in-process WASM
 * PostgreSQL the tests use (`pglite:memory`, `pglite:/dir`). Applies drizzle-pg's migrations with
 * drizzle's pg migrator and ensures the registry and catalog, then serves the same portable runner
 * (runner.ts) as SQLite. Loaded only when such a target is opened (openDatabase in db.ts), so a
 * SQLite-only process never loads pg or PGlite.
 *
 * Not yet on PostgreSQL: `orm` and `sqlite` (drizzle's SQLite builder and the driver); reading them
 * throws a CorridorError that says so. better-auth's adapter gets `pgOrm`. Imports stream into COPY
 * on a pooled transaction's own client (copyFrom below, import/postgres.ts).
 */
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { CorridorError } from "./errors.ts";
import { DatabaseError, migrationsFolder, referenceData, referenceDataPresent, type CorridorDb, type Drizzle } from "./db.ts";
import type { SqlRunner } from "./runner.ts";
import { WriteGate } from "./write-gate.ts";
import type Database from "better-sqlite3";

export const isPostgresUrl = (target: string) => /^postgres(ql)?:\/\//i.test(target);
export const isPgliteTarget = (target: string) => target.startsWith("pglite:");

/** The URL as messages may show it: user, host, port and database, never the password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "";
    u.search = "";
    return u.toString().replace(/:@/, "@");
  } catch {
    return "postgres://(an unreadable URL)";
  }
}

/** What the messages call the database: `the PostgreSQL database postgres://corridor@db:5432/corridor`. */
function describeTarget(target: string): { where: string; host: string } {
  if (isPgliteTarget(target)) return { where: `the PGlite database ${target}`, host: "PGlite (in this process)" };
  const u = (() => {
    try {
      return new URL(target);
    } catch {
      return undefined;
    }
  })();
  return { where: `the PostgreSQL database ${redactUrl(target)}`, host: u ? `${u.hostname || "localhost"}:${u.port || "5432"}` : "(unreadable URL)" };
}

type AnyPg = PgDatabase<PgQueryResultHKT, Record<string, unknown>>;
interface PgResult {
  rows: Record<string, unknown>[];
  fields?: { name: string; dataTypeID: number }[];
  rowCount?: number | null;
  affectedRows?: number;
}

const INT8 = 20;
const NUMERIC = 1700;

/**
 * count(*), sum() of integers and the like are bigint or numeric in PostgreSQL, which the drivers
 * hand over as text; SQLite gives numbers. Numbers here too, refused when not exactly representable.
 */
function numbersAsNumbers(result: PgResult): Record<string, unknown>[] {
  const wide = (result.fields ?? []).filter((f) => f.dataTypeID === INT8 || f.dataTypeID === NUMERIC);
  if (wide.length === 0) return result.rows;
  for (const row of result.rows)
    for (const { name, dataTypeID } of wide) {
      const v = row[name];
      if (v === null || v === undefined || typeof v === "number") continue;
      const n = Number(v);
      if (dataTypeID === INT8 && !Number.isSafeInteger(n)) throw new Error(`column ${name}: ${String(v)} is beyond the integers JavaScript holds exactly`);
      row[name] = n;
    }
  return result.rows;
}

/**
 * PostgreSQL's errors said in words, like explainDatabaseError for SQLite: which database (host and
 * port, never the password), what happened, and that nothing was written (every write is one
 * transaction, rolled back when it fails). Anything else is returned as it is.
 */
export function explainPostgresError(error: unknown, target: string): unknown {
  // drizzle wraps the driver's error (DrizzleQueryError, "Failed query: …") with it as the cause.
  const cause = error instanceof Error && typeof error.cause === "object" && error.cause !== null ? error.cause : error;
  if (CorridorError.is(cause) || typeof cause !== "object" || cause === null) return error;
  const e = cause as { code?: string; message?: string; errors?: { code?: string }[]; constraint?: string; detail?: string };
  const code = e.code ?? e.errors?.[0]?.code ?? "";
  const { where, host } = describeTarget(target);
  const fail = (message: string, kind?: "busy" | "database" | "exists") => new DatabaseError(message, code, kind);
  switch (code) {
    case "ECONNREFUSED":
      return fail(`cannot connect to ${where}: nothing answers at ${host} (connection refused). Is PostgreSQL running, and is the URL's host and port right? Nothing was written`);
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return fail(`cannot connect to ${where}: the host of ${host} is not known. Nothing was written`);
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return fail(`cannot connect to ${where}: ${host} did not answer (${code}). Nothing was written`);
    case "28P01":
    case "28000":
      return fail(`${where} refused the user name or password (${e.message}); nothing was written. Check the user and password in CORRIDOR_DATABASE_URL`);
    case "3D000":
      return fail(`${where} does not exist on ${host} (${e.message}); create it first (createdb), nothing was written`);
    case "23505":
      return fail(`${where} already holds that row (${e.detail ?? e.constraint ?? e.message}); the transaction was rolled back and nothing was written`, "exists");
    case "40001":
    case "40P01":
    case "55P03":
      return fail(`${where} could not run this write beside another one at the same time (${code === "40P01" ? "deadlock" : code === "55P03" ? "lock not available" : "serialization failure"}); the transaction was rolled back and nothing was written. Try again`, "busy");
    case "53100":
      return fail(`the disk of ${where} is full; the transaction was rolled back and nothing was written. Free some space and run it again`);
    case "53300":
      return fail(`${where} has no connection to spare (too many clients); nothing was written. Try again, or raise max_connections`, "busy");
    case "42501":
      return fail(`${where} does not allow this role to do that (${e.message}); nothing was written. Grant the privilege, or connect as the role that owns the database`);
    case "25006":
      return fail(`${where} is read-only (a standby or a read-only transaction); nothing was written`);
    case "57P01":
    case "57P02":
    case "57P03":
      return fail(`${where} is shutting down or starting up (${e.message}); nothing was written. Try again when it is up`, "busy");
    default:
      if (code.startsWith("08")) return fail(`the connection to ${where} failed (${e.message}); nothing was written`);
      return error;
  }
}

const notYet = (what: string, target: string): never => {
  throw new CorridorError(
    "database",
    `not available on PostgreSQL yet (${describeTarget(target).where}): ${what} runs on SQLite only so far (README, "PostgreSQL (work in progress)")`,
  );
};

/** A pool's transaction on a connection of its own, with COPY FROM STDIN (runner.ts copyFrom) beside the SQL. */
interface PoolTransactions {
  connect(): Promise<import("pg").PoolClient>;
  drizzleOn(client: import("pg").PoolClient): AnyPg;
}

function pgCorridorDb(orm: AnyPg, target: string, end: () => Promise<void>, pool?: PoolTransactions): CorridorDb {
  const explain = (error: unknown) => explainPostgresError(error, target);
  const runnerOn = (conn: Pick<AnyPg, "execute">): SqlRunner => {
    const execute = async (query: SQL): Promise<PgResult> => {
      try {
        return (await conn.execute(query)) as unknown as PgResult;
      } catch (error) {
        throw explain(error);
      }
    };
    return {
      engine: "postgres",
      all: async <T>(query: SQL) => numbersAsNumbers(await execute(query)) as T[],
      get: async <T>(query: SQL) => numbersAsNumbers(await execute(query))[0] as T | undefined,
      run: async (query: SQL) => {
        const result = await execute(query);
        return { changes: result.affectedRows ?? result.rowCount ?? 0 };
      },
    };
  };
  const writes = new WriteGate();
  return {
    ...runnerOn(orm),
    get orm(): Drizzle {
      return notYet("this operation (drizzle's SQLite query builder)", target);
    },
    get sqlite(): Database.Database {
      return notYet("this operation (the SQLite driver)", target);
    },
    pgOrm: orm,
    path: isPgliteTarget(target) ? target : redactUrl(target),
    writes,
    // The pool gives the transaction a connection of its own (PGlite queues every other query until
    // it ends), so no other request sees its rows before COMMIT; the gate orders this process's writers.
    transaction: (fn, what = "a write", { snapshot = false } = {}) => {
      const body = async () => {
        try {
          if (!pool) return await orm.transaction((tx) => fn(runnerOn(tx)), snapshot ? { isolationLevel: "repeatable read" } : undefined);
          // BEGIN … COMMIT by hand on one pooled client, so that COPY can stream on the same connection.
          const client = await pool.connect();
          let broken = false;
          try {
            await client.query(snapshot ? "BEGIN ISOLATION LEVEL REPEATABLE READ" : "BEGIN");
            const result = await fn({ ...runnerOn(pool.drizzleOn(client)), copyFrom: (statement, rows) => copyInto(client, statement, rows) });
            await client.query("COMMIT");
            return result;
          } catch (error) {
            await client.query("ROLLBACK").catch(() => (broken = true));
            throw error;
          } finally {
            client.release(broken);
          }
        } catch (error) {
          throw explain(error);
        }
      };
      return snapshot ? body() : writes.run(what, body);
    },
    close: end,
  };
}

/** Streams text chunks into `COPY … FROM STDIN` on `client`; resolves with the rows copied. */
async function copyInto(client: import("pg").PoolClient, statement: string, rows: AsyncIterable<string>): Promise<number> {
  // A CommonJS module: its exports arrive named or under default, depending on the loader.
  const copyStreams = await import("pg-copy-streams");
  const from = copyStreams.from ?? (copyStreams as unknown as { default: typeof copyStreams }).default.from;
  const { pipeline } = await import("node:stream/promises");
  const { Readable } = await import("node:stream");
  const stream = client.query(from(statement));
  await pipeline(Readable.from(rows), stream);
  return stream.rowCount;
}

/** Migrations, then the registry and catalog, on a freshly opened database. */
async function prepare(db: CorridorDb, migrate: () => Promise<void>): Promise<void> {
  await migrate();
  const { present, inserts } = referenceData();
  const counts = await db.get<{ countries: number; indicators: number }>(present);
  if (counts && referenceDataPresent(counts)) return;
  await db.transaction(async (tx) => {
    for (const insert of inserts) await tx.run(insert);
  }, "the country registry and indicator catalog");
}

/** Opens a postgres:// URL: a node-postgres pool, migrated (one instance at a time) and ready. */
export async function openPostgres(url: string, options: { poolSize?: number } = {}): Promise<CorridorDb> {
  const { default: pg } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000 });
  // An idle connection's error (the server restarted) must not crash the process: the next query reconnects or reports.
  pool.on("error", () => {});
  const orm = drizzle(pool) as unknown as AnyPg;
  const db = pgCorridorDb(orm, url, () => pool.end(), { connect: () => pool.connect(), drizzleOn: (client) => drizzle(client) as unknown as AnyPg });
  try {
    // Two instances starting together must not both migrate: a session advisory lock, on a client of its own.
    const client = await pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock(hashtext('corridor migrations'))");
      await prepare(db, () => migrate(orm as Parameters<typeof migrate>[0], { migrationsFolder: migrationsFolder("drizzle-pg") }));
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext('corridor migrations'))").catch(() => {});
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw explainPostgresError(error, url);
  }
  return db;
}

/** Opens PGlite: `pglite:memory` (a fresh database in memory) or `pglite:/dir` (kept in that folder). */
export async function openPglite(target: string): Promise<CorridorDb> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const place = target.slice("pglite:".length);
  const client = place === "memory" || place === "" ? new PGlite() : new PGlite(place);
  const orm = drizzle(client) as unknown as AnyPg;
  const db = pgCorridorDb(orm, target, () => client.close());
  try {
    await prepare(db, () => migrate(orm as Parameters<typeof migrate>[0], { migrationsFolder: migrationsFolder("drizzle-pg") }));
  } catch (error) {
    await client.close().catch(() => {});
    throw explainPostgresError(error, target);
  }
  return db;
}

