/**
 * The site's rate limits: events per key (an address, an email + address…) in a sliding window,
 * counted in the database (the data package's rate-limits.ts), so that every server process on it
 * — several instances behind a load balancer — counts the same events. The sign-in limiter counts
 * failures with it, the snapshot route publishes.
 */
import { clearRateLimit, rateLimitWait, recordRateLimitHit, type RateLimit } from "@corridor/data";
import { db } from "./db";

export class SharedLimiter {
  constructor(readonly limit: RateLimit) {}

  get max(): number {
    return this.limit.max;
  }

  /** Seconds until another event is allowed, 0 when it is. */
  async blockedFor(key: string): Promise<number> {
    return rateLimitWait(await db(), this.limit, key);
  }

  async record(key: string): Promise<void> {
    return recordRateLimitHit(await db(), this.limit, key);
  }

  async reset(key: string): Promise<void> {
    return clearRateLimit(await db(), this.limit, key);
  }
}

// Kept importable from here for the routes that read their limits beside the limiter.
export { envCount } from "@/lib/env";
