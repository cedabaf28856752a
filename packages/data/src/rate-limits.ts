/**
 * Rate limits kept in the database: failed sign-ins per email and address, snapshots published per
 * address. Every server process on the database counts the same events, so two instances behind a
 * load balancer (or a restarted one) do not each grant a guesser a fresh allowance. A sliding
 * window: an event is allowed while fewer than `max` were counted in the last `windowMs`. Keys are
 * stored as hashes — they name emails and client addresses — and rows older than the window are
 * deleted as new ones come, so the table stays as small as the traffic of one window.
 */
import { createHash } from "node:crypto";
import { and, desc, eq, gt, lte } from "drizzle-orm";
import type { CorridorDb } from "./db.ts";
import { rateLimitHits } from "./schema.ts";

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
  const recent = await db.orm
    .select({ at: rateLimitHits.at })
    .from(rateLimitHits)
    .where(and(eq(rateLimitHits.bucket, limit.bucket), eq(rateLimitHits.keyHash, keyHash(key)), gt(rateLimitHits.at, now - limit.windowMs)))
    .orderBy(desc(rateLimitHits.at))
    .limit(limit.max);
  if (recent.length < limit.max) return 0;
  return Math.max(1, Math.ceil((recent.at(-1)!.at + limit.windowMs - now) / 1000));
}

/** Counts one event for `key`, and forgets this limit's events that have left the window. */
export async function recordRateLimitHit(db: CorridorDb, limit: RateLimit, key: string, now = Date.now()): Promise<void> {
  await db.writes.run(`a rate-limit count (${limit.bucket})`, () =>
    db.orm.transaction((tx) => {
      tx.delete(rateLimitHits).where(and(eq(rateLimitHits.bucket, limit.bucket), lte(rateLimitHits.at, now - limit.windowMs))).run();
      tx.insert(rateLimitHits).values({ bucket: limit.bucket, keyHash: keyHash(key), at: now }).run();
    }),
  );
}

/** Forgets `key`'s events under `limit` (a successful sign-in clears its failures). */
export async function clearRateLimit(db: CorridorDb, limit: RateLimit, key: string): Promise<void> {
  await db.writes.run(`a rate-limit reset (${limit.bucket})`, () =>
    db.orm.delete(rateLimitHits).where(and(eq(rateLimitHits.bucket, limit.bucket), eq(rateLimitHits.keyHash, keyHash(key)))).run(),
  );
}
