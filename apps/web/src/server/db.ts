// No `import "server-only"`: the pages-router chart routes use this too, and that marker throws
// outside the react-server build. A client import would fail anyway: better-sqlite3 is native.
import { openDb, type CorridorDb } from "@corridor/data";

// One connection per server process; better-sqlite3 is synchronous and WAL lets imports run beside reads.
const globalForDb = globalThis as unknown as { corridorDb?: CorridorDb };

export function db(): CorridorDb {
  globalForDb.corridorDb ??= openDb();
  return globalForDb.corridorDb;
}
