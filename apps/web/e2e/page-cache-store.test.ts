/**
 * When page-cache.mjs keeps a rendered page, against a stand-in for Next and a data version we move
 * by hand: the reader's very next request is answered from memory even when asking the data version
 * is slow (a query on PostgreSQL: CI once saw the next request's own query finish first, and miss),
 * and a page rendered while the data moved is never answered from memory.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createPageCache } from "../page-cache.mjs";
import { rawRequest } from "./server";

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A server whose "render" writes the data version it saw; `render` may move the data meanwhile. */
async function start(dataVersion: () => Promise<string>, render: () => Promise<void> = async () => {}) {
  const cache = createPageCache({ dir: "/nonexistent", dataVersion });
  server = createServer(async (req, res) => {
    if (await cache.serve(req, res, false)) return;
    const seen = await dataVersion();
    await render();
    res.setHeader("content-type", "text/html; charset=utf-8"); // as Next sets it
    res.end(`<p>rendered at ${seen}</p>`);
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe("the page cache keeps a page", () => {
  it("for the very next request, however slow the data version is to ask", async () => {
    let asked = 0;
    // Asked by the first request, its render, the check after it (slow), then the next request.
    const url = await start(async () => {
      await sleep(asked++ === 2 ? 200 : 1);
      return "v1";
    });
    const first = await rawRequest(url, "/");
    expect(first.headers["x-cache"]).toBeUndefined();
    const second = await rawRequest(url, "/");
    expect(second.headers["x-cache"]).toBe("HIT");
    expect(second.body).toBe(first.body);
  });

  it("but not one rendered while the data moved", async () => {
    let version = "v1";
    const url = await start(
      async () => version,
      async () => {
        version = "v2";
      },
    );
    await rawRequest(url, "/");
    await sleep(20);
    const next = await rawRequest(url, "/");
    expect(next.headers["x-cache"]).toBeUndefined();
    expect(next.body).toBe("<p>rendered at v2</p>");
    // Now the data stood still while it rendered: kept.
    expect((await rawRequest(url, "/")).headers["x-cache"]).toBe("HIT");
  });
});
