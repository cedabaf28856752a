/**
 * Backups of a PostgreSQL database: `corridor backup FILE` runs pg_dump (custom format: consistent —
 * one snapshot however long it takes while the server writes — compressed, and what pg_restore
 * reads), `corridor restore FILE --db postgres://…` runs pg_restore into a database that holds no
 * Corridor tables yet, in one transaction. Both write nothing on failure. When pg_dump or pg_restore
 * is not installed, the error says what to install or run instead. Managed PostgreSQL services keep
 * their own point-in-time backups besides.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "./db.ts";
import { CorridorError } from "./errors.ts";

export interface PgBackupReport {
  path: string;
  bytes: number;
  tables: Record<string, number>;
}

/** pg_dump / pg_restore: on PATH, else the newest Debian-packaged one. */
export function pgTool(name: "pg_dump" | "pg_restore"): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(":")) if (dir && existsSync(join(dir, name))) return join(dir, name);
  const debian = "/usr/lib/postgresql";
  if (!existsSync(debian)) return undefined;
  const versions = readdirSync(debian)
    .filter((v) => existsSync(join(debian, v, "bin", name)))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(debian, versions[0]!, "bin", name) : undefined;
}

function requireTool(name: "pg_dump" | "pg_restore", instead: string): string {
  const tool = pgTool(name);
  if (!tool) throw new CorridorError("usage", `${name} is not installed here (Debian/Ubuntu: apt-get install postgresql-client); or run it yourself: ${instead}`);
  return tool;
}

/** Runs a tool with the URL's password in PGPASSWORD (never on the command line, where `ps` shows it). */
function run(tool: string, args: string[], url: string): Promise<void> {
  const u = new URL(url);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(u.password) };
  u.password = "";
  return new Promise((done, fail) => {
    const child = spawn(tool, [...args, u.toString()], { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", fail);
    child.on("exit", (code) => (code === 0 ? done() : fail(new CorridorError("database", `${basename(tool)} failed (exit ${code}): ${stderr.trim().split("\n").slice(-3).join(" ")}`))));
  });
}

async function tableCounts(url: string): Promise<Record<string, number>> {
  const db = await openDatabase(url);
  try {
    const names = await db.all<{ name: string }>(sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    const out: Record<string, number> = {};
    for (const { name } of names) out[name] = Number((await db.get<{ n: number | string }>(sql`SELECT count(*) AS n FROM ${sql.identifier(name)}`))!.n);
    return out;
  } finally {
    await db.close();
  }
}

/** pg_dump of `url` into the new file `target` (never overwritten), written beside it and renamed at the end. */
export async function backupPostgres(url: string, target: string): Promise<PgBackupReport> {
  const file = resolve(target);
  if (existsSync(file)) throw new CorridorError("exists", `${file} already exists; a backup never overwrites a file: give a new name or remove it first`);
  const tool = requireTool("pg_dump", `pg_dump --format=custom --file=${file} <the database URL>`);
  const partial = join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
  try {
    await run(tool, ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`, "--dbname"], url);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { path: file, bytes: statSync(file).size, tables: await tableCounts(url) };
}

/** pg_restore of a `corridor backup` file into `url`, which must hold no Corridor tables; one transaction. */
export async function restorePostgres(source: string, url: string): Promise<PgBackupReport> {
  const file = resolve(source);
  if (!existsSync(file)) throw new CorridorError("not_found", `no backup at ${file}`);
  const tool = requireTool("pg_restore", `pg_restore --no-owner --single-transaction --dbname=<the database URL> ${file}`);
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname IN ('public', 'drizzle')");
    if (rows[0].n > 0) throw new CorridorError("exists", `the target database already has tables; restore only into a new, empty database (CREATE DATABASE …) — nothing was changed`);
  } finally {
    await client.end();
  }
  await run(tool, ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", file, "--dbname"], url);
  // A backup of an older release: opening applies the later migrations.
  await (await openDatabase(url)).close();
  return { path: file, bytes: statSync(file).size, tables: await tableCounts(url) };
}
