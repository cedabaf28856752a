/** CORRIDOR_REQUIRE_LOGIN=1: pages, API, charts and embeds need a viewer; /login and sign-in stay open. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corridorCli, rawRequest, startServer, type TestServer } from "./server";

let server: TestServer;
let viewer = "";
let revoked = "";

beforeAll(async () => {
  server = await startServer({
    env: { CORRIDOR_REQUIRE_LOGIN: "1" },
    setup: (db) => {
      corridorCli(db, ["users", "add", "--email", "vera@example.org", "--role", "viewer"], "correct horse battery\n");
      corridorCli(db, ["users", "add", "--email", "fred@example.org", "--role", "viewer"], "correct horse battery\n");
      corridorCli(db, ["users", "add", "--email", "cora@example.org", "--role", "viewer"], "correct horse battery\n");
      viewer = JSON.parse(corridorCli(db, ["tokens", "create", "--name", "reader", "--role", "viewer", "--json"])).token;
      const old = JSON.parse(corridorCli(db, ["tokens", "create", "--name", "old", "--role", "viewer", "--json"]));
      revoked = old.token;
      corridorCli(db, ["tokens", "revoke", String(old.id)]);
    },
  });
});
afterAll(async () => server?.stop());

const SERIES = "indicator=remittances_received_usd&origin=TJK&destination=WLD";
const READS = ["/api/series?" + SERIES, "/api/events", "/api/imports", "/api/profiles", `/api/charts/series.svg?${SERIES}`, `/embed/series?${SERIES}`];

const raw = (path: string) => rawRequest(server.url, path);

/** Targets that Next routes to protected data while the raw path starts like a public one. */
const TRICKS = [
  `/login/../api/series?${SERIES}`,
  `/api/auth/../series?${SERIES}`,
  `/_next/static/../../api/series?${SERIES}`,
  `/icon.svg/../api/series?${SERIES}`,
  `/api/me/../series?${SERIES}`,
  `/login/../api/charts/series.svg?${SERIES}`,
  `/login/../embed/series?${SERIES}`,
  `/login/%2e%2e/api/series?${SERIES}`,
  `/login/%2E%2E%2Fapi%2Fseries?${SERIES}`,
  `/login%2f..%2fapi/series?${SERIES}`,
  `/login/%252e%252e/api/series?${SERIES}`,
  `//api/series?${SERIES}`,
  `/login//../api/series?${SERIES}`,
  `/icon.svg.json`,
  `/favicon.ico/../api/events`,
  `/robots.txt/x`,
  `/LOGIN/../api/series?${SERIES}`,
  `/API/series?${SERIES}`,
  `/login\\..\\api\\series?${SERIES}`,
  `/login/./../explorer`,
  `/login/..`,
];

describe("CORRIDOR_REQUIRE_LOGIN=1", () => {
  it.each(TRICKS)("refuses %s without sign-in (401, or 302 to /login), never the data", async (path) => {
    const res = await raw(path);
    if (res.status === 302) expect(String(res.headers.location)).toMatch(/^\/login\?next=/);
    else expect(res.status).toBe(401);
    expect(res.body).not.toMatch(/remittances|"events"|<svg/i);
  });

  it("still serves the public paths themselves, and no suffix of them", async () => {
    expect((await raw("/login")).status).toBe(200);
    expect((await raw("/api/me")).status).toBe(401); // the route's own answer: nobody is signed in
    expect((await raw("/login/x")).status).toBe(302);
    expect((await raw("/api/mex")).status).toBe(401);
  });

  it("sends anonymous page readers to /login with the page to come back to", async () => {
    for (const page of ["/", "/explorer", "/events"]) {
      const res = await fetch(server.url + page, { redirect: "manual" });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe(`/login?next=${encodeURIComponent(page)}`);
    }
    const login = await fetch(`${server.url}/login?next=/explorer`);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain("Sign in");
  });

  it.each(READS)("%s: 401 anonymous and with a revoked token (twice: the chart fast path must not answer), 200 for a viewer", async (path) => {
    const ok = await fetch(server.url + path, { headers: { Authorization: `Bearer ${viewer}` } });
    expect(ok.status).toBe(200);
    // A signed-in reader's copy is never one a shared cache (a CDN) may keep and hand to others.
    expect(ok.headers.get("cache-control") ?? "").not.toMatch(/public/);
    for (let i = 0; i < 2; i++) {
      expect((await fetch(server.url + path)).status).toBe(401);
      expect((await fetch(server.url + path, { headers: { Authorization: `Bearer ${revoked}` } })).status).toBe(401);
    }
  });

  it("counts failed sign-ins by the real client address: a made-up X-Forwarded-For does not reset the limit", async () => {
    const attempt = (password: string, i: number) =>
      fetch(`${server.url}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Forwarded-For": `10.0.0.${i}`, Origin: server.url },
        body: JSON.stringify({ email: "vera@example.org", password }),
      });
    for (let i = 0; i < 5; i++) expect((await attempt("wrong password!", i)).status).toBe(401);
    expect((await attempt("correct horse battery", 99)).status).toBe(429);
  });

  it("counts form-encoded sign-ins under their email too: five wrong, then the right password in any encoding is a 429", async () => {
    const url = `${server.url}/api/auth/sign-in/email`;
    const headers = { Origin: server.url };
    const form = (password: string) => new URLSearchParams({ email: "Fred@example.org", password });
    for (let i = 0; i < 5; i++) {
      const wrong = await fetch(url, { method: "POST", headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" }, body: form(`wrong password ${i}`) });
      expect(wrong.status).toBe(401);
    }
    const multipart = new FormData();
    multipart.set("email", "fred@example.org");
    multipart.set("password", "correct horse battery");
    for (const body of [form("correct horse battery"), multipart, JSON.stringify({ email: "fred@example.org", password: "correct horse battery" })]) {
      const res = await fetch(url, { method: "POST", headers: typeof body === "string" ? { ...headers, "Content-Type": "application/json" } : headers, body });
      expect(res.status).toBe(429);
    }
  });

  it("ignores X-Forwarded-Proto without CORRIDOR_TRUST_PROXY=1: a plain-HTTP sign-in gets a plain cookie that works", async () => {
    const res = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-Proto": "https", Origin: server.url },
      body: JSON.stringify({ email: "cora@example.org", password: "correct horse battery" }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.includes("better-auth.session_token="))!;
    expect(cookie).toMatch(/^better-auth\.session_token=[^;]+;(?!.*;\s*secure)/i);
    const page = await fetch(`${server.url}/explorer`, { headers: { Cookie: cookie.split(";")[0]! }, redirect: "manual" });
    expect(page.status).toBe(200);
  });

  it("lets a viewer read pages", async () => {
    const res = await fetch(`${server.url}/`, { headers: { Authorization: `Bearer ${viewer}` } });
    expect(res.status).toBe(200);
  });
});
