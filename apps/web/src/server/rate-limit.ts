/**
 * Events per key (an address, an email + address…) in a sliding window, in memory: one server
 * process. The sign-in limiter counts failures with it, the snapshot route publishes.
 */

export class WindowLimiter {
  private hits = new Map<string, number[]>();
  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length === 0) this.hits.delete(key);
    else this.hits.set(key, list);
    return list;
  }

  /** Seconds until another event is allowed, 0 when it is. */
  blockedFor(key: string, now = Date.now()): number {
    const list = this.recent(key, now);
    if (list.length < this.max) return 0;
    return Math.max(1, Math.ceil((list[0]! + this.windowMs - now) / 1000));
  }

  record(key: string, now = Date.now()): void {
    this.hits.set(key, [...this.recent(key, now), now]);
    // Bounded memory: the oldest key goes first when many addresses are seen.
    if (this.hits.size > 10_000) this.hits.delete(this.hits.keys().next().value!);
  }

  reset(key: string): void {
    this.hits.delete(key);
  }
}

// Kept importable from here for the routes that read their limits beside the limiter.
export { envCount } from "@/lib/env";
