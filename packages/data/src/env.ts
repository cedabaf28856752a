/**
 * The CORRIDOR_* environment variables, declared once with zod and parsed once per environment: a
 * value that means nothing (CORRIDOR_WRITE_WAIT_MS=soon) stops with a message naming the variable
 * instead of quietly falling back. Unset or blank means the default. The web app declares its own
 * variables with `envSchema` too (apps/web/src/server/env.ts); turbo.json passes them all through.
 */
import { z } from "zod";

/** Blank counts as unset: `FOO= npm start` means "the default", not an error. */
const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : typeof value === "string" ? value.trim() : value);

/** A whole number of milliseconds, bytes, counts… (0 allowed). */
export const wholeNumber = () => z.preprocess(blank, z.string().regex(/^\d+$/, "expected a whole number").transform(Number).optional());
/** A count of at least 1. */
export const positiveCount = () => z.preprocess(blank, z.string().regex(/^[1-9]\d*$/, "expected a whole number of at least 1").transform(Number).optional());
/** A switch: 1 on, 0 or unset off. */
export const flag = () => z.preprocess(blank, z.enum(["0", "1"], { error: "expected 1 (on) or 0 (off)" }).optional()).transform((v) => v === "1");
/** Any text (a path, a list of origins); unset stays undefined. */
export const text = () => z.preprocess(blank, z.string().optional());

/**
 * Parses `source` (process.env) with `shape`, remembering the result until one of its variables
 * changes (tests set them between cases). An invalid value throws one Error naming every variable.
 */
export function envSchema<S extends z.ZodRawShape>(shape: S): (source?: NodeJS.ProcessEnv) => z.infer<z.ZodObject<S>> {
  const schema = z.object(shape);
  const names = Object.keys(shape);
  let cached: { key: string; value: z.infer<z.ZodObject<S>> } | undefined;
  return (source = process.env) => {
    const key = JSON.stringify(names.map((name) => source[name] ?? null));
    if (cached?.key === key) return cached.value;
    const parsed = schema.safeParse(Object.fromEntries(names.map((name) => [name, source[name]])));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}=${JSON.stringify(source[String(issue.path[0])])}: ${issue.message}`);
      throw new Error(`invalid environment: ${problems.join("; ")}`);
    }
    cached = { key, value: parsed.data };
    return parsed.data;
  };
}

/** The data package's variables (the CLI's and the web server's alike). */
export const env = envSchema({
  /** The database file (default data/corridor.db at the repository root). */
  CORRIDOR_DB: text(),
  /** The drizzle migrations folder, when it cannot be found next to the package. */
  CORRIDOR_MIGRATIONS: text(),
  /**
   * PostgreSQL instead of the SQLite file: postgres://user:password@host:port/database (or
   * postgresql://…; pglite:memory or pglite:/dir for the in-process PGlite the tests use).
   */
  CORRIDOR_DATABASE_URL: z.preprocess(blank, z.string().regex(/^(postgres(ql)?:\/\/|pglite:)/, "expected a postgres://user:password@host:port/database URL").optional()),
  /** PostgreSQL's drizzle migrations folder (drizzle-pg), when it cannot be found next to the package. */
  CORRIDOR_PG_MIGRATIONS: text(),
  /** The demo dataset `corridor seed` loads (default data/seed). */
  CORRIDOR_SEED_DIR: text(),
  /** How long a writer waits for another process's write transaction (ms, default 5 s). */
  CORRIDOR_BUSY_TIMEOUT_MS: wholeNumber(),
  /** How long a write waits for this process's write gate (ms, default 30 s). */
  CORRIDOR_WRITE_WAIT_MS: wholeNumber(),
  /** Which engine the data tests read from: sqlite (default), pglite, or postgres (needs CORRIDOR_TEST_DATABASE_URL). */
  CORRIDOR_TEST_ENGINE: z.preprocess(blank, z.enum(["sqlite", "pglite", "postgres"], { error: "expected sqlite, pglite or postgres" }).optional()),
  /** For CORRIDOR_TEST_ENGINE=postgres: a server where the tests may create and drop databases (postgres://…/postgres). */
  CORRIDOR_TEST_DATABASE_URL: z.preprocess(blank, z.string().regex(/^postgres(ql)?:\/\//, "expected a postgres://user@host:port/database URL").optional()),
  /** better-auth's secret; else one is made and kept in the database. */
  CORRIDOR_AUTH_SECRET: text(),
});
