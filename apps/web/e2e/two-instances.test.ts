/**
 * Two app processes on one database behave as one site: a session made on one is valid on the
 * other, a write on one is visible on the other at once (its page cache follows the database's data
 * version), failed sign-ins count across both, and an original uploaded through one is readable
 * through the other (originals live in the database; each instance has its own uploads folder).
 * Here both run on one SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corridorCli, rawRequest, startServer, type TestServer } from "./server";
import { expectSessionShared, expectSignInLimitShared } from "./same-site";

let one: TestServer;
let two: TestServer;
let analystToken = "";

beforeAll(async () => {
  one = await startServer({
    setup: (db) => {
      corridorCli(db, ["users", "add", "--email", "ana@example.org", "--role", "analyst"], "correct horse battery\n");
      corridorCli(db, ["users", "add", "--email", "gus@example.org", "--role", "viewer"], "correct horse battery\n");
      analystToken = JSON.parse(corridorCli(db, ["tokens", "create", "--name", "nightly", "--role", "analyst", "--json"])).token;
    },
  });
  two = await startServer({ sameSiteAs: one });
}, 300_000);
afterAll(async () => Promise.all([one?.stop(), two?.stop()]));

describe("two instances on one database", () => {
  it("a session made on one is valid on the other", async () => {
    await expectSessionShared(one, two, { email: "ana@example.org", password: "correct horse battery", role: "analyst" });
  });

  it("a write on one is visible on the other at once, its cached pages included", async () => {
    const before = await rawRequest(two.url, "/");
    expect((await rawRequest(two.url, "/")).headers["x-cache"]).toBe("HIT");
    const csv = "indicator,origin,destination,period,value\nentries,TJK,RUS,2031,100\n";
    const body = new FormData();
    body.append("file", new Blob([csv]), "two-instances.csv");
    const committed = await fetch(`${one.url}/api/imports`, { method: "POST", headers: { Authorization: `Bearer ${analystToken}` }, body });
    expect(committed.status).toBe(201);
    const { importId } = await committed.json();
    const after = await rawRequest(two.url, "/");
    expect(after.headers["x-cache"]).toBeUndefined();
    expect(after.headers["etag"]).not.toBe(before.headers["etag"]);
    const listed = JSON.parse((await rawRequest(two.url, "/api/imports")).body);
    expect(listed.imports.map((i: { id: number }) => i.id)).toContain(importId);
    // The original, uploaded through one, read through the other.
    const original = await fetch(`${two.url}/api/imports/${importId}/file`);
    expect(original.status).toBe(200);
    expect(await original.text()).toBe(csv);
  });

  it("failed sign-ins count across both: five on one, then the sixth on the other is refused", async () => {
    await expectSignInLimitShared(one, two, { email: "gus@example.org", password: "correct horse battery" });
  });
});
