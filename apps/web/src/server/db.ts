// No `import "server-only"`: the pages-router chart routes use this too, and that marker throws
// outside the react-server build. A client import would fail anyway: better-sqlite3 is native.
import { dataVersion, databaseTarget, openDatabase, type CorridorDb } from "@corridor/data";

// One database per server process: the SQLite file (one connection; WAL lets imports run beside
// reads), or with CORRIDOR_DATABASE_URL=postgres://… a PostgreSQL pool. Opening is async (a pool
// connects and migrates), so every caller awaits db(); the promise is kept, and forgotten after a
// failed open so that the next request tries again instead of failing forever.
const globalForDb = globalThis as unknown as { corridorDb?: Promise<CorridorDb>; corridorDbOpened?: CorridorDb; corridorDataVersion?: () => Promise<string> };

export function db(): Promise<CorridorDb> {
  if (!globalForDb.corridorDb) {
    const opening = openDatabase(databaseTarget());
    globalForDb.corridorDb = opening;
    opening.then(
      (opened) => (globalForDb.corridorDbOpened = opened),
      () => {
        if (globalForDb.corridorDb === opening) globalForDb.corridorDb = undefined;
      },
    );
    // server.mjs's page cache keys readers' pages by it (page-cache.mjs).
    globalForDb.corridorDataVersion = async () => {
      const v = await dataVersion(await db());
      return `${v.databaseId}:${v.version}`;
    };
  }
  return globalForDb.corridorDb;
}

/** What messages call the database (its file, or the URL without its password), once it is open. */
export function openedDbPath(): string {
  return globalForDb.corridorDbOpened?.path ?? "the database";
}
