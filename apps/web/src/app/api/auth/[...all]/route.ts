/**
 * better-auth's endpoints (sign-in, sign-out, session). Sign-up is off: admins make users. Failed
 * email sign-ins are counted per email + client IP: the sixth failure within a minute is a 429.
 */
import { auth, clientIp } from "@/server/auth";
import { loginLimiter } from "@/server/login-limit";

export const dynamic = "force-dynamic";

async function handle(request: Request): Promise<Response> {
  const { handler } = await auth();
  const path = new URL(request.url).pathname;
  if (request.method !== "POST" || !path.endsWith("/sign-in/email")) return handler(request);
  let email = "";
  try {
    const body = (await request.clone().json()) as { email?: unknown };
    if (typeof body.email === "string") email = body.email.trim().toLowerCase();
  } catch {
    // better-auth answers a malformed body itself
  }
  const key = `${email}|${clientIp(request.headers) ?? "local"}`;
  const wait = loginLimiter.blockedFor(key);
  if (wait > 0) {
    return Response.json({ error: "too many failed sign-ins; try again later", retryAfterSeconds: wait }, { status: 429, headers: { "Retry-After": String(wait) } });
  }
  const response = await handler(request);
  if (response.status === 401 || response.status === 403) loginLimiter.fail(key);
  else if (response.ok) loginLimiter.reset(key);
  return response;
}

export const GET = handle;
export const POST = handle;
