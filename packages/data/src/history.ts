/** Import history and undo: the previous values come back from `revisions`. */
import { desc, eq } from "drizzle-orm";
import type { CorridorDb } from "./db.ts";
import { imports, type ImportRow } from "./schema.ts";

export class UndoError extends Error {}

export async function listImports(db: CorridorDb): Promise<ImportRow[]> {
  return db.orm.select().from(imports).orderBy(desc(imports.id));
}

export interface UndoSummary {
  importId: number;
  /** Observations the import had inserted, now deleted. */
  deleted: number;
  /** Observations the import had changed, now back to their previous value. */
  restored: number;
}

/**
 * Undoes a committed import in one transaction. Refused when a later, still committed import has
 * since changed a value this import wrote: undo that one first, so that no value is lost.
 */
export async function undoImport(db: CorridorDb, importId: number): Promise<UndoSummary> {
  const row = (await db.orm.select().from(imports).where(eq(imports.id, importId)))[0];
  if (!row) throw new UndoError(`import ${importId} does not exist`);
  if (row.status === "undone") throw new UndoError(`import ${importId} was already undone on ${row.undoneAt}`);
  const { sqlite } = db;
  return sqlite.transaction((): UndoSummary => {
    const later = sqlite
      .prepare(
        `SELECT DISTINCT r.new_import_id AS id FROM revisions r JOIN imports i ON i.id = r.new_import_id
         WHERE r.old_import_id = ? AND i.status = 'committed' ORDER BY id`,
      )
      .all(importId) as { id: number }[];
    if (later.length > 0)
      throw new UndoError(
        `import ${importId} cannot be undone: import(s) ${later.map((l) => l.id).join(", ")} changed values it wrote; undo those first`,
      );
    // Updated rows: restore the value each had before this import (its revision).
    const restored = sqlite
      .prepare(
        `UPDATE observations AS o SET value = r.old_value, flag = r.old_flag, source = r.old_source, import_id = r.old_import_id
         FROM revisions AS r
         WHERE r.new_import_id = ? AND o.import_id = ?
           AND o.indicator = r.indicator AND o.origin = r.origin AND o.destination = r.destination
           AND o.period = r.period AND o.breakdown = r.breakdown`,
      )
      .run(importId, importId).changes;
    // What still carries this import's id was inserted by it.
    const deleted = sqlite.prepare("DELETE FROM observations WHERE import_id = ?").run(importId).changes;
    sqlite.prepare("UPDATE imports SET status = 'undone', undone_at = ? WHERE id = ?").run(new Date().toISOString(), importId);
    return { importId, deleted, restored };
  })();
}
