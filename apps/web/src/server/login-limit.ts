/** The sign-in limiters: failures per email + address and per email, sized by CORRIDOR_LOGIN_MAX_FAILURES. */
import { envCount, SharedLimiter } from "./rate-limit";

const perClient = envCount("CORRIDOR_LOGIN_MAX_FAILURES", 5);
/** Failures per email + client address. */
export const loginLimiter = new SharedLimiter({ bucket: "signin.client", max: perClient, windowMs: 60_000 });
/** Failures per email from any address: a guesser rotating addresses is stopped too. */
export const emailLimiter = new SharedLimiter({ bucket: "signin.email", max: perClient * 4, windowMs: 60_000 });
