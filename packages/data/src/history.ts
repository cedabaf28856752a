/** Import history and undo: the previous values come back from `revisions`. */
import { sql } from "drizzle-orm";
import type { CorridorDb } from "./db.ts";
import { rowsOf } from "./dialect.ts";
import type { SqlRunner } from "./runner.ts";
import { CorridorError, type ErrorCode } from "./errors.ts";
import { imports, type Bound, type ImportRow } from "./schema.ts";
import { recomputeTouched, touchImport } from "./corridor-ranges.ts";

export class UndoError extends CorridorError {
  constructor(message: string, code: Extract<ErrorCode, "conflict" | "not_found"> = "conflict") {
    super(code, message);
  }
}

export async function listImports(db: SqlRunner): Promise<ImportRow[]> {
  return rowsOf(db, imports, sql`ORDER BY id DESC`);
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
  return db.transaction(async (tx) => {
    // As an import does: no other writer changes observations meanwhile (readers go on).
    if (tx.engine === "postgres") await tx.run(sql`LOCK TABLE observations IN SHARE ROW EXCLUSIVE MODE`);
    const row = await getImport(tx, importId);
    if (!row) throw new UndoError(`import ${importId} does not exist`, "not_found");
    if (row.status === "undone") throw new UndoError(`import ${importId} was already undone on ${row.undoneAt}`);
    const later = await tx.all<{ id: number }>(
      sql`SELECT DISTINCT r.new_import_id AS id FROM revisions r JOIN imports i ON i.id = r.new_import_id
          WHERE r.old_import_id = ${importId} AND i.status = 'committed' ORDER BY id`,
    );
    if (later.length > 0)
      throw new UndoError(
        `import ${importId} cannot be undone: import(s) ${later.map((l) => l.id).join(", ")} changed values it wrote; undo those first`,
      );
    // Updated rows: restore the value each had before this import (its revision).
    const { changes: restored } = await tx.run(
      sql`UPDATE observations AS o SET value = r.old_value, flag = r.old_flag, bound = r.old_bound, source = r.old_source, import_id = r.old_import_id
          FROM revisions AS r
          WHERE r.new_import_id = ${importId} AND o.import_id = ${importId}
            AND o.indicator = r.indicator AND o.origin = r.origin AND o.destination = r.destination
            AND o.period = r.period AND o.breakdown = r.breakdown`,
    );
    // What still carries this import's id was inserted by it; the summary's groups of those rows shrink.
    await touchImport(tx, importId);
    const { changes: deleted } = await tx.run(sql`DELETE FROM observations WHERE import_id = ${importId}`);
    await recomputeTouched(tx);
    await tx.run(sql`UPDATE imports SET status = 'undone', undone_at = ${new Date().toISOString()} WHERE id = ${importId}`);
    return { importId, deleted, restored };
  }, `the undo of import ${importId}`);
}

export async function getImport(db: SqlRunner, id: number): Promise<ImportRow | undefined> {
  // Ids are 32-bit integers on PostgreSQL, which refuses a larger one instead of finding nothing.
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return undefined;
  return (await rowsOf(db, imports, sql`WHERE id = ${id}`))[0];
}

export interface ObservationKey {
  indicator: string;
  origin: string;
  destination?: string;
  period: string;
  breakdown?: string;
}

export interface ObservationValue {
  value: number;
  flag: string | null;
  bound: Bound | null;
  source: string | null;
  importId: number;
}

export interface ObservationHistoryEntry extends ObservationValue {
  /** The import that wrote this value. */
  fileName: string;
  importedAt: string;
  importedBy: string;
  /** The import that wrote this value was later undone. */
  undone: boolean;
  /** The import that replaced this value (null: nothing did, or the value's own import was undone). */
  replacedByImportId: number | null;
  replacedAt: string | null;
  /** The replacing import was undone, so this value came back. */
  replacementUndone: boolean;
}

export interface ObservationHistory {
  current: ObservationValue | null;
  /** Every value the observation had before, oldest first, from `revisions`. */
  history: ObservationHistoryEntry[];
}

/**
 * Every value one observation has had and which import wrote it. The chain comes from `revisions`:
 * each row is a replaced value (its import) and the import that replaced it. A replacement that was
 * undone is listed too (its value marked `undone`), so the history shows what readers once saw.
 * Not covered: a value inserted by an import that was then undone leaves no revision.
 */
export async function observationHistory(db: SqlRunner, key: ObservationKey): Promise<ObservationHistory> {
  const [destination, breakdown] = [key.destination ?? "WLD", key.breakdown ?? "total"];
  const current = await db.get<ObservationValue>(
    sql`SELECT value, flag, bound, source, import_id AS "importId" FROM observations
        WHERE indicator = ${key.indicator} AND origin = ${key.origin} AND destination = ${destination} AND period = ${key.period} AND breakdown = ${breakdown}`,
  );
  const rows = await db.all<Record<string, unknown>>(
    sql`SELECT r.old_value, r.old_flag, r.old_bound, r.old_source, r.old_import_id, r.new_value, r.new_flag, r.new_bound, r.new_import_id, r.replaced_at,
               o.file_name AS old_file, o.imported_at AS old_at, o.imported_by AS old_by, o.status AS old_status,
               n.file_name AS new_file, n.imported_at AS new_at, n.imported_by AS new_by, n.status AS new_status
        FROM revisions r JOIN imports o ON o.id = r.old_import_id JOIN imports n ON n.id = r.new_import_id
        WHERE r.indicator = ${key.indicator} AND r.origin = ${key.origin} AND r.destination = ${destination} AND r.period = ${key.period} AND r.breakdown = ${breakdown}
        ORDER BY r.id`,
  );
  const history: ObservationHistoryEntry[] = [];
  for (const r of rows) {
    const replacementUndone = r.new_status === "undone";
    history.push({
      value: r.old_value as number, flag: r.old_flag as string | null, bound: r.old_bound as Bound | null, source: r.old_source as string | null, importId: r.old_import_id as number,
      fileName: r.old_file as string, importedAt: r.old_at as string, importedBy: r.old_by as string, undone: r.old_status === "undone",
      replacedByImportId: r.new_import_id as number, replacedAt: r.replaced_at as string, replacementUndone,
    });
    // A replacement that was undone is no longer in observations: list its value here, once.
    if (replacementUndone)
      history.push({
        value: r.new_value as number, flag: r.new_flag as string | null, bound: r.new_bound as Bound | null, source: null /* revisions do not keep the new source */, importId: r.new_import_id as number,
        fileName: r.new_file as string, importedAt: r.new_at as string, importedBy: r.new_by as string, undone: true,
        replacedByImportId: null, replacedAt: null, replacementUndone: false,
      });
  }
  return { current: current ?? null, history };
}
