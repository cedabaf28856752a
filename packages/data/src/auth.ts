/**
 * The better-auth server for this database: email + password sign-in (no sign-up: admins make
 * users), sessions in the `session` table, the user's role as a read-only additional field.
 * Kept out of the root entry point so pages that never authenticate do not load better-auth.
 */
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import type { CorridorDb } from "./db.ts";
import { account, session, user, verification } from "./schema.ts";
import { authSecret, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./accounts.ts";

export * from "./accounts.ts";

export interface AuthOptions {
  /** The site's own origin(s), trusted for cookie requests (better-auth's CSRF origin check). */
  trustedOrigins?: string[];
  baseURL?: string;
}

export function createAuth(db: CorridorDb, options: AuthOptions = {}) {
  return betterAuth({
    appName: "Corridor",
    secret: authSecret(db),
    baseURL: options.baseURL,
    basePath: "/api/auth",
    trustedOrigins: options.trustedOrigins,
    database: drizzleAdapter(db.orm, { provider: "sqlite", schema: { user, session, account, verification } }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD_LENGTH, maxPasswordLength: MAX_PASSWORD_LENGTH },
    user: { additionalFields: { role: { type: "string", required: false, defaultValue: "viewer", input: false } } },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    // better-auth's own limiter (per IP and path, in memory: one server process) as a backstop;
    // the web layer also counts failed sign-ins per email + IP.
    rateLimit: { enabled: true, storage: "memory", window: 60, max: 100, customRules: { "/sign-in/email": { window: 60, max: 20 } } },
    telemetry: { enabled: false },
  });
}

export type CorridorAuth = ReturnType<typeof createAuth>;
