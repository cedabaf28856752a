/**
 * Accounts, API tokens and the audit log: the CLI's `users`, `tokens` and `audit` commands and the
 * web's credential checks go through here. Passwords are hashed with better-auth's own scrypt
 * (better-auth/crypto), so a user made here signs in on the web; tokens are stored as SHA-256 only.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { CorridorDb } from "./db.ts";
import { decodeRow, epochMs, insertRows, rowsOf, updateRows } from "./dialect.ts";
import type { SqlRunner } from "./runner.ts";
import { CorridorError, type ErrorCode } from "./errors.ts";
import { env } from "./env.ts";
import { account, apiTokens, auditLog, user, USER_ROLES, type ApiTokenRow, type AuditRow, type UserRole } from "./schema.ts";

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
  const taken = () => new AccountError(`a user with the email ${email} already exists`, "exists");
  if (await db.get(sql`SELECT id FROM "user" WHERE email = ${email}`)) throw taken();
  const { hashPassword } = await import("better-auth/crypto");
  const hash = await hashPassword(input.password);
  const now = new Date();
  const id = randomUUID();
  await db.transaction(async (tx) => {
    // Checked again inside: another request may have added the same address while the hash was made.
    if (await tx.get(sql`SELECT id FROM "user" WHERE email = ${email}`)) throw taken();
    await tx.run(insertRows(tx.engine, user, [{ id, name, email, emailVerified: true, role: input.role, createdAt: now, updatedAt: now }]));
    await tx.run(insertRows(tx.engine, account, [{ id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: hash, createdAt: now, updatedAt: now }]));
    await audit(tx, { actor: by, action: "user.add", target: email, detail: { role: input.role, name } });
  }, `adding the user ${email}`);
  return { id, email, name, role: input.role, createdAt: now.toISOString() };
}

interface UserListRow {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  createdAt: number;
}

const userColumns = (db: SqlRunner) => sql`id, email, name, role, ${epochMs(db.engine, "created_at")} AS "createdAt"`;
const userSummary = (u: UserListRow): UserSummary => ({ id: u.id, email: u.email, name: u.name, role: u.role, createdAt: new Date(Number(u.createdAt)).toISOString() });

export async function listUsers(db: SqlRunner): Promise<UserSummary[]> {
  return (await db.all<UserListRow>(sql`SELECT ${userColumns(db)} FROM "user" ORDER BY created_at`)).map(userSummary);
}

export async function setUserRole(db: CorridorDb, email: string, role: UserRole, by: string): Promise<UserSummary> {
  if (!isUserRole(role)) throw new AccountError(`unknown role "${String(role)}" (roles: ${USER_ROLES.join(", ")})`);
  const key = email.trim().toLowerCase();
  const row = await db.get<UserListRow>(sql`SELECT ${userColumns(db)} FROM "user" WHERE email = ${key}`);
  if (!row) throw new AccountError(`no user with the email ${key}`);
  await db.transaction(async (tx) => {
    await tx.run(updateRows(tx.engine, user, { role, updatedAt: new Date() }, sql`id = ${row.id}`));
    await audit(tx, { actor: by, action: "user.set-role", target: key, detail: { from: row.role, to: role } });
  }, `a role change of ${key}`);
  return { ...userSummary(row), role };
}

export async function findUserById(db: SqlRunner, id: string): Promise<{ email: string; name: string; role: UserRole } | undefined> {
  return db.get<{ email: string; name: string; role: UserRole }>(sql`SELECT email, name, role FROM "user" WHERE id = ${id}`);
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
export async function createToken(db: CorridorDb, input: { name: string; role: UserRole }, by: string): Promise<TokenSummary & { token: string }> {
  const name = input.name.trim();
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (!name || name.length > 100 || /[\u0000-\u001f]/.test(name)) throw new AccountError("a token needs a name of 1–100 printable characters");
  if (!isUserRole(input.role)) throw new AccountError(`unknown role "${String(input.role)}" (roles: ${USER_ROLES.join(", ")})`);
  const live = sql`SELECT id FROM api_tokens WHERE name = ${name} AND revoked_at IS NULL`;
  const taken = () => new AccountError(`a live token named "${name}" already exists (revoke it first)`, "exists");
  if (await db.get(live)) throw taken();
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const createdAt = new Date().toISOString();
  const row = await db.transaction(async (tx) => {
    if (await tx.get(live)) throw taken();
    const raw = await tx.get<Record<string, unknown>>(insertRows(tx.engine, apiTokens, [{ name, tokenHash: hashToken(token), role: input.role, createdBy: by, createdAt }], sql`RETURNING *`));
    const inserted = decodeRow(apiTokens, raw!);
    await audit(tx, { actor: by, action: "token.create", target: `token:${name}`, detail: { id: inserted.id, role: input.role } });
    return inserted;
  }, `a new API token (${name})`);
  return { ...tokenSummary(row), token };
}

export async function listTokens(db: SqlRunner): Promise<TokenSummary[]> {
  return (await rowsOf(db, apiTokens, sql`ORDER BY id`)).map(tokenSummary);
}

export async function revokeToken(db: CorridorDb, id: number, by: string): Promise<TokenSummary> {
  const [row] = await rowsOf(db, apiTokens, sql`WHERE id = ${id}`);
  if (!row) throw new AccountError(`no token with id ${id}`);
  if (row.revokedAt) return tokenSummary(row);
  const revokedAt = new Date().toISOString();
  await db.transaction(async (tx) => {
    await tx.run(sql`UPDATE api_tokens SET revoked_at = ${revokedAt} WHERE id = ${id}`);
    await audit(tx, { actor: by, action: "token.revoke", target: `token:${row.name}`, detail: { id } });
  }, `revoking API token ${id}`);
  return tokenSummary({ ...row, revokedAt });
}

/** The live token this bearer string names (and marks it used), or undefined: unknown or revoked. */
export async function verifyToken(db: CorridorDb, token: string): Promise<TokenSummary | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return undefined;
  const [row] = await rowsOf(db, apiTokens, sql`WHERE token_hash = ${hashToken(token)}`);
  if (!row || row.revokedAt) return undefined;
  const now = new Date().toISOString();
  // Minute resolution is enough for "last used" and keeps reads from writing on every request.
  // Never waited for: while another writer (an import) holds the database, the mark is skipped.
  if ((!row.lastUsedAt || row.lastUsedAt.slice(0, 16) !== now.slice(0, 16)) && db.writes.busyWith === null) await db.run(sql`UPDATE api_tokens SET last_used_at = ${now} WHERE id = ${row.id}`);
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

