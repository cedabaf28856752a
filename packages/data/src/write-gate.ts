/**
 * One writer at a time per database, within a process. SQLite allows one write transaction at a
 * time, and better-sqlite3 waits for a lock synchronously (busy_timeout), stalling the event loop —
 * and with it the very import it waits for when both run in this process. So every write a server
 * makes (an import, an undo, an event, a user, a snapshot, an audit row, a session) first takes this
 * gate, asynchronously: while an import holds it, other writes wait their turn without blocking
 * anything, and past `waitMs` they are refused with a WriteBusyError that says what holds the gate
 * (an HTTP 503 with Retry-After), never half-done and never run inside someone else's transaction.
 * Reentrant: code already holding the gate (an import writing its audit row) goes straight through.
 * A PostgreSQL pool keeps the same rule with a transaction per pooled connection and the database's
 * own locks; the gate then only orders this process's writers.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { CorridorError } from "./errors.ts";
import { env } from "./env.ts";

/** How long a write waits for the gate by default: $CORRIDOR_WRITE_WAIT_MS, else 30 s. */
export function writeWaitMs(): number {
  return env().CORRIDOR_WRITE_WAIT_MS ?? 30_000;
}

const BUSY = Symbol.for("corridor.WriteBusyError");

/** A write refused because another one held the gate for longer than the wait. Nothing was written. */
export class WriteBusyError extends CorridorError {
  /** A reasonable wait before trying again, for a Retry-After header. */
  readonly retryAfterSeconds = 5;
  private readonly [BUSY] = true;

  /**
   * Recognised by a brand, not `instanceof`: a Next.js build may hold this module in more than one
   * chunk, and the gate that threw may come from another chunk than the route that catches.
   */
  static override is(error: unknown): error is WriteBusyError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[BUSY] === true;
  }

  constructor(
    readonly what: string,
    readonly holder: string,
    readonly heldForMs: number,
  ) {
    super("busy", `${what} was not done: the database is busy with ${holder} (for ${Math.round(heldForMs / 1000)} s so far); nothing was written, try again in a moment`);
  }
}

interface Holder {
  what: string;
  since: number;
}

interface Waiter {
  grant: () => void;
}

export class WriteGate {
  private holder: Holder | null = null;
  private readonly queue: Waiter[] = [];
  /** The gate this async context holds, if any (reentrancy). */
  private readonly inside = new AsyncLocalStorage<WriteGate>();

  /** What holds the gate now, for messages and tests. */
  get busyWith(): string | null {
    return this.holder?.what ?? null;
  }

  /** Runs `fn` as this process's only writer; waits up to `waitMs` for the writer before it. */
  async run<T>(what: string, fn: () => T | Promise<T>, waitMs = writeWaitMs()): Promise<T> {
    if (this.inside.getStore() === this) return fn();
    await this.acquire(what, waitMs);
    try {
      return await this.inside.run(this, fn);
    } finally {
      this.release();
    }
  }

  private acquire(what: string, waitMs: number): Promise<void> {
    if (!this.holder) {
      this.holder = { what, since: Date.now() };
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(timer);
          this.holder = { what, since: Date.now() };
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.queue.splice(this.queue.indexOf(waiter), 1);
        const holder = this.holder!;
        reject(new WriteBusyError(what, holder.what, Date.now() - holder.since));
      }, waitMs);
      this.queue.push(waiter);
    });
  }

  private release(): void {
    this.holder = null;
    this.queue.shift()?.grant();
  }
}
