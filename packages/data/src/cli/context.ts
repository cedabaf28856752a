/**
 * What every command group of the CLI shares: exit codes, the usage error, a database opened per
 * command (withDb) and the builder that adds a command with its --db option.
 */
import { Command, Option } from "commander";
import { userInfo } from "node:os";
import { CorridorError } from "../errors.ts";
import { busyTimeoutMs, databaseTarget, explainDatabaseError, isPostgresTarget, openDatabase, type CorridorDb } from "../db.ts";

/** A command used wrongly: the "usage" code, so exit 2 (errors.ts's exitCodeOf). */
export class UsageError extends CorridorError {
  constructor(message: string) {
    super("usage", message);
  }
}

/** The program and how a group adds commands to it (each with its own --db option). */
export interface Cli {
  program: Command;
  command: (name: string) => Command;
  dbOption: () => Option;
}

/** The CLI waits this long for another import to finish before giving up (a web request waits 5 s). */
const CLI_BUSY_TIMEOUT_MS = 300_000;

/**
 * Opens `--db` (a SQLite path or a postgres:// URL), else $CORRIDOR_DATABASE_URL, else the SQLite
 * file, for one command. PostgreSQL's errors arrive already explained (db-pg.ts).
 */
export async function withDb<T>(path: string | undefined, run: (db: CorridorDb) => Promise<T>): Promise<T> {
  const target = databaseTarget(path);
  const waitMs = busyTimeoutMs(CLI_BUSY_TIMEOUT_MS);
  const explain = (error: unknown) => (isPostgresTarget(target) ? error : explainDatabaseError(error, target, waitMs));
  let db: CorridorDb;
  try {
    db = await openDatabase(target, { busyTimeoutMs: waitMs });
  } catch (error) {
    throw explain(error);
  }
  try {
    return await run(db);
  } catch (error) {
    throw explain(error);
  } finally {
    try {
      await db.close();
    } catch {
      // Closing checkpoints the WAL; if that fails (full disk) the committed data is still in the WAL.
    }
  }
}

/** commander's accumulator for a repeatable option. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Who ran an account command, for the audit log: the operating-system user at the terminal. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return "cli";
  }
}