/** One audit row, written through `db` (inside the transaction of the change it records, where there is one). */
export async function audit(db: SqlRunner, entry: AuditEntry): Promise<void> {
  await db.run(
    insertRows(db.engine, auditLog, [{ at: new Date().toISOString(), actor: entry.actor, action: entry.action, target: entry.target ?? null, detail: entry.detail ?? null, ip: entry.ip ?? null }]),
  );
}

export async function listAudit(db: SqlRunner, limit = 50): Promise<AuditRow[]> {
  return rowsOf(db, auditLog, sql`ORDER BY id DESC LIMIT ${limit}`);
}

// --- the auth secret ------------------------------------------------------------------------------

/** $CORRIDOR_AUTH_SECRET, else a random secret made once and kept in the database. */
export async function authSecret(db: SqlRunner): Promise<string> {
  const fromEnv = env().CORRIDOR_AUTH_SECRET;
  if (fromEnv) return fromEnv;
  const key = "auth_secret";
  const read = async () => (await db.get<{ value: string }>(sql`SELECT value FROM app_settings WHERE key = ${key}`))?.value;
  // Written once per database; read-only afterwards, so starting sign-in never waits for a writer.
  const kept = await read();
  if (kept) return kept;
  await db.run(sql`INSERT INTO app_settings (key, value) VALUES (${key}, ${randomBytes(32).toString("base64url")}) ON CONFLICT DO NOTHING`);
  return (await read())!;
}
