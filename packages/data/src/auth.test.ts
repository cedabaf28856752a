import { describe, expect, it } from "vitest";
import { sameHostOrigins } from "./auth.ts";
import { testEngine } from "./test/helpers.ts";

const request = (headers: Record<string, string>) => new Request("http://0.0.0.0:3000/api/auth/sign-in/email", { method: "POST", headers });

describe("sameHostOrigins", () => {
  it("trusts the host the request was sent to, by either scheme — not the address the server is bound to", () => {
    expect(sameHostOrigins(request({ host: "localhost:3000" }))).toEqual(["http://localhost:3000", "https://localhost:3000"]);
  });
  it("adds the public name a reverse proxy forwards", () => {
    expect(sameHostOrigins(request({ host: "127.0.0.1:3000", "x-forwarded-host": "corridor.example.org" }))).toEqual([
      "http://corridor.example.org",
      "https://corridor.example.org",
      "http://127.0.0.1:3000",
      "https://127.0.0.1:3000",
    ]);
  });
  it("trusts nothing without a request (server-side calls have no origin to check)", () => {
    expect(sameHostOrigins(undefined)).toEqual([]);
  });
});

describe("createAuth", () => {
  const PASSWORD = "correct horse battery";

  async function signedIn() {
    const { engineDb } = await import("./test/helpers.ts");
    const { addUser } = await import("./accounts.ts");
    const { createAuth } = await import("./auth.ts");
    const db = await engineDb();
    await addUser(db, { email: "ana@example.org", password: PASSWORD, role: "analyst", name: "Ana" }, "cli");
    const auth = await createAuth(db);
    const signIn = () => auth.api.signInEmail({ body: { email: "ana@example.org", password: PASSWORD }, returnHeaders: true });
    return { db, auth, signIn };
  }

  it("takes its writes (a sign-in's new session) through the write gate: one waits while an import holds it", async () => {
    const { db, signIn } = await signedIn();
    let release!: () => void;
    const holding = db.writes.run("an import of big.csv by ana", () => new Promise<void>((r) => (release = r)));
    let done = false;
    const pending = signIn().then((r) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 100));
    expect(done).toBe(false);
    release();
    await holding;
    const { headers } = await pending;
    expect(headers.get("set-cookie")).toMatch(/better-auth\.session_token=/);
  });

  it("refuses a name over the maximum through better-auth's own update-user, as addUser does", async () => {
    const { auth, signIn } = await signedIn();
    const { headers } = await signIn();
    const cookie = headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    await expect(auth.api.updateUser({ body: { name: "x".repeat(201) }, headers: new Headers({ cookie }) })).rejects.toThrow(/name: the name has 201 characters; at most 200 are allowed/);
    await expect(auth.api.updateUser({ body: { name: "Ana K." }, headers: new Headers({ cookie }) })).resolves.toMatchObject({ status: true });
  });

  it("refuses a wrong password, and answers getSession with the user and role", async () => {
    const { auth, signIn } = await signedIn();
    await expect(auth.api.signInEmail({ body: { email: "ana@example.org", password: "not the password" } })).rejects.toThrow(/invalid email or password/i);
    const { headers } = await signIn();
    const cookie = headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    expect(await auth.api.getSession({ headers: new Headers({ cookie }) })).toMatchObject({ user: { email: "ana@example.org", role: "analyst", emailVerified: true } });
    expect(await auth.api.getSession({ headers: new Headers({ cookie: "better-auth.session_token=forged.value" }) })).toBeNull();
  });

  // PGlite lives inside this process: one connection, nothing to share.
  it.skipIf(testEngine() === "pglite")("accepts a session made through one connection on another (two server processes on one database), until it signs out", async () => {
    const { withTwoConnections } = await import("./test/helpers.ts");
    const { addUser } = await import("./accounts.ts");
    const { createAuth } = await import("./auth.ts");
    await withTwoConnections(async (one, two) => {
      await addUser(one, { email: "ana@example.org", password: PASSWORD, role: "admin" }, "cli");
      const first = await createAuth(one);
      const second = await createAuth(two);
      const { headers } = await first.api.signInEmail({ body: { email: "ana@example.org", password: PASSWORD }, returnHeaders: true });
      const cookie = new Headers({
        cookie: headers
          .getSetCookie()
          .map((c) => c.split(";")[0])
          .join("; "),
      });
      expect(await second.api.getSession({ headers: cookie })).toMatchObject({ user: { email: "ana@example.org", role: "admin" } });
      await second.api.signOut({ headers: cookie });
      expect(await first.api.getSession({ headers: cookie })).toBeNull();
    });
  });
});
