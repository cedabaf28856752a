/**
 * better-auth's endpoints (sign-in, sign-out, session). Sign-up is off: admins make users. Failed
 * email sign-ins (JSON, urlencoded or multipart bodies alike) are counted per email + client IP
 * (the sixth failure within a minute is a 429) and per email from any address (four times as
 * many), so rotating addresses does not buy guesses.
 * Every email sign-in attempt goes to the audit log (signin, signin.failed, signin.blocked).
 */
import { auditWrite, auth, clientIp, isHttps } from "@/server/auth";
import { emailLimiter, loginLimiter } from "@/server/login-limit";
import { errorResponse } from "@/server/route";
import { readLimited } from "@/server/uploads";

/** Sign-in, sign-out and the like carry a few hundred bytes; a bigger body is refused as it streams. */
const MAX_AUTH_BODY_BYTES = 64 * 1024;

export const dynamic = "force-dynamic";

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

async function handle(received: Request): Promise<Response> {
  let request = received;
  if (received.body) {
    try {
      const body = await readLimited(received, MAX_AUTH_BODY_BYTES, "the body");
      request = new Request(received.url, { method: received.method, headers: received.headers, body });
    } catch (error) {
      // Past the limit (413), or whatever else reading failed with, answered as every route answers.
      return errorResponse(error);
    }
  }
  const { handler } = await auth(isHttps(request.headers));
  const path = new URL(request.url).pathname;
  if (request.method !== "POST" || !path.endsWith("/sign-in/email")) return handler(request);
  const email = await signInEmail(request);
  const ip = clientIp(request.headers);
  const key = `${email}|${ip ?? "local"}`;
  const wait = Math.max(loginLimiter.blockedFor(key), emailLimiter.blockedFor(email));
  if (wait > 0) {
    await auditSignIn(email, "signin.blocked", ip);
    return Response.json({ error: "too many failed sign-ins; try again later", retryAfterSeconds: wait }, { status: 429, headers: { "Retry-After": String(wait) } });
  }
  const response = await handler(request);
  if (response.status === 401 || response.status === 403) {
    loginLimiter.fail(key);
    emailLimiter.fail(email);
    await auditSignIn(email, "signin.failed", ip);
  } else if (response.ok) {
    loginLimiter.reset(key);
    await auditSignIn(email, "signin", ip);
  }
  return response;
}

export const GET = handle;
export const POST = handle;
