/**
 * Email sign-in with its limits and audit trail, one home for both doors: better-auth's JSON
 * endpoint (the form with JavaScript) and the plain HTML form post (without). Failed sign-ins are
 * counted per email + client IP (the sixth failure within a minute is a 429) and per email from any
 * address (four times as many), so rotating addresses does not buy guesses. Every attempt goes to
 * the audit log (signin, signin.failed, signin.blocked).
 */
import { auditWrite, auth, clientIp, isHttps } from "@/server/auth";
import { emailLimiter, loginLimiter } from "@/server/login-limit";

/** Sign-in, sign-out and the like carry a few hundred bytes; a bigger body is refused as it streams. */
export const MAX_AUTH_BODY_BYTES = 64 * 1024;

// The address tried, cut short: a failed attempt's "email" is whatever the client sent.
const auditSignIn = (email: string, action: string, ip: string | null) => auditWrite({ actor: email.slice(0, 200) || "(no email)", ip }, action, null);

/**
 * The email a sign-in body names, read as better-auth (better-call) will read it: form fields for
 * urlencoded and multipart bodies, JSON otherwise. Reading only JSON counted every form-encoded
 * guess under the empty email, so those were never limited per account. A repeated field counts
 * by its last value, as better-call keeps the last one.
 */
async function signInEmail(request: Request): Promise<string> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  let value: unknown;
  try {
    if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) value = (await request.clone().formData()).getAll("email").at(-1);
    else value = (JSON.parse(await request.clone().text()) as { email?: unknown } | null)?.email;
  } catch {
    // better-auth answers a malformed body itself
  }
  return typeof value === "string" ? value.trim().toLowerCase() : "";
}

/** POST …/sign-in/email through the limiters: better-auth's own answer (with its Set-Cookie), or a 429. */
export async function signInWithLimits(request: Request): Promise<Response> {
  const { handler } = await auth(isHttps(request.headers));
  const email = await signInEmail(request);
  const ip = clientIp(request.headers);
  const key = `${email}|${ip ?? "local"}`;
  const wait = Math.max(await loginLimiter.blockedFor(key), await emailLimiter.blockedFor(email));
  if (wait > 0) {
    await auditSignIn(email, "signin.blocked", ip);
    return Response.json({ error: "too many failed sign-ins; try again later", retryAfterSeconds: wait }, { status: 429, headers: { "Retry-After": String(wait) } });
  }
  const response = await handler(request);
  if (response.status === 401 || response.status === 403) {
    await loginLimiter.record(key);
    await emailLimiter.record(email);
    await auditSignIn(email, "signin.failed", ip);
  } else if (response.ok) {
    await loginLimiter.reset(key);
    await auditSignIn(email, "signin", ip);
  }
  return response;
}
