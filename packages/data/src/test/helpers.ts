import Database from "better-sqlite3";
import { createHash, randomBytes } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase, openDb, referenceData, type CorridorDb } from "../db.ts";
import { env } from "../env.ts";
import { copyDatabase, copyPlan } from "../copy.ts";
import { sql } from "drizzle-orm";
import type { SqlRunner } from "../runner.ts";

const RANGE_GROUP = "origin, destination, indicator, breakdown, frequency";

/** The corridor summary as stored (sorted rows). */
export function storedRanges(sqlite: Database.Database): unknown[] {
  return sqlite.prepare(`SELECT ${RANGE_GROUP}, observations, first_period, last_period, first_day, last_day FROM corridor_ranges ORDER BY ${RANGE_GROUP}`).all();
}

/** The corridor summary as a full scan of observations computes it now: what storedRanges() must equal. */
export function scannedRanges(sqlite: Database.Database): unknown[] {
  return sqlite
    .prepare(
      `SELECT ${RANGE_GROUP}, count(*) AS observations, min(period) AS first_period, max(period) AS last_period, min(period_start) AS first_day, max(period_end) AS last_day
       FROM observations GROUP BY ${RANGE_GROUP} ORDER BY ${RANGE_GROUP}`,
    )
    .all();
}

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

/**
 * sha256 of a canonical dump of a database file: every table's schema and rows (sorted), not the
 * file's bytes, which WAL checkpoints and page reuse change without changing the data.
 */
