/** Bounded work per request, against the built app. */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corridorCli, startServer, type TestServer } from "./server";

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
