/**
 * Every write a request makes runs through `writing`: as the database's only writer in this process
 * (the write gate in @corridor/data: while an import writes, other writes wait their turn without
 * blocking the server), and a refusal that says what is busy — 503 with Retry-After — instead of a
 * 500, or a write lost inside someone else's transaction.
 */
import { CorridorError, explainDatabaseError, WriteBusyError } from "@corridor/data";
import { db, openedDbPath } from "@/server/db";

export async function writing<T>(what: string, fn: () => T | Promise<T>): Promise<T> {
  return (await db()).writes.run(what, fn);
}

/**
 * The 503 for a write refused because the database was busy (this process's write gate, or
 * another process's lock: SQLite's BUSY explained as a "busy" DatabaseError), else undefined.
 * route() tries it first, so every busy refusal carries Retry-After.
 */
export function busyResponse(error: unknown): Response | undefined {
  const explained = explainDatabaseError(error, openedDbPath());
  if (!CorridorError.is(explained) || explained.code !== "busy") return undefined;
  const busy = WriteBusyError.is(explained) ? { busyWith: explained.holder, retryAfter: explained.retryAfterSeconds } : { busyWith: "another process's write", retryAfter: 5 };
  return Response.json({ error: explained.message, busyWith: busy.busyWith }, { status: 503, headers: { "Retry-After": String(busy.retryAfter), "Cache-Control": "no-store" } });
}
