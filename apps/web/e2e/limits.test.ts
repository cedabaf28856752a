/** Bounded work per request, against the built app. */
import { request as httpRequest } from "node:http";
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corridorCli, startServer, type TestServer } from "./server";

const PASSWORD = "correct horse battery";
const REMITTANCES = "indicator=remittances_received_usd&origin=TJK&destination=WLD";
const SNAPSHOTS_PER_HOUR = 3;
let server: TestServer;
const tokens = { analyst: "", admin: "" };

beforeAll(async () => {
  server = await startServer({
    env: { CORRIDOR_SNAPSHOTS_PER_HOUR: String(SNAPSHOTS_PER_HOUR), CORRIDOR_TRUST_PROXY: "1" },
    setup: (db) => {
      tokens.analyst = JSON.parse(corridorCli(db, ["tokens", "create", "--name", "analyst", "--role", "analyst", "--json"])).token;
      tokens.admin = JSON.parse(corridorCli(db, ["tokens", "create", "--name", "admin", "--role", "admin", "--json"])).token;
    },
  });
});
afterAll(() => server?.stop());

const rssMb = () => Number(readFileSync(`/proc/${server.pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)![1]) / 1024;

async function timed(path: string): Promise<{ status: number; ms: number }> {
  const start = performance.now();
  const r = await fetch(`${server.url}${path}`);
  await r.arrayBuffer();
  return { status: r.status, ms: performance.now() - start };
}

/** POSTs `total` bytes of a JSON string chunked (no Content-Length), optionally stalling after them; resolves with the status and when it came. */
function chunkedPost(path: string, token: string, total: number, options: { stallAfter?: boolean } = {}): Promise<{ status: number; body: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = httpRequest(`${server.url}${path}`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, "Transfer-Encoding": "chunked" } });
    req.on("response", (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => {
        resolve({ status: res.statusCode!, body, ms: performance.now() - start });
        req.destroy();
      });
    });
    // The server may close the connection while we are still sending: that is the point.
    req.on("error", (error) => (error.message.includes("EPIPE") || error.message.includes("ECONNRESET") ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, "a");
    req.write('{"title":"');
    let sent = 0;
    const pump = () => {
      while (sent < total && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!options.stallAfter && !req.destroyed) req.end('"}');
    };
    pump();
  });
}

describe("JSON bodies are limited while they stream", () => {
  it("answers a chunked body that passes 1 MB and then stalls with 413, without waiting for its end", { timeout: 30_000 }, async () => {
    const r = await chunkedPost("/api/events", tokens.analyst, 2 * 1024 * 1024, { stallAfter: true });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error).toBe("the body is over the 1048576-byte limit");
    expect(r.ms).toBeLessThan(10_000);
  });

  it("refuses 20 MB chunked to /api/events and /api/users with 413; the server's memory stays flat and it answers on", { timeout: 60_000 }, async () => {
    const before = rssMb();
    for (const [path, token] of [["/api/events", tokens.analyst], ["/api/users", tokens.admin]] as const) {
      const r = await chunkedPost(path, token, 20 * 1024 * 1024);
      expect(r.status, r.body).toBe(413);
      expect(JSON.parse(r.body).error).toMatch(/over the 1048576-byte limit/);
    }
    // Read whole, the two bodies alone would be 40 MB (as UTF-16 strings, twice that).
    expect(rssMb() - before).toBeLessThan(30);
    expect((await timed("/api/indicators")).status).toBe(200);
  });
});

describe("field maxima through the write API", () => {
  it("answers a 900 KB event title with 422 naming the field, and an over-long user name likewise", async () => {
    const event = { title: "x".repeat(900_000), kind: "talks", starts_on: "2021-04-19", countries: "RUS; TJK" };
    const r = await fetch(`${server.url}/api/events`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${tokens.analyst}` }, body: JSON.stringify(event) });
    expect(r.status).toBe(422);
    const body = (await r.json()) as { errors: { key: string; value: string; message: string }[] };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ key: "title", message: "title has 900000 characters; at most 300 are allowed" });
    expect(body.errors[0]!.value.length).toBeLessThan(200);

    const user = { email: "long@example.org", name: "N".repeat(201), role: "viewer", password: PASSWORD };
    const u = await fetch(`${server.url}/api/users`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${tokens.admin}` }, body: JSON.stringify(user) });
    expect(u.status).toBe(422);
    expect(((await u.json()) as { error: string }).error).toBe("name: the name has 201 characters; at most 200 are allowed");
  });
});

describe("publishing snapshots", () => {
  const publish = (query: string, ip: string) => fetch(`${server.url}/api/snapshots?${query}`, { method: "POST", headers: { "X-Forwarded-For": ip } });
  const auditRows = () => {
    const db = new Database(server.dbPath, { readonly: true });
    try {
      return db.prepare("SELECT actor, target, ip FROM audit_log WHERE action = 'snapshot.publish' ORDER BY id").all() as { actor: string; target: string; ip: string }[];
    } finally {
      db.close();
    }
  };

  it("allows an address its publishes an hour, then answers 429 with Retry-After; other addresses go on", async () => {
    const views = ["from=2010", "from=2011", "from=2012", "from=2013"].map((from) => `${REMITTANCES}&${from}`);
    for (const view of views.slice(0, SNAPSHOTS_PER_HOUR)) expect((await publish(view, "192.0.2.50")).status).toBe(201);
    const refused = await publish(views[3]!, "192.0.2.50");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(3000);
    expect(((await refused.json()) as { error: string }).error).toMatch(/too many snapshots published from this address \(at most 3 an hour\)/);
    expect((await publish(views[3]!, "192.0.2.51")).status).toBe(201);
  });

  it("audits each new snapshot row once, as anonymous from its address; a repeat adds none", async () => {
    const before = auditRows().length;
    const first = (await (await publish(`${REMITTANCES}&from=2015`, "192.0.2.60")).json()) as { id: string };
    const again = (await (await publish(`${REMITTANCES}&from=2015`, "192.0.2.60")).json()) as { id: string };
    expect(again.id).toBe(first.id);
    const rows = auditRows().slice(before);
    expect(rows).toEqual([{ actor: "anonymous", target: `snapshot:${first.id}`, ip: "192.0.2.60" }]);
    // Every snapshot row has its audit row.
    const db = new Database(server.dbPath, { readonly: true });
    const ids = (db.prepare("SELECT id FROM snapshots").all() as { id: string }[]).map((s) => `snapshot:${s.id}`);
    db.close();
    expect(new Set(auditRows().map((r) => r.target))).toEqual(new Set(ids));
  });
});
