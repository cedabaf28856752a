/**
 * Accounts, API tokens and the audit log: the CLI's `users`, `tokens` and `audit` commands and the
 * web's credential checks go through here. Passwords are hashed with better-auth's own scrypt
 * (better-auth/crypto), so a user made here signs in on the web; tokens are stored as SHA-256 only.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { CorridorDb } from "./db.ts";
import { CorridorError, type ErrorCode } from "./errors.ts";
import { env } from "./env.ts";
import { account, apiTokens, appSettings, auditLog, user, USER_ROLES, type ApiTokenRow, type AuditRow, type UserRole } from "./schema.ts";

export { USER_ROLES, type UserRole } from "./schema.ts";

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;
/** RFC 5321's longest usable address; a display name far longer than any real one. */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_NAME_LENGTH = 200;

/** A refused account operation (unknown user, duplicate email, short password…), said in words. */
export class AccountError extends CorridorError {
  constructor(message: string, code: Extract<ErrorCode, "invalid" | "exists"> = "invalid") {
    super(code, message);
  }
}

export function isUserRole(value: unknown): value is UserRole {
  return typeof value === "string" && (USER_ROLES as readonly string[]).includes(value);
}

/** viewer < analyst < admin. */
export function roleAtLeast(role: UserRole, needed: UserRole): boolean {
  return USER_ROLES.indexOf(role) >= USER_ROLES.indexOf(needed);
}

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  createdAt: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new AccountError(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) throw new AccountError(`the password must have at most ${MAX_PASSWORD_LENGTH} characters`);
}

/** Makes a user that signs in with email + password (better-auth's "credential" account). */
export async function addUser(db: CorridorDb, input: { email: string; password: string; role: UserRole; name?: string }, by: string): Promise<UserSummary> {
  const email = input.email.trim().toLowerCase();
  if (email.length > MAX_EMAIL_LENGTH) throw new AccountError(`email: the address has ${email.length} characters; at most ${MAX_EMAIL_LENGTH} are allowed`);
  if (!EMAIL.test(email)) throw new AccountError(`"${input.email}" is not an email address`);
  const name = input.name?.trim() || email.split("@")[0]!;
  if (name.length > MAX_NAME_LENGTH) throw new AccountError(`name: the name has ${name.length} characters; at most ${MAX_NAME_LENGTH} are allowed`);
  if (!isUserRole(input.role)) throw new AccountError(`unknown role "${String(input.role)}" (roles: ${USER_ROLES.join(", ")})`);
  checkPassword(input.password);
  if (db.orm.select({ id: user.id }).from(user).where(eq(user.email, email)).get()) throw new AccountError(`a user with the email ${email} already exists`, "exists");
  const { hashPassword } = await import("better-auth/crypto");
  const hash = await hashPassword(input.password);
  const now = new Date();
  const id = randomUUID();
  db.sqlite.transaction(() => {
    db.orm.insert(user).values({ id, name, email, emailVerified: true, role: input.role, createdAt: now, updatedAt: now }).run();
    db.orm.insert(account).values({ id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: hash, createdAt: now, updatedAt: now }).run();
    audit(db, { actor: by, action: "user.add", target: email, detail: { role: input.role, name } });
  })();
  return { id, email, name, role: input.role, createdAt: now.toISOString() };
}

export function listUsers(db: CorridorDb): UserSummary[] {
  return db.orm
    .select()
    .from(user)
    .orderBy(user.createdAt)
    .all()
    .map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, createdAt: u.createdAt.toISOString() }));
}

export function setUserRole(db: CorridorDb, email: string, role: UserRole, by: string): UserSummary {
  if (!isUserRole(role)) throw new AccountError(`unknown role "${String(role)}" (roles: ${USER_ROLES.join(", ")})`);
  const key = email.trim().toLowerCase();
  const row = db.orm.select().from(user).where(eq(user.email, key)).get();
  if (!row) throw new AccountError(`no user with the email ${key}`);
  db.sqlite.transaction(() => {
    db.orm.update(user).set({ role, updatedAt: new Date() }).where(eq(user.id, row.id)).run();
    audit(db, { actor: by, action: "user.set-role", target: key, detail: { from: row.role, to: role } });
  })();
  return { id: row.id, email: row.email, name: row.name, role, createdAt: row.createdAt.toISOString() };
}

export function findUserById(db: CorridorDb, id: string): { email: string; name: string; role: UserRole } | undefined {
  const row = db.orm.select({ email: user.email, name: user.name, role: user.role }).from(user).where(eq(user.id, id)).get();
  return row;
}

