/**
 * Rate limits kept in the database: failed sign-ins per email and address, snapshots published per
 * address. Every server process on the database counts the same events, so two instances behind a
 * load balancer (or a restarted one) do not each grant a guesser a fresh allowance. A sliding
 * window: an event is allowed while fewer than `max` were counted in the last `windowMs`. Keys are
 * stored as hashes — they name emails and client addresses — and rows older than the window are
 * deleted as new ones come, so the table stays as small as the traffic of one window.
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { CorridorDb } from "./db.ts";

export interface RateLimit {
  /** Which count this is ("signin.client", "snapshots.publish"…): limits never share rows. */
  readonly bucket: string;
  readonly max: number;
  readonly windowMs: number;
}

const keyHash = (key: string) => createHash("sha256").update(key).digest("base64url");

/** Seconds until `key` may have another event under `limit`; 0 when it may now. */
export async function rateLimitWait(db: CorridorDb, limit: RateLimit, key: string, now = Date.now()): Promise<number> {
  // The max-th most recent event in the window: once it leaves the window, fewer than max remain.
  const recent = await db.all<{ at: number }>(
    sql`SELECT at FROM rate_limit_hits WHERE bucket = ${limit.bucket} AND key_hash = ${keyHash(key)} AND at > ${now - limit.windowMs} ORDER BY at DESC LIMIT ${limit.max}`,
  );
  if (recent.length < limit.max) return 0;
  return Math.max(1, Math.ceil((Number(recent.at(-1)!.at) + limit.windowMs - now) / 1000));
}

/** Counts one event for `key`, and forgets this limit's events that have left the window. */
export async function recordRateLimitHit(db: CorridorDb, limit: RateLimit, key: string, now = Date.now()): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run(sql`DELETE FROM rate_limit_hits WHERE bucket = ${limit.bucket} AND at <= ${now - limit.windowMs}`);
    await tx.run(sql`INSERT INTO rate_limit_hits (bucket, key_hash, at) VALUES (${limit.bucket}, ${keyHash(key)}, ${now})`);
  }, `a rate-limit count (${limit.bucket})`);
}

/** Forgets `key`'s events under `limit` (a successful sign-in clears its failures). */
export async function clearRateLimit(db: CorridorDb, limit: RateLimit, key: string): Promise<void> {
  await db.writes.run(`a rate-limit reset (${limit.bucket})`, () => db.run(sql`DELETE FROM rate_limit_hits WHERE bucket = ${limit.bucket} AND key_hash = ${keyHash(key)}`));
}
