/**
 * Defence in depth for CORRIDOR_REQUIRE_LOGIN=1: with server.mjs's gate out of the way (plain
 * `next start`), every data route and page still refuses an anonymous reader by itself, so a path
 * the gate misjudges reaches a closed door, not the data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corridorCli, startServer, type TestServer } from "./server";

let server: TestServer;
let viewer = "";

beforeAll(async () => {
  server = await startServer({
    entry: "next",
    // Next 16.4 on a loopback host name answers every localised page with a 307 to itself
    // (vercel/next.js#94342; server.mjs works around it): bound to all interfaces, as deployed.
    bind: "0.0.0.0",
    env: { CORRIDOR_REQUIRE_LOGIN: "1" },
    setup: (db) => {
      viewer = JSON.parse(corridorCli(db, ["tokens", "create", "--name", "reader", "--role", "viewer", "--json"])).token;
    },
  });
});
afterAll(async () => server?.stop());

const SERIES = "indicator=remittances_received_usd&origin=TJK&destination=WLD";
const READS = [
  `/api/series?${SERIES}`,
  `/api/series.csv?${SERIES}`,
  "/api/events",
  "/api/events/1",
  "/api/events/1/versions",
  "/api/indicators",
  "/api/corridors",
  `/api/observations/history?${SERIES}&period=2020`,
  "/api/imports",
  "/api/profiles",
  `/api/charts/series.svg?${SERIES}`,
  `/api/charts/series.json?${SERIES}`,
  `/api/charts/series.pdf?${SERIES}`,
  "/events/2021-04-19-russia-tajikistan-migration-talks/brief.pdf",
  "/api/briefs/2021-04-19-russia-tajikistan-migration-talks",
  `/embed/series?${SERIES}`,
  `/api/embed/series?${SERIES}`,
];
const PAGES = ["/", "/explorer", "/events", "/events/1", "/imports", "/imports/1", `/observations?${SERIES}&period=2020`];

describe("routes check the reader themselves (no gate in front)", () => {
  it.each(READS)("%s: 401 anonymous, not 401 for a viewer", async (path) => {
    const anonymous = await fetch(server.url + path);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toMatch(/remittances|<svg|%PDF/i);
    const ok = await fetch(server.url + path, { headers: { Authorization: `Bearer ${viewer}` } });
    expect(ok.status).not.toBe(401);
  });

  it.each(PAGES)("page %s: anonymous readers are sent to /login", async (path) => {
    const res = await fetch(server.url + path, { redirect: "manual" });
    expect([302, 303, 307, 308]).toContain(res.status);
    expect(res.headers.get("location")).toMatch(/^\/login\?next=/);
    const ok = await fetch(server.url + path, { headers: { Authorization: `Bearer ${viewer}` }, redirect: "manual" });
    expect(ok.headers.get("location") ?? "").not.toMatch(/^\/login/);
  });

  it("POST /api/snapshots: no anonymous publishing; a viewer may", async () => {
    const anonymous = await fetch(`${server.url}/api/snapshots?${SERIES}`, { method: "POST" });
    expect(anonymous.status).toBe(401);
    const ok = await fetch(`${server.url}/api/snapshots?${SERIES}`, { method: "POST", headers: { Authorization: `Bearer ${viewer}` } });
    expect(ok.status).toBe(201);
  });
});
