/**
 * The write API's security and behaviour against the built app: credentials (none, viewer, revoked
 * token, cookie from another origin), the upload limit, uploaded file names, dry run, commit + undo,
 * 422 bodies, NDJSON progress, event writes, the sign-in rate limit and the audit log.
 */
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import Database from "better-sqlite3";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corridorCli, startServer, type TestServer } from "./server";

const PASSWORD = "correct horse battery";
const LIMIT = 1_000_000;
let server: TestServer;
const tokens: Record<"analyst" | "viewer" | "revoked", string> = { analyst: "", viewer: "", revoked: "" };

/** What the data is: every observation and revision in key order, and how many imports are committed. */
function dataChecksum(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    const hash = createHash("sha256");
    for (const r of db
      .prepare("SELECT indicator, origin, destination, period, breakdown, value, flag, source FROM observations ORDER BY indicator, origin, destination, period, breakdown")
      .raw()
      .iterate())
      hash.update(JSON.stringify(r));
    hash.update(JSON.stringify(db.prepare("SELECT count(*) FROM imports WHERE status = 'committed'").raw().get()));
    return hash.digest("hex");
  } finally {
    db.close();
  }
}

function count(dbPath: string, sql: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare(sql).raw().get() as [number])[0];
  } finally {
    db.close();
  }
}

