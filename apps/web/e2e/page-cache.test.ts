/**
 * Readers' pages from memory (page-cache.mjs): an anonymous reader's dashboard, explorer and event
 * pages carry an ETag and CDN cache headers, repeat requests are answered from memory or with a 304,
 * a commit (an event added) moves the ETag at once, and nothing personal is ever cached or shared.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corridorCli, rawRequest, startServer, type TestServer } from "./server";

const TALKS = "/events/2021-04-19-russia-tajikistan-migration-talks";
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

const get = (path: string, headers: Record<string, string> = {}) => rawRequest(server.url, path, { headers });

describe("anonymous readers' pages", () => {
  it("are kept per data version: ETag and s-maxage, a memory hit, a 304, the same bytes", async () => {
    for (const path of ["/", "/explorer", "/events", TALKS, "/?origin=UZB"]) {
      const first = await get(path);
      expect(first.status, path).toBe(200);
      expect(first.headers["etag"], path).toMatch(/^"p-/);
      expect(first.headers["cache-control"], path).toMatch(/public.*s-maxage=60/);
      const second = await get(path);
      expect(second.headers["x-cache"], path).toBe("HIT");
      expect(second.headers["etag"]).toBe(first.headers["etag"]);
      expect(second.body).toBe(first.body);
      const revalidated = await get(path, { "if-none-match": String(first.headers["etag"]) });
      expect(revalidated.status, path).toBe(304);
      expect(revalidated.body).toBe("");
    }
    // Another query is another page.
    expect((await get("/?origin=KGZ")).headers["etag"]).not.toBe((await get("/?origin=UZB")).headers["etag"]);
  });

  it("show a commit at once: an event added moves every page's ETag and the list shows it", async () => {
    const before = await get("/events");
    const dir = mkdtempSync(join(tmpdir(), "page-cache-"));
    const file = join(dir, "synthetic-event.md");
    writeFileSync(file, "---\ntitle: Page cache test event (synthetic)\nkind: other\nstarts_on: 2022-02-02\ncountries:\n  party: [TJK]\n---\nSynthetic.\n");
    corridorCli(server.dbPath, ["events", "import", file]);
    const after = await get("/events");
    expect(after.headers["x-cache"]).toBeUndefined();
    expect(after.headers["etag"]).not.toBe(before.headers["etag"]);
    expect(after.body).toContain("Page cache test event (synthetic)");
    expect((await get("/events", { "if-none-match": String(before.headers["etag"]) })).status).toBe(200);
  });

  it("are never cached for a reader with a cookie or credentials, nor for Next's client navigations", async () => {
    await get("/");
    for (const headers of [{ cookie: "better-auth.session_token=someone" }, { cookie: "theme=dark" }, { authorization: "Bearer not-a-token" }, { rsc: "1" }]) {
      const res = await get("/", headers);
      expect(res.headers["x-cache"], JSON.stringify(headers)).toBeUndefined();
      expect(String(res.headers["etag"] ?? ""), JSON.stringify(headers)).not.toMatch(/^"p-/);
      expect(String(res.headers["cache-control"] ?? "")).not.toMatch(/public/);
    }
  });

  it("keep compressed and plain answers apart", async () => {
    const gzip = await get("/explorer", { "accept-encoding": "gzip" });
    const again = await get("/explorer", { "accept-encoding": "gzip" });
    expect(again.headers["x-cache"]).toBe("HIT");
    expect(again.headers["content-encoding"]).toBe(gzip.headers["content-encoding"]);
    const plain = await get("/explorer");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toMatch(/<html/);
  });

  it("keep each language apart: /ru pages are their own entries, in Russian", async () => {
    for (const path of ["/ru", "/ru/explorer", "/ru/events", `/ru${TALKS}`]) {
      await get(path);
      const hit = await get(path);
      expect(hit.headers["x-cache"], path).toBe("HIT");
      expect(hit.body, path).toContain('<html lang="ru"');
    }
    await get("/events");
    const en = await get("/events");
    expect(en.headers["x-cache"]).toBe("HIT");
    expect(en.body).toContain('<html lang="en"');
    expect(en.headers["etag"]).not.toBe((await get("/ru/events")).headers["etag"]);
  });

  it("never answer the root from memory to a reader who prefers Russian, and say that the root varies", async () => {
    // An English page for / is in memory now...
    await get("/", { "accept-language": "en" });
    const english = await get("/", { "accept-language": "en" });
    expect(english.headers["x-cache"]).toBe("HIT");
    expect(String(english.headers.vary)).toMatch(/Accept-Language/);
    expect(String(english.headers.vary)).toMatch(/Cookie/);
    // ...yet a Russian-preferring reader is redirected, and neither that answer nor a 304 comes from the cache.
    for (const headers of [{ "accept-language": "ru-RU,ru;q=0.9" }, { "accept-language": "ru", "if-none-match": String(english.headers["etag"]) }]) {
      const res = await get("/", headers);
      expect(res.status, JSON.stringify(headers)).toBe(307);
      expect(res.headers["x-cache"]).toBeUndefined();
      expect(res.headers.location).toMatch(/\/ru$/);
    }
    // A cookie (the switch's remembered choice) is never served from memory either.
    const remembered = await get("/", { cookie: "NEXT_LOCALE=ru", "accept-language": "en" });
    expect(remembered.status).toBe(307);
    expect(remembered.headers["x-cache"]).toBeUndefined();
    // Other pages do not depend on the header: one entry whatever it says.
    await get("/explorer", { "accept-language": "en" });
    expect((await get("/explorer", { "accept-language": "ru" })).headers["x-cache"]).toBe("HIT");
  });
});
