/**
 * The better-auth server for this database: email + password sign-in (no sign-up: admins make
 * users), sessions in the `session` table, the user's role as a read-only additional field.
 * Kept out of the root entry point so pages that never authenticate do not load better-auth.
 */
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError } from "better-auth/api";
import type { CorridorDb } from "./db.ts";
import type { WriteGate } from "./write-gate.ts";
import { siteOrigins } from "./origins.ts";
import { account, session, user, verification } from "./schema.ts";
import * as pg from "./schema-pg.ts";
import { authSecret, MAX_NAME_LENGTH, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./accounts.ts";

export * from "./accounts.ts";

export interface AuthOptions {
  /** The site's own origin(s), trusted for cookie requests (better-auth's CSRF origin check). */
  trustedOrigins?: string[];
  baseURL?: string;
  /**
   * Secure (`__Secure-` prefixed) cookies: true exactly when the site is served over HTTPS. A browser
   * drops a Secure cookie set over plain HTTP (except on localhost), so sign-in at
   * http://192.168.1.5:3000 silently failed when better-auth chose by NODE_ENV=production. Default false.
   */
  secureCookies?: boolean;
}

/**
 * The origins of the host a request was sent to (origins.ts). better-auth otherwise trusts only the
 * origin it infers from the server's own URL (0.0.0.0:3000 under `npm start`), so a sign-in from
 * http://localhost:3000 was refused as "Invalid origin".
 */
export function sameHostOrigins(request?: Request): string[] {
  return siteOrigins(request?.headers);
}

/**
 * better-auth's drizzle adapter for the database's engine: SQLite's tables through drizzle's SQLite
 * ORM, or PostgreSQL's (schema-pg.ts: timestamps and booleans of PostgreSQL's own types) through its
 * PostgreSQL ORM. Sessions live in the database either way, so every process on it accepts them.
 */
function authAdapter(db: CorridorDb) {
  return db.engine === "postgres"
    ? drizzleAdapter(db.pgOrm, { provider: "pg", schema: { user: pg.user, session: pg.session, account: pg.account, verification: pg.verification } })
    : drizzleAdapter(db.orm, { provider: "sqlite", schema: { user, session, account, verification } });
}

export async function createAuth(db: CorridorDb, options: AuthOptions = {}) {
  const secret = await authSecret(db);
  return betterAuth({
    appName: "Corridor",
    secret,
    baseURL: options.baseURL,
    basePath: "/api/auth",
    trustedOrigins: options.trustedOrigins ?? sameHostOrigins,
    database: throughWriteGate(authAdapter(db), db.writes),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD_LENGTH, maxPasswordLength: MAX_PASSWORD_LENGTH },
    user: { additionalFields: { role: { type: "string", required: false, defaultValue: "viewer", input: false } } },
    // better-auth's own /update-user bypasses addUser: the same maximum holds there.
    databaseHooks: {
      user: {
        update: {
          before: async (changes) => {
            if (typeof changes.name === "string" && changes.name.length > MAX_NAME_LENGTH)
              throw new APIError("BAD_REQUEST", { message: `name: the name has ${changes.name.length} characters; at most ${MAX_NAME_LENGTH} are allowed` });
          },
        },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    // better-auth's own limiter (per IP and path, in memory: one server process) as a backstop;
    // the web layer also counts failed sign-ins per email + IP.
    rateLimit: { enabled: true, storage: "memory", window: 60, max: 100, customRules: { "/sign-in/email": { window: 60, max: 20 } } },
    // server.mjs stamps the client's address (a header the client cannot choose).
    // Origin and CSRF checks pinned on: better-auth turns them off by itself when NODE_ENV=test,
    // which is how the browser tests once passed while a sign-in at http://localhost:3000 failed.
    advanced: { ipAddress: { ipAddressHeaders: ["x-corridor-client-ip"] }, disableOriginCheck: false, disableCSRFCheck: false, useSecureCookies: options.secureCookies ?? false },
    telemetry: { enabled: false },
  });
}

export type CorridorAuth = Awaited<ReturnType<typeof createAuth>>;

/** The adapter methods that write (better-auth's DBAdapter). */
const ADAPTER_WRITES = ["create", "update", "updateMany", "delete", "deleteMany", "consumeOne", "incrementOne", "transaction"] as const;

/**
 * better-auth's database adapter with every write taken through the write gate, like the app's own
 * writes: a sign-in (a new session row) during an import waits its turn instead of blocking the
 * event loop on SQLite's lock or failing.
 */
function throughWriteGate<F extends (options: never) => object>(adapter: F, gate: WriteGate): F {
  return ((options: never) => {
    const inner = adapter(options) as Record<string, unknown>;
    const wrapped: Record<string, unknown> = { ...inner };
    for (const name of ADAPTER_WRITES) {
      const method = inner[name];
      if (typeof method === "function") wrapped[name] = (...args: unknown[]) => gate.run(`a sign-in (${name} ${(args[0] as { model?: string })?.model ?? ""})`.trim(), () => method.apply(inner, args));
    }
    return wrapped;
  }) as F;
}
