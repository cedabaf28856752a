// No `import "server-only"`: the pages-router chart routes use this too, and that marker throws
// outside the react-server build. A client import would fail anyway: better-sqlite3 is native.
import { dataVersion, openDb, type CorridorDb } from "@corridor/data";

// One connection per server process; better-sqlite3 is synchronous and WAL lets imports run beside reads.
const globalForDb = globalThis as unknown as { corridorDb?: CorridorDb; corridorDataVersion?: () => Promise<string> };

export function db(): CorridorDb {
  if (!globalForDb.corridorDb) {
    globalForDb.corridorDb = openDb();
    // server.mjs's page cache keys readers' pages by it (page-cache.mjs).
    globalForDb.corridorDataVersion = async () => {
      const v = await dataVersion(db());
      return `${v.databaseId}:${v.version}`;
    };
  }
  return globalForDb.corridorDb;
}
