/**
 * Accounts, API tokens, the audit log and the kept auth secret, on the engine under test: what the
 * CLI's `users`/`tokens`/`audit` commands and the web's credential checks rely on.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { AccountError, addUser, audit, authSecret, createToken, findUserById, listAudit, listTokens, listUsers, revokeToken, setUserRole, verifyToken } from "./accounts.ts";
import { engineDb } from "./test/helpers.ts";

const PASSWORD = "correct horse battery";

describe("users", () => {
  it("adds users with a hashed password, lists them oldest first, changes a role, and audits each change", async () => {
    const db = await engineDb();
    const before = Date.now();
    const ana = await addUser(db, { email: " Ana@Example.org ", password: PASSWORD, role: "admin", name: "Ana" }, "cli");
    expect(ana).toMatchObject({ email: "ana@example.org", name: "Ana", role: "admin" });
    await new Promise((r) => setTimeout(r, 5));
    await addUser(db, { email: "bob@example.org", password: PASSWORD, role: "viewer" }, "ana@example.org");
    const users = await listUsers(db);
    expect(users.map((u) => [u.email, u.name, u.role])).toEqual([
      ["ana@example.org", "Ana", "admin"],
      ["bob@example.org", "bob", "viewer"],
    ]);
    // The creation time comes back as the instant it was written, on either engine's column type.
    expect(Date.parse(users[0]!.createdAt)).toBe(Date.parse(ana.createdAt));
    expect(Date.parse(users[0]!.createdAt)).toBeGreaterThanOrEqual(before - 1);
    const stored = await db.get<{ password: string }>(sql`SELECT password FROM account WHERE user_id = ${ana.id}`);
    expect(stored!.password).not.toContain(PASSWORD);

    expect(await setUserRole(db, "BOB@example.org", "analyst", "ana@example.org")).toMatchObject({ email: "bob@example.org", role: "analyst", createdAt: users[1]!.createdAt });
    expect(await findUserById(db, users[1]!.id)).toEqual({ email: "bob@example.org", name: "bob", role: "analyst" });
    expect(await findUserById(db, "nobody")).toBeUndefined();
    expect((await listAudit(db)).map((a) => [a.actor, a.action, a.target, a.detail])).toEqual([
      ["ana@example.org", "user.set-role", "bob@example.org", { from: "viewer", to: "analyst" }],
      ["ana@example.org", "user.add", "bob@example.org", { role: "viewer", name: "bob" }],
      ["cli", "user.add", "ana@example.org", { role: "admin", name: "Ana" }],
    ]);
  });

  it("refuses a taken email, a short password, an unknown role and an unknown user, writing nothing", async () => {
    const db = await engineDb();
    await addUser(db, { email: "ana@example.org", password: PASSWORD, role: "admin" }, "cli");
    await expect(addUser(db, { email: "ANA@example.org", password: PASSWORD, role: "viewer" }, "cli")).rejects.toThrow(/a user with the email ana@example.org already exists/);
    await expect(addUser(db, { email: "b@example.org", password: "short", role: "viewer" }, "cli")).rejects.toThrow(/at least 10 characters/);
    await expect(addUser(db, { email: "b@example.org", password: PASSWORD, role: "owner" as never }, "cli")).rejects.toThrow(AccountError);
    await expect(setUserRole(db, "nobody@example.org", "admin", "cli")).rejects.toThrow(/no user with the email nobody@example.org/);
    expect((await listUsers(db)).map((u) => u.email)).toEqual(["ana@example.org"]);
    expect(await listAudit(db)).toHaveLength(1);
  });
});

describe("API tokens", () => {
  it("stores only a hash, verifies a live token and marks it used, refuses it once revoked, and audits", async () => {
    const db = await engineDb();
    const made = await createToken(db, { name: "nightly-upload", role: "analyst" }, "ana@example.org");
    expect(made).toMatchObject({ id: 1, name: "nightly-upload", role: "analyst", createdBy: "ana@example.org", lastUsedAt: null, revokedAt: null });
    expect(made.token).toMatch(/^cor_/);
    expect(JSON.stringify(await db.all(sql`SELECT * FROM api_tokens`))).not.toContain(made.token);
    await expect(createToken(db, { name: "nightly-upload", role: "viewer" }, "ana@example.org")).rejects.toThrow(/a live token named "nightly-upload" already exists/);

    expect(await verifyToken(db, "cor_not-a-token")).toBeUndefined();
    const verified = await verifyToken(db, made.token);
    expect(verified).toMatchObject({ id: 1, role: "analyst" });
    expect((await listTokens(db))[0]!.lastUsedAt).toBe(verified!.lastUsedAt);

    expect((await revokeToken(db, 1, "ana@example.org")).revokedAt).toEqual(expect.any(String));
    expect(await verifyToken(db, made.token)).toBeUndefined();
    await expect(revokeToken(db, 99, "ana@example.org")).rejects.toThrow(/no token with id 99/);
    // A revoked name is free again; the new token is numbered on.
    expect((await createToken(db, { name: "nightly-upload", role: "viewer" }, "ana@example.org")).id).toBe(2);
    expect((await listAudit(db, 10)).map((a) => [a.action, a.target, a.detail])).toEqual([
      ["token.create", "token:nightly-upload", { id: 2, role: "viewer" }],
      ["token.revoke", "token:nightly-upload", { id: 1 }],
      ["token.create", "token:nightly-upload", { id: 1, role: "analyst" }],
    ]);
  });
});

describe("audit log and auth secret", () => {
  it("lists the newest entries first up to the limit, with the address", async () => {
    const db = await engineDb();
    for (let i = 1; i <= 3; i++) await audit(db, { actor: "ana@example.org", action: "event.create", target: `event:${i}`, ip: "10.0.0.1" });
    expect((await listAudit(db, 2)).map((a) => [a.target, a.ip, a.detail])).toEqual([
      ["event:3", "10.0.0.1", null],
      ["event:2", "10.0.0.1", null],
    ]);
  });

  it("makes the auth secret once and keeps it in the database", async () => {
    const db = await engineDb();
    const secret = await authSecret(db);
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(await authSecret(db)).toBe(secret);
    expect(await db.get(sql`SELECT value FROM app_settings WHERE key = 'auth_secret'`)).toEqual({ value: secret });
  });
});
