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

export type Drizzle = BetterSQLite3Database<typeof schema>;

export interface CorridorDb {
  /** Typed queries go through drizzle. */
  orm: Drizzle;
  /** The raw driver, for the import hot path (prepared statements) and transactions. */
  sqlite: Database.Database;
  path: string;
  close(): void;
}

/** Locates packages/data/drizzle both from source (tsx, vitest) and from a bundled Next.js server. */
export function migrationsFolder(): string {
  if (process.env.CORRIDOR_MIGRATIONS) return process.env.CORRIDOR_MIGRATIONS;
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
  if (process.env.CORRIDOR_DB) return resolve(process.env.CORRIDOR_DB);
  return join(repositoryRoot(), "data", "corridor.db");
}

export function repositoryRoot(): string {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "turbo.json"))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

export function openDb(path: string = defaultDbPath()): CorridorDb {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const orm = drizzle(sqlite, { schema });
  migrate(orm, { migrationsFolder: migrationsFolder() });
  ensureReferenceData(sqlite);
  return { orm, sqlite, path, close: () => sqlite.close() };
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