// --- API tokens ---------------------------------------------------------------------------------

export const TOKEN_PREFIX = "cor_";

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface TokenSummary {
  id: number;
  name: string;
  role: UserRole;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function tokenSummary(row: ApiTokenRow): TokenSummary {
  const { tokenHash: _hash, ...rest } = row;
  return rest;
}

/** Makes a token; the plain token is in the result and nowhere else (only its hash is stored). */
export function createToken(db: CorridorDb, input: { name: string; role: UserRole }, by: string): TokenSummary & { token: string } {
  const name = input.name.trim();
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (!name || name.length > 100 || /[\u0000-\u001f]/.test(name)) throw new AccountError("a token needs a name of 1–100 printable characters");
  if (!isUserRole(input.role)) throw new AccountError(`unknown role "${String(input.role)}" (roles: ${USER_ROLES.join(", ")})`);
  if (db.orm.select({ id: apiTokens.id }).from(apiTokens).where(and(eq(apiTokens.name, name), isNull(apiTokens.revokedAt))).get()) {
    throw new AccountError(`a live token named "${name}" already exists (revoke it first)`, "exists");
  }
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const createdAt = new Date().toISOString();
  const row = db.sqlite.transaction(() => {
    const inserted = db.orm.insert(apiTokens).values({ name, tokenHash: hashToken(token), role: input.role, createdBy: by, createdAt }).returning().get();
    audit(db, { actor: by, action: "token.create", target: `token:${name}`, detail: { id: inserted.id, role: input.role } });
    return inserted;
  })();
  return { ...tokenSummary(row), token };
}

export function listTokens(db: CorridorDb): TokenSummary[] {
  return db.orm.select().from(apiTokens).orderBy(apiTokens.id).all().map(tokenSummary);
}

export function revokeToken(db: CorridorDb, id: number, by: string): TokenSummary {
  const row = db.orm.select().from(apiTokens).where(eq(apiTokens.id, id)).get();
  if (!row) throw new AccountError(`no token with id ${id}`);
  if (row.revokedAt) return tokenSummary(row);
  const revokedAt = new Date().toISOString();
  db.sqlite.transaction(() => {
    db.orm.update(apiTokens).set({ revokedAt }).where(eq(apiTokens.id, id)).run();
    audit(db, { actor: by, action: "token.revoke", target: `token:${row.name}`, detail: { id } });
  })();
  return tokenSummary({ ...row, revokedAt });
}

/** The live token this bearer string names (and marks it used), or undefined: unknown or revoked. */
export function verifyToken(db: CorridorDb, token: string): TokenSummary | undefined {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return undefined;
  const row = db.orm.select().from(apiTokens).where(eq(apiTokens.tokenHash, hashToken(token))).get();
  if (!row || row.revokedAt) return undefined;
  const now = new Date().toISOString();
  // Minute resolution is enough for "last used" and keeps reads from writing on every request.
  // Never waited for: while another writer (an import) holds the database, the mark is skipped.
  if ((!row.lastUsedAt || row.lastUsedAt.slice(0, 16) !== now.slice(0, 16)) && db.writes.busyWith === null)
    db.orm.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id)).run();
  return tokenSummary({ ...row, lastUsedAt: now });
}

// --- audit log ------------------------------------------------------------------------------------

export interface AuditEntry {
  actor: string;
  action: string;
  target?: string | null;
  detail?: Record<string, unknown> | null;
  ip?: string | null;
}

export function audit(db: CorridorDb, entry: AuditEntry): void {
  db.orm
    .insert(auditLog)
    .values({ at: new Date().toISOString(), actor: entry.actor, action: entry.action, target: entry.target ?? null, detail: entry.detail ?? null, ip: entry.ip ?? null })
    .run();
}

export function listAudit(db: CorridorDb, limit = 50): AuditRow[] {
  return db.orm.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit).all();
}

// --- the auth secret ------------------------------------------------------------------------------

/** $CORRIDOR_AUTH_SECRET, else a random secret made once and kept in the database. */
export function authSecret(db: CorridorDb): string {
  const fromEnv = env().CORRIDOR_AUTH_SECRET;
  if (fromEnv) return fromEnv;
  const key = "auth_secret";
  const read = () => db.orm.select().from(appSettings).where(eq(appSettings.key, key)).get()?.value;
  // Written once per database; read-only afterwards, so starting sign-in never waits for a writer.
  const kept = read();
  if (kept) return kept;
  db.orm.insert(appSettings).values({ key, value: randomBytes(32).toString("base64url") }).onConflictDoNothing().run();
  return read()!;
}
