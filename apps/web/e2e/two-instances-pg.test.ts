/**
 * Two app processes on ONE PostgreSQL database behave as one site (two-instances.test.ts does the
 * same on one SQLite file): a session made on one is valid on the other, an event written through
 * one is visible on the other at once — its cached pages too, since the page cache is keyed by the
 * database's data version — and failed sign-ins count across both. The database is the seeded demo
 * moved up with `corridor copy`, its users and token made by the CLI on PostgreSQL; an upload through
 * one is served by the other, its original (kept in the database) readable there, and undone there.
 *
 * Needs a server where it may create a database: CORRIDOR_TEST_DATABASE_URL=postgres://…/postgres
 * (CI's PostgreSQL run sets it); without it the suite is skipped and its title says so.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corridorCli, rawRequest, startServer, type TestServer } from "./server";
import { expectSessionShared, expectSignInLimitShared } from "./same-site";
import { withPgClient } from "./pg-client";

const server = process.env.CORRIDOR_TEST_DATABASE_URL?.trim();
const root = resolve(import.meta.dirname, "..", "..", "..");
const PASSWORD = "correct horse battery";
const SKIPPED = "skipped: set CORRIDOR_TEST_DATABASE_URL=postgres://user@host:port/postgres (a server where it may create a database) to run";
if (!server) console.warn(`two-instances-pg.test.ts: ${SKIPPED}`);

let one: TestServer;
let two: TestServer;
let analystToken = "";
let databaseUrl = "";
let dropDatabase = async () => {};

/** Runs `run` on a client of `url` (by default the server's maintenance database). */
const admin = <T>(run: (client: import("pg").Client) => Promise<T>, url = server!): Promise<T> => withPgClient(url, run);

const api = (target: TestServer, path: string, init: { method: string; body?: unknown }) =>
  fetch(`${target.url}${path}`, {
    method: init.method,
    headers: { Authorization: `Bearer ${analystToken}`, "Content-Type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

describe.skipIf(!server)(`two instances on one PostgreSQL database${server ? "" : ` — ${SKIPPED}`}`, () => {
  beforeAll(async () => {
    const name = `corridor_e2e_${process.pid}_${randomBytes(4).toString("hex")}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    dropDatabase = () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {});
    const url = new URL(server!);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    one = await startServer({
      env: { CORRIDOR_DATABASE_URL: databaseUrl },
      // The seeded SQLite file, moved up; then the CLI's account writes on PostgreSQL itself.
      setup: (dbPath) => {
        const copied = spawnSync(process.execPath, [join(root, "packages/data/bin/corridor.mjs"), "copy", "--from", dbPath, "--to", databaseUrl], { encoding: "utf8" });
        if (copied.status !== 0) throw new Error(`corridor copy failed: ${copied.stderr}`);
        corridorCli(databaseUrl, ["users", "add", "--email", "ana@example.org", "--role", "analyst"], `${PASSWORD}\n`);
        corridorCli(databaseUrl, ["users", "add", "--email", "gus@example.org", "--role", "viewer"], `${PASSWORD}\n`);
        analystToken = JSON.parse(corridorCli(databaseUrl, ["tokens", "create", "--name", "nightly", "--role", "analyst", "--json"])).token;
      },
    });
    two = await startServer({ sameSiteAs: one, env: { CORRIDOR_DATABASE_URL: databaseUrl } });
  }, 300_000);
  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await dropDatabase();
  });

  it("serves the demo from PostgreSQL, not from the SQLite file it was copied from", async () => {
    const corridors = JSON.parse((await rawRequest(two.url, "/api/corridors")).body) as unknown[];
    expect(corridors.length).toBeGreaterThan(0);
    const counts = await admin(async (c) => (await c.query(`SELECT (SELECT count(*)::int FROM "user") AS users, (SELECT count(*)::int FROM observations) AS observations`)).rows[0], databaseUrl);
    expect(counts.users).toBe(2);
    expect(counts.observations).toBeGreaterThan(0);
  });

  it("a session made on one is valid on the other", async () => {
    await expectSessionShared(one, two, { email: "ana@example.org", password: PASSWORD, role: "analyst" });
  });

  it("an event written through one is visible on the other at once, its cached pages included", async () => {
    const before = await rawRequest(two.url, "/");
    expect((await rawRequest(two.url, "/")).headers["x-cache"]).toBe("HIT");
    const created = await api(one, "/api/events", { method: "POST", body: { title: "Two-instance talks", kind: "talks", starts_on: "2021-05-20", countries: "RUS; TJK" } });
    expect(created.status).toBe(201);
    const { id, version } = (await created.json()) as { id: string; version: number };
    const after = await rawRequest(two.url, "/");
    expect(after.headers["x-cache"]).toBeUndefined();
    expect(after.headers["etag"]).not.toBe(before.headers["etag"]);
    expect(after.body).toContain("Two-instance talks");

    const edited = await api(one, `/api/events/${id}`, {
      method: "PUT",
      body: { title: "Two-instance talks, moved", kind: "talks", starts_on: "2021-05-21", countries: "RUS; TJK", baseVersion: version },
    });
    expect(edited.status).toBe(200);
    const page = await rawRequest(two.url, `/events/${id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Two-instance talks, moved");
    // The other instance refuses a save from the version it replaced.
    const stale = await api(two, `/api/events/${id}`, { method: "PUT", body: { title: "Stale", kind: "talks", starts_on: "2021-05-21", countries: "RUS", baseVersion: version } });
    expect(stale.status).toBe(409);
    expect((await api(two, `/api/events/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await rawRequest(one.url, `/api/events/${id}`)).status).toBe(404);
  });

  it("failed sign-ins count across both: five on one and the other, then the sixth is refused on both", async () => {
    await expectSignInLimitShared(one, two, { email: "gus@example.org", password: PASSWORD });
  });

  it("an upload through one is served by the other at once, its original readable there, and undone through it", async () => {
    const before = await rawRequest(two.url, "/");
    expect((await rawRequest(two.url, "/")).headers["x-cache"]).toBe("HIT");
    const csv = "indicator,origin,destination,period,value\nentries,TJK,RUS,2031,100\n";
    const body = new FormData();
    body.append("file", new Blob([csv]), "pg.csv");
    const committed = await fetch(`${one.url}/api/imports`, { method: "POST", headers: { Authorization: `Bearer ${analystToken}` }, body });
    expect(committed.status).toBe(201);
    const { importId } = await committed.json();
    const after = await rawRequest(two.url, "/");
    expect(after.headers["x-cache"]).toBeUndefined();
    expect(after.headers["etag"]).not.toBe(before.headers["etag"]);
    const series = () => fetch(`${two.url}/api/series?indicator=entries&origin=TJK&destination=RUS&from=2031`).then((r) => r.json());
    expect((await series()).points.map((p: { period: string; value: number }) => [p.period, p.value])).toEqual([["2031", 100]]);
    // The original lives in the database, not in one instance's uploads folder.
    const original = await fetch(`${two.url}/api/imports/${importId}/file`, { headers: { Authorization: `Bearer ${analystToken}` } });
    expect(original.status).toBe(200);
    expect(await original.text()).toBe(csv);
    const undone = await fetch(`${two.url}/api/imports/${importId}`, { method: "DELETE", headers: { Authorization: `Bearer ${analystToken}` } });
    expect(undone.status).toBe(200);
    expect((await series()).points).toEqual([]);
  });
});
