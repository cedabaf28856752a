/**
 * The one way the engine-neutral code runs SQL, on SQLite and PostgreSQL alike. Statements are
 * drizzle `sql` templates: values go in as `${value}` and each engine renders its own placeholders
 * (`?` or `$1`). The SQL text itself must mean the same on both — what differs lives in dialect.ts.
 * Rows come back as plain objects keyed by the column names or aliases the statement gives; quote
 * camelCase aliases (`AS "databaseId"`), as PostgreSQL folds unquoted names to lower case.
 */
import type { SQL } from "drizzle-orm";

export type Engine = "sqlite" | "postgres";

export interface SqlRunner {
  readonly engine: Engine;
  /** Every row. */
  all<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  /** The first row, or undefined. */
  get<T = Record<string, unknown>>(query: SQL): Promise<T | undefined>;
  /** A statement without rows; `changes`: the rows it inserted, updated or deleted. */
  run(query: SQL): Promise<{ changes: number }>;
  /**
   * PostgreSQL through a pool, inside a transaction only: streams `rows` (text chunks in COPY's
   * format) into `COPY … FROM STDIN` on the transaction's own connection; resolves with the rows
   * copied. Absent elsewhere (PGlite has no COPY from a client stream): callers fall back to inserts.
   */
  copyFrom?(statement: string, rows: AsyncIterable<string>): Promise<number>;
}

export interface TransactionOptions {
  /**
   * Reads one snapshot and writes nothing other connections can see (a dry run: its staging table
   * is temporary and it always rolls back): REPEATABLE READ on PostgreSQL, a deferred BEGIN on a
   * connection of its own on SQLite, and outside the write gate — no writer waits for it.
   */
  snapshot?: boolean;
}

export interface TransactionRunner {
  /**
   * Runs `fn` as one all-or-nothing transaction: it commits when `fn` resolves and rolls back when
   * it throws, on both engines. Statements inside must go through `tx`, never through the database
   * itself (on SQLite that would wait on the transaction's own lock). `what` names the write in the
   * message of a WriteBusyError (write-gate.ts) when another write holds the database too long.
   */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>, what?: string, options?: TransactionOptions): Promise<T>;
}
