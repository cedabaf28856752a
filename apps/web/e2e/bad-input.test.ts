/**
 * Issue #8's bad-input corpus (shared with the CLI test) through POST /api/imports: every file a
 * 4xx, the server still answering, and the data (observations, revisions, committed imports) the same.
 */
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CASES, caseFields } from "../../../packages/data/src/test/bad-input-corpus";
import { corridorCli, startServer, type TestServer } from "./server";

let server: TestServer;
let token = "";
let before = "";

function dataChecksum(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    const hash = createHash("sha256");
    for (const table of ["observations", "revisions", "imports", "events"]) {
      for (const r of db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).raw().iterate()) hash.update(JSON.stringify(r));
    }
    return hash.digest("hex");
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  server = await startServer({ setup: (db) => (token = JSON.parse(corridorCli(db, ["tokens", "create", "--name", "fuzz", "--role", "analyst", "--json"])).token) });
  before = dataChecksum(server.dbPath);
});
afterAll(async () => server?.stop());

describe("bad-input corpus through POST /api/imports", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s: a 4xx naming the problem, the server still answering, the data unchanged", async (_name, c) => {
    const body = new FormData();
    body.append("file", new Blob([c.content]), "bad.csv");
    for (const [k, v] of Object.entries(caseFields(c))) body.append(k, v);
    const res = await fetch(`${server.url}/api/imports`, { method: "POST", headers: { Authorization: `Bearer ${token}` }, body });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const answer = await res.json();
    expect(JSON.stringify(answer)).not.toMatch(/\n\s+at /); // no stack trace
    expect(answer.error ?? answer.errors?.[0]?.message).toEqual(expect.any(String));
    expect((await fetch(`${server.url}/api/indicators`)).status).toBe(200);
    expect(dataChecksum(server.dbPath)).toBe(before);
  });
});
