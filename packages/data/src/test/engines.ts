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
  "src/import/import.test.ts",
  "src/import/bounds.test.ts",
  "src/import/diff.test.ts",
  "src/import/formats.test.ts",
  "src/corridor-ranges.test.ts",
  "src/import-files.test.ts",
  "src/import/engines-equal.test.ts",
  "src/write-isolation-instances.test.ts",
];

const IMPORT =
  "SQLite's import writer itself (import/writer.ts: prepared statements, its own connection, flush order); PostgreSQL's set-based path (import/postgres.ts) is tested by import, bounds, diff, formats and engines-equal";

/** Test files that open a database but do not run on PostgreSQL yet, and why. */
export const NOT_YET_ON_POSTGRES: Record<string, string> = {
  "src/backup.test.ts": "backup/restore use SQLite's backup API; PostgreSQL's is pg_dump (later)",
  "src/cli.test.ts":
    "not moved yet: its fixtures are SQLite files made through `corridor import` and `seed` (both run on PostgreSQL now); the CLI's users, tokens, audit and events-import commands run on PostgreSQL too (apps/web/e2e/two-instances-pg.test.ts drives users add and tokens create there)",
  "src/dialect.test.ts": "compares insertRows/updateRows with drizzle's SQLite query builder, which exists on SQLite only (the ported writes are tested on PostgreSQL through their own tests)",
  "src/file-modes.test.ts": "file permissions of the SQLite database file: nothing to test on a server",
  "src/import/bad-input.test.ts":
    "runs the CLI on copies of one seeded SQLite file and compares the files' canonical dumps; PostgreSQL's refusals (line, column, value, nothing written) are checked by import.test.ts and bounds.test.ts there",
  "src/import/faults.test.ts":
    "SQLite file faults: a killed process mid-write, a full disk (max_page_count), WAL recovery; PostgreSQL's transaction and its errors (explainPostgresError) are the server's",
  "src/import/problems.test.ts": "its refusals come from sniffing and mapping, before the engine is touched (the same code on both); the coded row errors on PostgreSQL are checked by import.test.ts",
  "src/import/parse-worker.test.ts": "the worker against SQLite's one-thread path and its flushes; on PostgreSQL, engines-equal.test.ts imports through the worker",
  "src/import/writer.test.ts": IMPORT,
  "src/migrations.test.ts": "migrates SQLite fixtures made by older releases; PostgreSQL has only its baseline so far",
  "src/write-isolation.test.ts":
    "SQLite's WAL and connection rules (imports on their own connection, busy timeouts); write-isolation-instances.test.ts runs the cross-instance cases on both engines",
};
