/**
 * Uploaded originals, kept in the database beside the import they brought (`import_files`): every
 * server process on the database can hand one back, so several instances need no shared folder, and
 * a backup or a copy of the database carries them.
 */
import { sql } from "drizzle-orm";
import type { CorridorDb } from "./db.ts";
import type { SqlRunner } from "./runner.ts";

/** Keeps the bytes an import was made from (once per import: a second call for it is refused by the key). */
export async function keepImportFile(db: CorridorDb, importId: number, bytes: Uint8Array): Promise<void> {
  await db.transaction((tx) => tx.run(sql`INSERT INTO import_files (import_id, bytes) VALUES (${importId}, ${Buffer.from(bytes)})`), `the original file of import ${importId}`);
}

/** The bytes import `importId` was made from, or undefined when none was kept (CLI imports keep none). */
export async function importFileBytes(db: SqlRunner, importId: number): Promise<Buffer | undefined> {
  const row = await db.get<{ bytes: Uint8Array }>(sql`SELECT bytes FROM import_files WHERE import_id = ${importId}`);
  // node-postgres gives a Buffer, PGlite a Uint8Array, better-sqlite3 a Buffer.
  return row ? Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) : undefined;
}
