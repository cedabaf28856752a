/** Failed sign-ins per key (email + IP) in a sliding window, in memory: one server process. */
export class FailureLimiter {
  private failures = new Map<string, number[]>();
  constructor(readonly maxFailures: number, readonly windowMs: number) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  /** Seconds until another attempt is allowed, 0 when it is. */
  blockedFor(key: string, now = Date.now()): number {
    const list = this.recent(key, now);
    if (list.length < this.maxFailures) return 0;
    return Math.max(1, Math.ceil((list[0]! + this.windowMs - now) / 1000));
  }

  fail(key: string, now = Date.now()): void {
    this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }
}

const max = Number(process.env.CORRIDOR_LOGIN_MAX_FAILURES ?? "5");
export const loginLimiter = new FailureLimiter(Number.isInteger(max) && max > 0 ? max : 5, 60_000);
