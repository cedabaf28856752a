/**
 * Every write a request makes runs through `writing`: as the database's only writer in this process
 * (the write gate in @corridor/data: while an import writes, other writes wait their turn without
 * blocking the server), and a refusal that says what is busy — 503 with Retry-After — instead of a
 * 500, or a write lost inside someone else's transaction.
 */
import { DatabaseError, explainDatabaseError, WriteBusyError } from "@corridor/data";
import { db } from "@/server/db";

export function writing<T>(what: string, fn: () => T | Promise<T>): Promise<T> {
  return db().writes.run(what, fn);
}

/** The 503 for a write refused because the database was busy (this process or another), else undefined. */
export function busyResponse(error: unknown): Response | undefined {
  const explained = explainDatabaseError(error, db().path);
  const busy =
    WriteBusyError.is(explained)
      ? { error: explained.message, busyWith: explained.holder, retryAfter: explained.retryAfterSeconds }
      : explained instanceof DatabaseError && /^SQLITE_(BUSY|LOCKED)/.test(explained.code)
        ? { error: explained.message, busyWith: "another process's write", retryAfter: 5 }
        : undefined;
  if (!busy) return undefined;
  return Response.json(
    { error: busy.error, busyWith: busy.busyWith },
    { status: 503, headers: { "Retry-After": String(busy.retryAfter), "Cache-Control": "no-store" } },
  );
}
