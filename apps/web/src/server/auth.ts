/**
 * Who is asking, and may they? `currentUser(headers)` reads an API token (`Authorization: Bearer`)
 * or a better-auth session cookie; `authorise(request, role)` is the one gate every route passes
 * (through route() in ./route.ts): 401 without valid credentials (revoked tokens included), 403 for
 * a lower role, and 403 for a cookie-authenticated write whose Origin is not this site (CSRF).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { db } from "@/server/db";
import type { CorridorAuth } from "@corridor/data/auth";
import { CorridorError, httpStatusOf, isSameOrigin, USER_ROLES, type UserRole } from "@corridor/data/pure";
import { env } from "@/lib/env";

export type Role = UserRole;
const ROLES: readonly Role[] = USER_ROLES;

export interface CurrentUser {
  email: string;
  name: string;
  role: Role;
}

/** The signed-in user plus how they proved it and the name the audit log gives them. */
export interface Caller extends CurrentUser {
  via: "cookie" | "token";
  /** The user's email, or `token:NAME` for an API token. */
  actor: string;
  ip: string | null;
}

const globalForAuth = globalThis as unknown as { corridorAuth?: Partial<Record<"http" | "https", Promise<CorridorAuth>>> };

/**
 * The better-auth server (loaded on first use, so pages that never ask do not load it): one with
 * `__Secure-` Secure cookies for requests that came over HTTPS, one with plain cookies for HTTP,
 * since one server may be reached both ways and a browser drops a Secure cookie sent over HTTP.
 */
export function auth(secure = false): Promise<CorridorAuth> {
  const scheme = secure ? "https" : "http";
  const instances = (globalForAuth.corridorAuth ??= {});
  instances[scheme] ??= import("@corridor/data/auth").then(async ({ createAuth }) => createAuth(await db(), { secureCookies: secure }));
  return instances[scheme];
}

/** Whether the request came over HTTPS, as server.mjs stamped it (X-Forwarded-Proto only with CORRIDOR_TRUST_PROXY=1). */
export function isHttps(headers: Headers): boolean {
  return headers.get("x-corridor-proto") === "https";
}

/** The session cookie's name; over HTTPS better-auth prefixes it `__Secure-`. */
export const SESSION_COOKIE = "better-auth.session_token";
const SECURE_SESSION_COOKIE = /(?:^|;\s*)__Secure-better-auth\.session_token=/;

function bearer(headers: Headers): string | null {
  const value = headers.get("authorization");
  const match = value?.match(/^Bearer\s+(\S+)\s*$/i);
  return match ? match[1]! : null;
}

function hasSessionCookie(headers: Headers): boolean {
  return (headers.get("cookie") ?? "").includes(SESSION_COOKIE);
}

async function identify(headers: Headers): Promise<Omit<Caller, "ip"> | null> {
  const token = bearer(headers);
  if (token !== null) {
    const { verifyToken } = await import("@corridor/data/auth");
    const t = await verifyToken(await db(), token);
    return t ? { email: `token:${t.name}`, name: t.name, role: t.role, via: "token", actor: `token:${t.name}` } : null;
  }
  if (!hasSessionCookie(headers)) return null;
  // The instance whose cookie name the request carries: a session made over HTTPS is read as such.
  const found = await (await auth(SECURE_SESSION_COOKIE.test(headers.get("cookie") ?? ""))).api.getSession({ headers });
  if (!found) return null;
  const { findUserById } = await import("@corridor/data/auth");
  // The role is read from the table, not the session cache, so a demotion takes effect at once.
  const u = await findUserById(await db(), found.user.id);
  return u && ROLES.includes(u.role) ? { ...u, via: "cookie", actor: u.email } : null;
}

export async function currentUser(headers: Headers): Promise<CurrentUser | null> {
  const who = await identify(headers);
  return who ? { email: who.email, name: who.name, role: who.role } : null;
}

/** The client's address as server.mjs stamped it (never a header the client chose, unless CORRIDOR_TRUST_PROXY=1). */
export function clientIp(headers: Headers): string | null {
  return headers.get("x-corridor-client-ip") || null;
}

export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

type Asking = Pick<Request, "method" | "headers">;

/**
 * The caller when they hold at least `role` ("reader": anyone unless CORRIDOR_REQUIRE_LOGIN=1, then
 * a viewer; null when anonymous), else a CorridorError ("unauthenticated" 401, "forbidden" 403).
 */
export async function authorise(request: Asking, role: Role): Promise<Caller>;
export async function authorise(request: Asking, role: Role | "reader"): Promise<Caller | null>;
export async function authorise(request: Asking, role: Role | "reader"): Promise<Caller | null> {
  if (role === "reader") {
    if (!loginRequired()) return null;
    role = "viewer";
  }
  const who = await identify(request.headers);
  if (!who) {
    throw new CorridorError("unauthenticated", bearer(request.headers) !== null ? "the API token is unknown or revoked" : "sign in first (session cookie or Authorization: Bearer token)");
  }
  const safe = request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS";
  if (!safe && who.via === "cookie" && !isSameOrigin(request.headers)) throw new CorridorError("forbidden", "cross-site request refused: the Origin header must be this site");
  if (!roleAtLeast(who.role, role)) throw new CorridorError("forbidden", `this needs the ${role} role; you are ${who.role}`);
  return { ...who, ip: clientIp(request.headers) };
}

/** Reads follow CORRIDOR_REQUIRE_LOGIN: anonymous unless it is 1, then at least a viewer. */
export function loginRequired(): boolean {
  return env().CORRIDOR_REQUIRE_LOGIN;
}

/** Node's request headers as fetch Headers (pages-router routes get IncomingHttpHeaders). */
export function fetchHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  return headers;
}

/**
 * The reader gate for pages-router routes (Node req/res, so route() does not fit them): true when
 * the reader may go on, else the refusal is sent as route() would send it.
 */
export async function requireNodeReader(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  try {
    await authorise({ method: req.method ?? "GET", headers: fetchHeaders(req) }, "reader");
    return true;
  } catch (error) {
    if (!CorridorError.is(error)) throw error;
    res.writeHead(httpStatusOf(error.code), { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(error.body()));
    return false;
  }
}

/** Writes an audit row for a write done by `who` (or a sign-in attempt: the email tried and the address). */
export async function auditWrite(who: Pick<Caller, "actor" | "ip">, action: string, target: string | null, detail?: Record<string, unknown>): Promise<void> {
  const { audit } = await import("@corridor/data/auth");
  // Through the write gate (at once when the caller already holds it with the write it records).
  const database = await db();
  await database.writes.run(`an audit row (${action})`, () => audit(database, { actor: who.actor, action, target, detail: detail ?? null, ip: who.ip }));
}
