/** The sign-in limiters: failures per email + address and per email, sized by CORRIDOR_LOGIN_MAX_FAILURES. */
import { envCount, WindowLimiter } from "./rate-limit";

/** Failed sign-ins per key (email + IP) in a sliding window, in memory: one server process. */
export class FailureLimiter extends WindowLimiter {
  fail(key: string, now = Date.now()): void {
    this.record(key, now);
  }
}

const perClient = envCount("CORRIDOR_LOGIN_MAX_FAILURES", 5);
/** Failures per email + client address. */
export const loginLimiter = new FailureLimiter(perClient, 60_000);
/** Failures per email from any address: a guesser rotating addresses is stopped too. */
export const emailLimiter = new FailureLimiter(perClient * 4, 60_000);