function form(content: string | Buffer, fileName = "upload.csv", fields: Record<string, string> = {}): FormData {
  const f = new FormData();
  f.append("file", new Blob([content]), fileName);
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const CSV = "indicator,origin,destination,period,value\nentries,TJK,RUS,2031,100\nentries,TJK,RUS,2032,200\n";

async function signIn(email: string, password: string, ip = "203.0.113.1"): Promise<Response> {
  return fetch(`${server.url}/api/auth/sign-in/email`, {
    method: "POST",
    // Node's fetch sends Fetch-Metadata headers, so better-auth wants the Origin a browser's login form sends.
    headers: { "Content-Type": "application/json", "X-Forwarded-For": ip, Origin: server.url },
    body: JSON.stringify({ email, password }),
  });
}

async function cookieOf(email: string): Promise<string> {
  const res = await signIn(email, PASSWORD, `198.51.100.${Math.floor(Math.random() * 200)}`);
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

beforeAll(async () => {
  server = await startServer({
    env: { CORRIDOR_MAX_UPLOAD_BYTES: String(LIMIT), CORRIDOR_TRUST_PROXY: "1" },
    // Bound like `npm start`: better-auth's idea of the site's own URL comes from this address.
    bind: "0.0.0.0",
    setup: (db) => {
      corridorCli(db, ["users", "add", "--email", "admin@example.org", "--role", "admin"], `${PASSWORD}\n`);
      corridorCli(db, ["users", "add", "--email", "viewer@example.org", "--role", "viewer"], `${PASSWORD}\n`);
      tokens.analyst = JSON.parse(corridorCli(db, ["tokens", "create", "--name", "nightly", "--role", "analyst", "--json"])).token;
      tokens.viewer = JSON.parse(corridorCli(db, ["tokens", "create", "--name", "reader", "--role", "viewer", "--json"])).token;
      const revoked = JSON.parse(corridorCli(db, ["tokens", "create", "--name", "old", "--role", "admin", "--json"]));
      tokens.revoked = revoked.token;
      corridorCli(db, ["tokens", "revoke", String(revoked.id)]);
    },
  });
});
afterAll(async () => server?.stop());

const WRITES: [string, string, () => BodyInit | undefined][] = [
  ["POST", "/api/imports", () => form(CSV)],
  ["DELETE", "/api/imports/1", () => undefined],
  ["POST", "/api/events", () => JSON.stringify({ title: "X", kind: "decree", starts_on: "2021-01-01", countries: "RUS" })],
  ["PUT", "/api/events/anything", () => JSON.stringify({ title: "X" })],
  ["DELETE", "/api/events/anything", () => undefined],
  ["POST", "/api/events/suggest", () => JSON.stringify({ text: "Decree" })],
  ["POST", "/api/users", () => JSON.stringify({ email: "x@example.org", role: "admin", password: PASSWORD })],
];

describe("write API: who may write", () => {
  it.each(WRITES)("%s %s: 401 without credentials, 403 as a viewer, 401 with a revoked token, nothing written", async (method, path, body) => {
    const before = dataChecksum(server.dbPath);
    const anonymous = await fetch(server.url + path, { method, body: body() });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: expect.stringMatching(/sign in/) });
    expect((await fetch(server.url + path, { method, body: body(), headers: bearer(tokens.viewer) })).status).toBe(403);
    const revoked = await fetch(server.url + path, { method, body: body(), headers: bearer(tokens.revoked) });
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ error: expect.stringMatching(/revoked/) });
    expect((await fetch(server.url + path, { method, body: body(), headers: bearer("cor_made-up") })).status).toBe(401);
    expect(dataChecksum(server.dbPath)).toBe(before);
  });

  it("an admin signed in from the CLI adds an analyst; cookie writes from another origin are refused", async () => {
    const cookie = await cookieOf("admin@example.org");
    const me = await fetch(`${server.url}/api/me`, { headers: { cookie } });
    expect(await me.json()).toEqual({ user: { email: "admin@example.org", name: "admin", role: "admin" } });
    const analyst = { email: "ana@example.org", name: "Ana", role: "analyst", password: PASSWORD };
    const foreign = await fetch(`${server.url}/api/users`, { method: "POST", headers: { cookie, Origin: "https://evil.example", "Content-Type": "application/json" }, body: JSON.stringify(analyst) });
    expect(foreign.status).toBe(403);
    const noOrigin = await fetch(`${server.url}/api/users`, { method: "POST", headers: { cookie, "Content-Type": "application/json" }, body: JSON.stringify(analyst) });
    expect(noOrigin.status).toBe(403);
    const made = await fetch(`${server.url}/api/users`, { method: "POST", headers: { cookie, Origin: server.url, "Content-Type": "application/json" }, body: JSON.stringify(analyst) });
    expect(made.status).toBe(201);
    const ana = await cookieOf("ana@example.org");
    expect(await (await fetch(`${server.url}/api/me`, { headers: { cookie: ana } })).json()).toMatchObject({ user: { email: "ana@example.org", role: "analyst" } });
    // An analyst may import but not manage users.
    expect((await fetch(`${server.url}/api/users`, { method: "POST", headers: { cookie: ana, Origin: server.url }, body: JSON.stringify(analyst) })).status).toBe(403);
    const dry = await fetch(`${server.url}/api/imports?dryRun=1`, { method: "POST", headers: { cookie: ana, Origin: server.url }, body: form(CSV) });
    expect(dry.status).toBe(200);
    const crossSite = await fetch(`${server.url}/api/imports`, { method: "POST", headers: { cookie: ana, Origin: "http://127.0.0.1:1" }, body: form(CSV) });
    expect(crossSite.status).toBe(403);
    // Sign-up is off: nobody makes their own account.
    const signUp = await fetch(`${server.url}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "me@example.org", password: PASSWORD, name: "me" }),
    });
    expect(signUp.ok).toBe(false);
    expect(count(server.dbPath, "SELECT count(*) FROM user WHERE email = 'me@example.org'")).toBe(0);
  });

  it("GET /api/me is 401 without credentials and names a token's role", async () => {
    expect((await fetch(`${server.url}/api/me`)).status).toBe(401);
    expect(await (await fetch(`${server.url}/api/me`, { headers: bearer(tokens.analyst) })).json()).toEqual({ user: { email: "token:nightly", name: "nightly", role: "analyst" } });
  });
});

describe("POST /api/imports", () => {
  it("refuses an oversized upload with 413 and writes nothing, not even the file", async () => {
    const before = dataChecksum(server.dbPath);
    const big = "indicator,origin,destination,period,value\n" + "entries,TJK,RUS,2031,1\n".repeat(Math.ceil((LIMIT * 1.5) / 23));
    const res = await fetch(`${server.url}/api/imports`, { method: "POST", headers: bearer(tokens.analyst), body: form(big) });
    expect(res.status).toBe(413);
    expect(dataChecksum(server.dbPath)).toBe(before);
    expect(readdirSync(server.uploadsDir)).toEqual([]);
    // Still answering.
    expect((await fetch(`${server.url}/api/imports`)).status).toBe(200);
  });

  it("a dry run reports the diff and writes nothing; commit then DELETE restores the data", async () => {
    const before = dataChecksum(server.dbPath);
    const dry = await fetch(`${server.url}/api/imports?dryRun=1`, { method: "POST", headers: bearer(tokens.analyst), body: form(CSV, "flows.csv") });
    expect(dry.status).toBe(200);
    const preview = await dry.json();
    expect(preview).toMatchObject({ dryRun: true, importId: null, inserted: 2, diff: { groups: [{ indicator: "entries", origin: "TJK", destination: "RUS", inserted: 2 }] } });
    expect(dataChecksum(server.dbPath)).toBe(before);

    const committed = await fetch(`${server.url}/api/imports`, { method: "POST", headers: bearer(tokens.analyst), body: form(CSV, "flows.csv") });
    expect(committed.status).toBe(201);
    const summary = await committed.json();
    expect(summary).toMatchObject({ importId: expect.any(Number), inserted: 2, fileName: "flows.csv" });
    expect(summary.diff).toBeUndefined();
    expect(dataChecksum(server.dbPath)).not.toBe(before);

    const row = await (await fetch(`${server.url}/api/imports/${summary.importId}`)).json();
    expect(row).toMatchObject({ id: summary.importId, fileName: "flows.csv", importedBy: "token:nightly" });
    const list = await (await fetch(`${server.url}/api/imports`)).json();
    expect(list.imports.some((i: { id: number }) => i.id === summary.importId)).toBe(true);
    const original = await fetch(`${server.url}/api/imports/${summary.importId}/file`);
    expect(original.headers.get("content-disposition")).toMatch(/^attachment; filename="flows\.csv"/);
    expect(await original.text()).toBe(CSV);

    const undo = await fetch(`${server.url}/api/imports/${summary.importId}`, { method: "DELETE", headers: bearer(tokens.analyst) });
    expect(undo.status).toBe(200);
    expect(dataChecksum(server.dbPath)).toBe(before);
    const again = await fetch(`${server.url}/api/imports/${summary.importId}`, { method: "DELETE", headers: bearer(tokens.analyst) });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: expect.any(String) });
  });

  it("keeps an uploaded original in the database whatever the client calls it, and nothing in the uploads folder", async () => {
    const res = await fetch(`${server.url}/api/imports`, { method: "POST", headers: bearer(tokens.analyst), body: form(CSV.replace(/203/g, "204"), "../../../../tmp/evil\u0000.csv") });
    expect(res.status).toBe(201);
    const { importId, fileName } = await res.json();
    expect(fileName).toBe("evil.csv");
    // Nothing written outside the folder, nothing left in it: the original is a row of import_files.
    expect(readdirSync(server.uploadsDir)).toEqual([]);
    const kept = new Database(server.dbPath, { readonly: true });
    try {
      expect(String(kept.prepare("SELECT bytes FROM import_files WHERE import_id = ?").pluck().get(importId))).toBe(CSV.replace(/203/g, "204"));
    } finally {
      kept.close();
    }
    const row = await (await fetch(`${server.url}/api/imports/${importId}`)).json();
    expect(row.fileName).toBe("evil.csv");
    await fetch(`${server.url}/api/imports/${importId}`, { method: "DELETE", headers: bearer(tokens.analyst) });
  });

  it("answers data errors with 422 naming line, column and value; bad options with 400", async () => {
    const before = dataChecksum(server.dbPath);
    const bad = await fetch(`${server.url}/api/imports`, {
      method: "POST",
      headers: bearer(tokens.analyst),
      body: form("indicator,origin,destination,period,value\nentries,TJK,RUS,2031,1\nentries,TJK,RUS,2032,three\n"),
    });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ importId: null, errors: [{ line: 3, column: "value", value: "three", message: expect.stringMatching(/not a number/) }] });
    const options = await fetch(`${server.url}/api/imports`, { method: "POST", headers: bearer(tokens.analyst), body: form(CSV, "x.csv", { format: "excel" }) });
    expect(options.status).toBe(400);
    expect((await fetch(`${server.url}/api/imports`, { method: "POST", headers: bearer(tokens.analyst), body: form(CSV, "x.csv", { map: "colour=A" }) })).status).toBe(400);
    // The importer's roles, as the CLI's --map takes them: no "unit"; "country" is one.
    const unit = await fetch(`${server.url}/api/imports`, { method: "POST", headers: bearer(tokens.analyst), body: form(CSV, "x.csv", { map: "unit=value" }) });
    expect(unit.status).toBe(400);
    expect(await unit.json()).toMatchObject({ error: expect.stringMatching(/map unit=value: unknown role "unit"/) });
    const country = await fetch(`${server.url}/api/imports?dryRun=1`, {
      method: "POST",
      headers: bearer(tokens.analyst),
      body: form("indicator,land,destination,period,value\nentries,TJK,RUS,2031,1\n", "x.csv", { map: "country=land" }),
    });
    expect(country.status).toBe(200);
    expect(await country.json()).toMatchObject({ dryRun: true, inserted: 1 });
    expect((await fetch(`${server.url}/api/imports`, { method: "POST", headers: bearer(tokens.analyst), body: "not multipart" })).status).toBe(400);
    expect(dataChecksum(server.dbPath)).toBe(before);
  });

  it("streams progress as NDJSON and ends with the result", async () => {
    const res = await fetch(`${server.url}/api/imports?dryRun=1`, { method: "POST", headers: { ...bearer(tokens.analyst), Accept: "application/x-ndjson" }, body: form(CSV) });
    expect(res.headers.get("content-type")).toBe("application/x-ndjson");
    const lines = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ status: 200, result: { dryRun: true, inserted: 2 } });
    expect(lines.slice(0, -1).every((l) => typeof l.progress?.bytesRead === "number" && typeof l.progress?.totalBytes === "number")).toBe(true);
  });
});

describe("event writes", () => {
  it("creates, updates (with versions) and deletes an event as an analyst, 422 on bad fields", async () => {
    const h = { ...bearer(tokens.analyst), "Content-Type": "application/json" };
    const invalid = await fetch(`${server.url}/api/events`, { method: "POST", headers: h, body: JSON.stringify({ title: "X", kind: "summit", starts_on: "2021-02-30" }) });
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).errors.map((e: { key: string }) => e.key)).toContain("starts_on");
    const made = await fetch(`${server.url}/api/events`, {
      method: "POST",
      headers: h,
      body: JSON.stringify({ title: "Test accord <script>alert(1)</script>", kind: "agreement", starts_on: "2031-03-01", countries: "RUS; TJK" }),
    });
    expect(made.status).toBe(201);
    const event = await made.json();
    expect(
      (await fetch(`${server.url}/api/events`, { method: "POST", headers: h, body: JSON.stringify({ id: event.id, title: "Again", kind: "agreement", starts_on: "2031-03-01", countries: "RUS" }) }))
        .status,
    ).toBe(409);
    const updated = await fetch(`${server.url}/api/events/${event.id}`, {
      method: "PUT",
      headers: h,
      body: JSON.stringify({ title: "Test accord", kind: "agreement", starts_on: "2031-03-02", countries: "RUS; TJK", baseVersion: event.version }),
    });
    expect(updated.status).toBe(200);
    const stale = await fetch(`${server.url}/api/events/${event.id}`, {
      method: "PUT",
      headers: h,
      body: JSON.stringify({ title: "Test accord", kind: "agreement", starts_on: "2031-03-03", countries: "RUS", baseVersion: event.version }),
    });
    expect(stale.status).toBe(409);
    const versions = await (await fetch(`${server.url}/api/events/${event.id}/versions`)).json();
    expect(versions.versions[0]).toMatchObject({ replacedBy: "token:nightly" });
    expect((await fetch(`${server.url}/api/events/${event.id}`, { method: "DELETE", headers: bearer(tokens.analyst) })).status).toBe(204);
    const suggestion = await fetch(`${server.url}/api/events/suggest`, {
      method: "POST",
      headers: h,
      body: JSON.stringify({ text: "On 18 April 2020 the President of Russia signed Decree No. 274." }),
    });
    expect(suggestion.status).toBe(200);
    // The existing read API is unchanged.
    expect(Array.isArray(await (await fetch(`${server.url}/api/events`)).json())).toBe(true);
  });
});

describe("sign-in and audit", () => {
  it("refuses the sixth failed sign-in in a minute for one email and IP with 429, even with the right password", async () => {
    for (let i = 0; i < 5; i++) expect((await signIn("viewer@example.org", "wrong password!", "192.0.2.9")).status).toBe(401);
    const limited = await signIn("viewer@example.org", PASSWORD, "192.0.2.9");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another client is not locked out by someone else's guesses.
    expect((await signIn("viewer@example.org", PASSWORD, "192.0.2.10")).status).toBe(200);
  });

  it("signs in from a form on this site by whatever name it was reached (localhost), not from another site's", async () => {
    // Raw HTTP so the Host header can name the site as a browser at http://localhost:PORT would.
    const post = (origin: string) =>
      new Promise<number>((done, fail) => {
        const { port } = new URL(server.url);
        const body = JSON.stringify({ email: "viewer@example.org", password: PASSWORD });
        const req = httpRequest(
          {
            host: "127.0.0.1",
            port,
            path: "/api/auth/sign-in/email",
            method: "POST",
            headers: { Host: `localhost:${port}`, Origin: origin, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), "X-Forwarded-For": "192.0.2.20" },
          },
          (res) => (res.resume(), done(res.statusCode!)),
        );
        req.on("error", fail);
        req.end(body);
      });
    expect(await post(`http://localhost:${new URL(server.url).port}`)).toBe(200);
    expect(await post("https://evil.example")).toBe(403);
  });

  it("has an audit row for every write: who, what, target, from where", async () => {
    const log = JSON.parse(corridorCli(server.dbPath, ["audit", "--json", "--limit", "200"])) as { actor: string; action: string; target: string | null; ip: string | null }[];
    const actions = new Set(log.map((r) => r.action));
    for (const a of ["user.add", "token.create", "token.revoke", "user.add.web", "import.commit", "import.undo", "event.create", "event.update", "event.delete", "import.refused"])
      expect(actions).toContain(a);
    expect(log.find((r) => r.action === "user.add.web")).toMatchObject({ actor: "admin@example.org", target: "ana@example.org" });
    expect(log.find((r) => r.action === "import.commit")).toMatchObject({ actor: "token:nightly" });
    // Sign-ins too, from the address server.mjs saw: the limit test above made each kind.
    expect(log.filter((r) => r.action === "signin.failed" && r.ip === "192.0.2.9")).toHaveLength(5);
    expect(log.find((r) => r.action === "signin.blocked")).toMatchObject({ actor: "viewer@example.org", ip: "192.0.2.9" });
    // A sign-in refused for its Origin is a failed attempt too.
    expect(log.find((r) => r.action === "signin.failed" && r.ip === "192.0.2.20")).toMatchObject({ actor: "viewer@example.org" });
    expect(log.find((r) => r.action === "signin" && r.ip === "192.0.2.10")).toMatchObject({ actor: "viewer@example.org" });
  });
});
