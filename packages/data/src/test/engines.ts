/**
 * Which data tests run on PostgreSQL too — ONE list, read by vitest.config.ts: with
 * CORRIDOR_TEST_ENGINE=pglite (`npm run test:pg`) or =postgres only ON_POSTGRES runs, its reads going
 * through onEngine() (test/helpers.ts). Every other test file that opens a database is listed in
 * NOT_YET_ON_POSTGRES with the reason; engines.test.ts fails when a file is in neither.
 */

/** Test files whose database reads run on the engine under test. */
export const ON_POSTGRES = [
  "src/queries/queries.test.ts",
  "src/publish.test.ts",
  "src/events/events.test.ts",
  "src/events/corridor.test.ts",
  "src/db-engines.test.ts",
  "src/schema-drift.test.ts",
  "src/copy.test.ts",
  "src/backup-pg.test.ts",
  "src/rate-limits.test.ts",
  "src/events/edit.test.ts",
  "src/events/languages.test.ts",
  "src/events/certainty.test.ts",
  "src/events/limits.test.ts",
  "src/accounts.test.ts",
  "src/auth.test.ts",
  "src/events/impact-export.test.ts",
  "src/events/impact-its.test.ts",
];

const IMPORT = "the import writer (import/*) writes through the SQLite-only hot path (prepared statements, its own connection)";

/** Test files that open a database but do not run on PostgreSQL yet, and why. */
export const NOT_YET_ON_POSTGRES: Record<string, string> = {
  "src/backup.test.ts": "backup/restore use SQLite's backup API; PostgreSQL's is pg_dump (later)",
  "src/cli.test.ts": "its fixtures come through `corridor import` and `seed` (SQLite-only so far); the CLI's users, tokens, audit and events-import commands run on PostgreSQL too (apps/web/e2e/two-instances-pg.test.ts drives users add and tokens create there)",
  "src/corridor-ranges.test.ts": `the summary is maintained inside the import's SQLite transaction (${IMPORT})`,
  "src/dialect.test.ts": "compares insertRows/updateRows with drizzle's SQLite query builder, which exists on SQLite only (the ported writes are tested on PostgreSQL through their own tests)",
  "src/file-modes.test.ts": "file permissions of the SQLite database file: nothing to test on a server",
  "src/import-files.test.ts": "uploaded originals are written inside the import's SQLite transaction (drizzle's SQLite builder)",
  "src/import/bad-input.test.ts": IMPORT,
  "src/import/bounds.test.ts": IMPORT,
  "src/import/diff.test.ts": IMPORT,
  "src/import/faults.test.ts": IMPORT,
  "src/import/formats.test.ts": IMPORT,
  "src/import/import.test.ts": IMPORT,
  "src/import/parse-worker.test.ts": IMPORT,
  "src/import/writer.test.ts": IMPORT,
  "src/migrations.test.ts": "migrates SQLite fixtures made by older releases; PostgreSQL has only its baseline so far",
  "src/write-isolation.test.ts": "SQLite's WAL and connection rules (imports on their own connection, busy timeouts)",
};
