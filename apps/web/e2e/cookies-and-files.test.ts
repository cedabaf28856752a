/**
 * A server reached on a LAN address over plain HTTP and through an HTTPS proxy at once: the session
 * cookie is Secure exactly when the request came over HTTPS, and each kind signs the user in.
 * Also what the server keeps on disk: the database 0600, stray uploads of a killed import removed on start.
 */
import { existsSync, mkdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corridorCli, rawRequest, startServer, type TestServer } from "./server";

let server: TestServer;
const STRAY = "3f2b8c1e-6a4d-4e21-9b7a-0c5d1e2f3a4b.upload";

beforeAll(async () => {
  server = await startServer({
    env: { CORRIDOR_TRUST_PROXY: "1" },
    setup: (db) => corridorCli(db, ["users", "add", "--email", "lan@example.org", "--role", "viewer"], "correct horse battery\n"),
    beforeStart: (uploads) => {
      mkdirSync(uploads, { recursive: true });
      writeFileSync(join(uploads, STRAY), "half an upload");
      const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000);
      utimesSync(join(uploads, STRAY), yesterday, yesterday);
    },
  });
});
afterAll(async () => server?.stop());

async function signIn(headers: Record<string, string>) {
  const res = await rawRequest(server.url, "/api/auth/sign-in/email", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify({ email: "lan@example.org", password: "correct horse battery" }),
  });
  expect(res.status).toBe(200);
  const setCookie = [res.headers["set-cookie"] ?? []].flat().find((c) => c.includes("better-auth.session_token="));
  expect(setCookie).toBeDefined();
  return setCookie!;
}

const me = (cookie: string, host: string) => rawRequest(server.url, "/api/me", { headers: { Host: host, Cookie: cookie.split(";")[0]! } });

describe("session cookies follow the request's scheme", () => {
  it("plain HTTP on a LAN address: a cookie without Secure that then signs the user in", async () => {
    const host = `192.0.2.10:${new URL(server.url).port}`;
    const cookie = await signIn({ Host: host, Origin: `http://${host}` });
    expect(cookie).toMatch(/^better-auth\.session_token=/);
    expect(cookie).not.toMatch(/;\s*secure/i);
    const res = await me(cookie, host);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).user.email).toBe("lan@example.org");
  });

  it("behind an HTTPS proxy (X-Forwarded-Proto: https, CORRIDOR_TRUST_PROXY=1): a __Secure- Secure cookie that signs the user in", async () => {
    const cookie = await signIn({ Host: "corridor.example", "X-Forwarded-Proto": "https", Origin: "https://corridor.example" });
    expect(cookie).toMatch(/^__Secure-better-auth\.session_token=/);
    expect(cookie).toMatch(/;\s*secure/i);
    expect((await me(cookie, "corridor.example")).status).toBe(200);
  });
});

describe("files the server keeps", () => {
  it("removed the in-flight upload a killed import left behind, and keeps the folder private", () => {
    expect(existsSync(join(server.uploadsDir, STRAY))).toBe(false);
    expect((statSync(server.uploadsDir).mode & 0o777).toString(8)).toBe("700");
  });

  it("keeps the database readable by its owner only", () => {
    for (const file of [server.dbPath, `${server.dbPath}-wal`, `${server.dbPath}-shm`]) {
      if (existsSync(file)) expect([file, (statSync(file).mode & 0o777).toString(8)]).toEqual([file, "600"]);
    }
  });
});
