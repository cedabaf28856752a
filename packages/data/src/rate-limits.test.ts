/**
 * Database-kept rate limits: a sliding window per bucket and key, counted the same by every
 * connection on the database (two server processes), cleared per key, pruned as it goes.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clearRateLimit, rateLimitWait, recordRateLimitHit, type RateLimit } from "./rate-limits.ts";
import { engineDb, testEngine, withTwoConnections } from "./test/helpers.ts";

const signIn: RateLimit = { bucket: "signin.client", max: 3, windowMs: 60_000 };
const T = 1_800_000_000_000;

describe("rate limits in the database", () => {
  it("allows max events in the window, then says how long until the oldest counted one leaves it", async () => {
    const db = await engineDb();
    for (let i = 0; i < 3; i++) {
      expect(await rateLimitWait(db, signIn, "a@example.org|10.0.0.1", T + i * 1000)).toBe(0);
      await recordRateLimitHit(db, signIn, "a@example.org|10.0.0.1", T + i * 1000);
    }
    expect(await rateLimitWait(db, signIn, "a@example.org|10.0.0.1", T + 3000)).toBe(57);
    // Another key, another bucket: their own counts.
    expect(await rateLimitWait(db, signIn, "a@example.org|10.0.0.2", T + 3000)).toBe(0);
    expect(await rateLimitWait(db, { ...signIn, bucket: "snapshots.publish" }, "a@example.org|10.0.0.1", T + 3000)).toBe(0);
    // The first event leaves the window at T + 60 s: one more is allowed.
    expect(await rateLimitWait(db, signIn, "a@example.org|10.0.0.1", T + 60_000)).toBe(0);
    expect(await rateLimitWait(db, signIn, "a@example.org|10.0.0.1", T + 59_999)).toBe(1);
  });

  it("is cleared per key, and keeps no row older than the window nor any key in the clear", async () => {
    const db = await engineDb();
    for (let i = 0; i < 3; i++) await recordRateLimitHit(db, signIn, "b@example.org|local", T + i);
    await recordRateLimitHit(db, signIn, "c@example.org|local", T);
    await clearRateLimit(db, signIn, "b@example.org|local");
    expect(await rateLimitWait(db, signIn, "b@example.org|local", T + 10)).toBe(0);
    await recordRateLimitHit(db, signIn, "d@example.org|local", T + 120_000);
    const rows = await db.all<{ key_hash: string; at: number }>(sql`SELECT key_hash, at FROM rate_limit_hits`);
    expect(rows.map((r) => r.at)).toEqual([T + 120_000]);
    expect(rows[0]!.key_hash).not.toContain("example.org");
  });

  // PGlite lives inside this process: one connection, nothing to share.
  it.skipIf(testEngine() === "pglite")("counts the same events from two connections (two server processes on one database)", async () => {
    await withTwoConnections(async (one, two) => {
      await recordRateLimitHit(one, signIn, "e@example.org|local", T);
      await recordRateLimitHit(two, signIn, "e@example.org|local", T + 1);
      await recordRateLimitHit(one, signIn, "e@example.org|local", T + 2);
      expect(await rateLimitWait(two, signIn, "e@example.org|local", T + 3)).toBe(60);
      await clearRateLimit(two, signIn, "e@example.org|local");
      expect(await rateLimitWait(one, signIn, "e@example.org|local", T + 3)).toBe(0);
    });
  });
});
