/**
 * The database holds the auth secret, password hashes and sessions: only its owner may read it.
 * SQLite creates -wal and -shm with the database file's own mode, so making the database 0600
 * before better-sqlite3 opens it covers all three.
 */
import { chmodSync, closeSync, constants, existsSync, openSync, statSync } from "node:fs";

const PRIVATE_FILE = 0o600;

/** Creates the database file 0600 if it does not exist; takes group and world access off one that does. */
export function privateDatabaseFiles(path: string): void {
  // ":memory:", "" (a temporary database) and file: URIs are not plain paths.
  if (path === "" || path === ":memory:" || path.startsWith("file:")) return;
  try {
    // O_EXCL: never touch a file another process created meanwhile; it is tightened below.
    closeSync(openSync(/*turbopackIgnore: true*/ path, constants.O_CREAT | constants.O_EXCL | constants.O_RDWR, PRIVATE_FILE));
  } catch (error) {
    // Any other failure (a read-only folder…) is better-sqlite3's to report, in openDb's words.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") return;
  }
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    // turbopackIgnore: a run-time path, not a file of the build to trace.
    if (!existsSync(/*turbopackIgnore: true*/ file)) continue;
    const mode = statSync(/*turbopackIgnore: true*/ file).mode & 0o777;
    if ((mode & 0o077) === 0) continue;
    try {
      chmodSync(/*turbopackIgnore: true*/ file, mode & 0o700);
    } catch {
      // Not ours to change (another user's file): opening it may still work, so do not refuse.
    }
  }
}