export function dbChecksum(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const hash = createHash("sha256");
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type IN ('table', 'index', 'view', 'trigger') ORDER BY type, name").all() as { name: string; sql: string | null }[];
    for (const { name, sql } of tables) {
      hash.update(`${name}\n${sql ?? ""}\n`);
      if (!sql?.startsWith("CREATE TABLE") && name !== "sqlite_sequence") continue;
      const rows = db
        .prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`)
        .raw()
        .all()
        .map((r) => JSON.stringify(r))
        .sort();
      hash.update(`${rows.length}\n${rows.join("\n")}\n`);
    }
    return hash.digest("hex");
  } finally {
    db.close();
  }
}

/** Row counts of the tables an import writes. */
export function dbCounts(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const out: Record<string, number> = {};
    for (const table of ["observations", "imports", "revisions"]) out[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return out;
  } finally {
    db.close();
  }
}

/** `PRAGMA integrity_check` of a database file ("ok" when sound). */
export function integrity(path: string): string {
  const db = new Database(path, { fileMustExist: true });
  try {
    return db.pragma("integrity_check", { simple: true }) as string;
  } finally {
    db.close();
  }
}

/**
 * A SYNTHETIC tidy CSV of `rows` distinct daily `entries` observations (10 origins × 3 partners), big
 * enough to keep an import writing for a while. `offsetDays` shifts the dates so that two files differ.
 */
export function syntheticTidyCsv(rows: number, offsetDays = 0, path = tmpPath("synthetic.csv")): string {
  const origins = ["UZB", "TJK", "KGZ", "KAZ", "ARM", "AZE", "MDA", "UKR", "BLR", "GEO"];
  const partners = ["RUS", "DEU", "POL"];
  const lines = ["indicator,origin,destination,period,value"];
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(1900, 0, 1) + (Math.floor(i / 30) + offsetDays) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`entries,${origins[i % 10]},${partners[Math.floor(i / 10) % 3]},${day},${i}`);
  }
  writeFileSync(path, lines.join("\n") + "\n");
  return path;
}

const cliBin = fileURLToPath(new URL("../../bin/corridor.mjs", import.meta.url));

/** A `corridor` CLI process and its outcome. */
export interface CliRun {
  child: ChildProcess;
  done: Promise<{ status: number | null; stdout: string; stderr: string }>;
}

/** Starts the `corridor` CLI as a separate process (another writer or reader on the same file). */
export function startCli(args: string[], env: Record<string, string> = {}, extra: { uid?: number; gid?: number } = {}): CliRun {
  const child = spawn(process.execPath, [cliBin, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], cwd: tmpdir(), ...extra });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const done = new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => child.once("close", (status) => resolve({ status, stdout, stderr })));
  return { child, done };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the import in `run` is visibly inside its transaction: its pages spill into the WAL. */
export async function untilWriting(run: CliRun, db: string, bytes = 1024 * 1024): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(existsSync(`${db}-wal`) && statSync(`${db}-wal`).size > bytes)) {
    if (Date.now() > deadline || run.child.exitCode !== null) throw new Error(`import never got under way or finished too soon: ${(await run.done).stderr}`);
    await sleep(10);
  }
}

// ---- The engine the read tests run on ---------------------------------------------------------

/** CORRIDOR_TEST_ENGINE: sqlite (default), pglite, or postgres (a server at CORRIDOR_TEST_DATABASE_URL). */
export function testEngine(): "sqlite" | "pglite" | "postgres" {
  const { CORRIDOR_TEST_ENGINE: engine, CORRIDOR_TEST_DATABASE_URL: url } = env();
  if (engine === "postgres" && !url) throw new Error("CORRIDOR_TEST_ENGINE=postgres needs CORRIDOR_TEST_DATABASE_URL (postgres://user@host:port/postgres)");
  return engine ?? (url ? "postgres" : "sqlite");
}

interface Shared {
  db: CorridorDb;
  generation: number;
  /** A server's database: its URL, for a second connection (PGlite has none). */
  url?: string;
  drop?: () => Promise<void>;
}
let shared: Promise<Shared> | undefined;

/** Runs one statement (CREATE/DROP DATABASE or ROLE) on CORRIDOR_TEST_DATABASE_URL's server, on a connection of its own. */
export async function onTestServer(statement: string): Promise<void> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: env().CORRIDOR_TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * This test file's PostgreSQL database, opened once (PGlite takes seconds to start): PGlite in
 * memory, or a database of its own created on the server and dropped by closeTestEngine().
 */
function sharedPostgres(): Promise<Shared> {
  shared ??= (async () => {
    if (testEngine() === "pglite") return { db: await openDatabase("pglite:memory"), generation: 0 };
    const server = new URL(env().CORRIDOR_TEST_DATABASE_URL!);
    const name = `corridor_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    await onTestServer(`CREATE DATABASE ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    const db = await openDatabase(url.toString());
    const drop = () => onTestServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    return { db, generation: 0, url: url.toString(), drop };
  })();
  return shared;
}

/** A handle on this file's shared PostgreSQL database, valid until the next onEngine() or engineDb() call replaces its content. */
function handleOn(state: Shared): CorridorDb {
  const generation = ++state.generation;
  const check = () => {
    if (state.generation !== generation) throw new Error("this test database was replaced by a later onEngine() or engineDb() call: use the newest one");
  };
  return {
    engine: state.db.engine,
    path: state.db.path,
    writes: state.db.writes,
    get orm() {
      return state.db.orm;
    },
    get sqlite() {
      return state.db.sqlite;
    },
    get pgOrm() {
      return state.db.pgOrm;
    },
    all: (q) => (check(), state.db.all(q)),
    get: (q) => (check(), state.db.get(q)),
    run: (q) => (check(), state.db.run(q)),
    transaction: (fn, what, options) => (check(), state.db.transaction(fn, what, options)),
    close: async () => {},
  } as CorridorDb;
}

/** Removes every row of this file's PostgreSQL database (identities numbered from 1 again): a fresh database without migrating again. */
async function emptyPostgres(db: CorridorDb): Promise<void> {
  await db.run(
    sql.raw(
      `TRUNCATE ${copyPlan()
        .map((p) => `"${p.name}"`)
        .join(", ")} RESTART IDENTITY CASCADE`,
    ),
  );
}

/**
 * The database a test reads from, holding exactly what `source` (a SQLite database the test wrote,
 * e.g. through imports and seeding) holds: `source` itself on SQLite; on PGlite or PostgreSQL this
 * file's database, emptied and filled by `corridor copy`'s own copyDatabase() (verified by its
 * checksums). Call it again after writing more. The PostgreSQL database is shared by the file's
 * tests, so a handle from an earlier call refuses to run once a later call has replaced its
 * content, rather than read the wrong rows.
 */
export async function onEngine(source: CorridorDb): Promise<CorridorDb> {
  if (testEngine() === "sqlite") return source;
  const state = await sharedPostgres();
  await emptyPostgres(state.db);
  await copyDatabase(source, state.db);
  return handleOn(state);
}

/**
 * A fresh database on the engine under test, for tests that write: SQLite in memory, or this
 * file's PostgreSQL database emptied (ids from 1 again) with its registry, catalog and data-version
 * row put back, as a newly migrated database has them.
 */
export async function engineDb(): Promise<CorridorDb> {
  if (testEngine() === "sqlite") return memoryDb();
  const state = await sharedPostgres();
  await emptyPostgres(state.db);
  const { inserts } = referenceData();
  await state.db.transaction(async (tx) => {
    for (const insert of inserts) await tx.run(insert);
    await tx.run(sql`INSERT INTO data_state (id, database_id, version) VALUES (1, ${randomBytes(8).toString("hex")}, 0)`);
  }, "a fresh test database");
  return handleOn(state);
}

/** The rows of a SELECT written in code (the same text on both engines), for tests' checks. */
export function sqlRows(db: SqlRunner, text: string): Promise<Record<string, unknown>[]> {
  return db.all(sql.raw(text));
}

/** The first row of a SELECT written in code, or undefined. */
export function sqlRow(db: SqlRunner, text: string): Promise<Record<string, unknown> | undefined> {
  return db.get(sql.raw(text));
}

/** Rows in `table`, on either engine. */
export async function countRows(db: SqlRunner, table: string): Promise<number> {
  return (await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${sql.identifier(table)}`))!.n;
}

/**
 * Runs `test` with two connections to one new database on the engine under test, as two server
 * processes have — two SQLite connections to one file, or two pools on this file's PostgreSQL
 * database — and closes them after, whatever happens. PGlite runs in this process and has no second
 * connection: tests that call this skip it (and this says so if one does not).
 */
export async function withTwoConnections<T>(test: (one: CorridorDb, two: CorridorDb) => Promise<T>): Promise<T> {
  const engine = testEngine();
  if (engine === "pglite") throw new Error("PGlite has no second connection: skip this test on it");
  let one: CorridorDb, two: CorridorDb, close: () => Promise<void>;
  if (engine === "sqlite") {
    const path = tmpPath("two.db");
    one = openDb(path);
    two = openDb(path);
    close = async () => (await one.close(), await two.close());
  } else {
    one = await engineDb();
    two = await openDatabase((await sharedPostgres()).url!);
    close = () => two.close(); // `one` is this file's shared database, closed by closeTestEngine()
  }
  try {
    return await test(one, two);
  } finally {
    await close();
  }
}

/** Closes (and on a server drops) this file's PostgreSQL database; registered by test/setup.ts. */
export async function closeTestEngine(): Promise<void> {
  if (!shared) return;
  const state = await shared;
  shared = undefined;
  await state.db.close();
  await state.drop?.();
}
