/**
 * The one wrapper every app-router API route goes through: who may call it (the reader gate or a
 * role), the JSON body read under a streamed size limit and checked against a zod schema, and every
 * refusal mapped to its HTTP status in one place (CorridorError's code → httpStatusOf, a busy
 * database → 503 + Retry-After, anything else → a 500 without internals).
 */
import "server-only";
import type { z } from "zod";
import { CorridorError, httpStatusOf } from "@corridor/data/pure";
import { authorise, type Caller, type Role } from "./auth";
import { readLimited } from "./uploads";
import { busyResponse } from "./writes";

/** JSON bodies (an event, a user, a press release) are small; a bigger one is refused as it streams. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/**
 * "public": anyone (the route decides itself); "reader": anyone unless CORRIDOR_REQUIRE_LOGIN=1,
 * then a viewer; a role: at least that role, and a same-origin request for a cookie-made write.
 */
export type Access = "public" | "reader" | Role;

export interface RouteContext<A extends Access, B, K extends string> {
  request: Request;
  /** The caller: always there for a role; null for an anonymous reader. */
  who: A extends Role ? Caller : Caller | null;
  /** The body as the schema made it (undefined when the route takes none). */
  body: B;
  /** The dynamic route segments named in the options (`params: ["id"]` → params.id). */
  params: Record<K, string>;
}

export interface RouteOptions<A extends Access, B, K extends string> {
  role: A;
  /** The JSON body's shape; its first issue's message is the 400's `error`. */
  body?: z.ZodType<B>;
  /** The dynamic segments the route reads ([id] → ["id"]). */
  params?: readonly K[];
}

/**
 * A Next route handler: `export const POST = route({ role: "analyst", body: eventBody }, async ({ who, body }) => …)`.
 * The handler returns its Response; anything it throws becomes one through errorResponse.
 */
export function route<A extends Access, B = undefined, K extends string = never>(
  options: RouteOptions<A, B, K>,
  handler: (context: RouteContext<A, B, K>) => Promise<Response> | Response,
): (request: Request, segment: { params: Promise<Record<K, string>> }) => Promise<Response> {
  return async (request, segment) => {
    try {
      const who = options.role === "public" ? null : await authorise(request, options.role === "reader" ? "reader" : options.role);
      const body = options.body ? parseBody(options.body, await readJson(request)) : (undefined as B);
      const params = ((await segment?.params) ?? {}) as Record<K, string>;
      return await handler({ request, who: who as RouteContext<A, B, K>["who"], body, params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** The response for anything a route threw: the one mapping from errors to HTTP. */
export function errorResponse(error: unknown): Response {
  const busy = busyResponse(error);
  if (busy) return busy;
  if (CorridorError.is(error)) {
    const status = httpStatusOf(error.code);
    const headers: Record<string, string> = status === 401 || status === 403 ? { "Cache-Control": "no-store" } : {};
    // A refusal that passes (a rate limit) says when to come back.
    const retry = error.details.retryAfterSeconds;
    if (typeof retry === "number") Object.assign(headers, { "Retry-After": String(retry), "Cache-Control": "no-store" });
    return Response.json(error.body(), { status, headers });
  }
  console.error(error);
  return Response.json({ error: "internal error" }, { status: 500 });
}

/**
 * A JSON object body read under MAX_JSON_BODY_BYTES, counted while it streams (readLimited, as
 * uploads are): past the limit — declared or chunked — it is a 413, never read whole first.
 */
export async function readJson(request: Request): Promise<Record<string, unknown>> {
  const text = new TextDecoder().decode(await readLimited(request, MAX_JSON_BODY_BYTES, "the body"));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CorridorError("usage", "the body is not JSON");
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new CorridorError("usage", "the body must be a JSON object");
  return value as Record<string, unknown>;
}

function parseBody<B>(schema: z.ZodType<B>, value: unknown): B {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new CorridorError("usage", issue.message, issue.path.length > 0 ? { parameter: issue.path.join(".") } : {});
}
