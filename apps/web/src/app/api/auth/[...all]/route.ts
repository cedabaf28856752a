/**
 * better-auth's endpoints (sign-in, sign-out, session). Sign-up is off: admins make users. Email
 * sign-ins go through signInWithLimits (server/sign-in.ts): rate limits and the audit log.
 */
import { auth, isHttps } from "@/server/auth";
import { MAX_AUTH_BODY_BYTES, signInWithLimits } from "@/server/sign-in";
import { errorResponse } from "@/server/route";
import { readLimited } from "@/server/uploads";

export const dynamic = "force-dynamic";

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
  if (request.method === "POST" && new URL(request.url).pathname.endsWith("/sign-in/email")) return signInWithLimits(request);
  const { handler } = await auth(isHttps(request.headers));
  return handler(request);
}

export const GET = handle;
export const POST = handle;
