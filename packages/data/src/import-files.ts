/**
 * Uploaded originals, kept in the database beside the import they brought (`import_files`): every
 * server process on the database can hand one back, so several instances need no shared folder, and
 * a backup or a copy of the database carries them.
 */
import { eq } from "drizzle-orm";
import type { CorridorDb } from "./db.ts";
import { importFiles } from "./schema.ts";

/** Keeps the bytes an import was made from (once per import: a second call for it is refused by the key). */
export async function keepImportFile(db: CorridorDb, importId: number, bytes: Uint8Array): Promise<void> {
  await db.writes.run(`the original file of import ${importId}`, () =>
    db.orm
      .insert(importFiles)
      .values({ importId, bytes: Buffer.from(bytes) })
      .run(),
  );
}

/** The bytes import `importId` was made from, or undefined when none was kept (CLI imports keep none). */
export async function importFileBytes(db: CorridorDb, importId: number): Promise<Buffer | undefined> {
  const [row] = await db.orm.select({ bytes: importFiles.bytes }).from(importFiles).where(eq(importFiles.importId, importId));
  return row?.bytes;
}
