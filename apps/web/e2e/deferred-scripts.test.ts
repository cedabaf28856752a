/**
 * Pages leave the server with Next's client chunks inert (deferred-scripts.mjs), compressed by
 * server.mjs itself since Next is asked for plain text: what a browser receives, byte for byte, on
 * the built app; and the rewrite itself on Next's own markup.
 */
import { request } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFERRED_SCRIPT_TYPE, PAYLOAD_INLINE_HEADER, PAYLOAD_PATH, deferClientScripts } from "../deferred-scripts.mjs";
import { startServer, type TestServer } from "./server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function fetchRaw(path: string, headers: Record<string, string>, method = "GET"): Promise<Answer> {
  const { port } = new URL(server.url);
  return new Promise((done, fail) => {
    const req = request({ host: "127.0.0.1", port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", fail);
    req.end();
  });
}

const BROWSER = { accept: "text/html,application/xhtml+xml,*/*;q=0.8" };
const CHUNK_SCRIPT = /<script src="\/_next\/static\/chunks\/[^"]+\.js" async="">/;

describe("pages as the server sends them", () => {
  it("carry Next's chunks inert, gzip-compressed with the right length, for a fresh page and a page from memory", async () => {
    for (const path of ["/", "/events/2021-04-19-russia-tajikistan-migration-talks", "/", "/ru"]) {
      const res = await fetchRaw(path, { ...BROWSER, "accept-encoding": "gzip, deflate, br" });
      expect(res.status, path).toBe(200);
      expect(res.headers["content-encoding"], path).toBe("gzip");
      expect(Number(res.headers["content-length"]), path).toBe(res.body.length);
      expect(String(res.headers["vary"])).toMatch(/Accept-Encoding/);
      // A CDN keeps the page asked for with its payload inline apart from this one.
      expect(String(res.headers["vary"]).toLowerCase()).toContain(PAYLOAD_INLINE_HEADER);
      const html = gunzipSync(res.body).toString("utf8");
      expect(html, path).toMatch(/<\/html>$/);
      expect(html, path).not.toMatch(CHUNK_SCRIPT);
      expect(html, path).not.toMatch(/<link rel="preload" as="script"/);
      // The runtime is among them: the app can start from what the page lists.
      expect(html, path).toMatch(new RegExp(`<script type="${DEFERRED_SCRIPT_TYPE}" data-src="/_next/static/chunks/turbopack-[^"]+\\.js"></script>`));
      // Next's payload is a file of its own, served by this server.
      expect(html, path).not.toContain("self.__next_f.push([1");
      const payload = new RegExp(`data-payload="" data-src="(${PAYLOAD_PATH}[\\w-]+\\.js)"`).exec(html)![1]!;
      const js = await fetchRaw(payload, { accept: "*/*", "accept-encoding": "gzip" });
      expect(js.status, payload).toBe(200);
      expect(String(js.headers["content-type"])).toMatch(/javascript/);
      expect(String(js.headers["cache-control"])).toMatch(/immutable/);
      expect(gunzipSync(js.body).toString("utf8")).toMatch(/^self\.__next_f\.push\(\[1,"/);
    }
  });

  it("a payload this server does not have is a 404; asked for inline, the page keeps it, fresh from Next", async () => {
    const missing = await fetchRaw(`${PAYLOAD_PATH}not-a-payload.js`, { accept: "*/*" });
    expect(missing.status).toBe(404);
    expect(String(missing.headers["cache-control"])).toBe("no-store");
    await fetchRaw("/", BROWSER); // now in the page cache
    const inline = await fetchRaw("/", { ...BROWSER, [PAYLOAD_INLINE_HEADER]: "1" });
    expect(inline.status).toBe(200);
    expect(inline.headers["x-cache"]).toBeUndefined();
    const html = inline.body.toString("utf8");
    // (Assertions on booleans: a failure would print the whole page.)
    expect(html.includes("self.__next_f.push([1")).toBe(true);
    expect(html.includes(`data-payload="" data-src="${PAYLOAD_PATH}`)).toBe(false);
    // A signed-in reader's page keeps its payload too: it names them, and must not become a file a shared cache keeps.
    const personal = (await fetchRaw("/", { ...BROWSER, cookie: "better-auth.session_token=someone" })).body.toString("utf8");
    expect(personal.includes("self.__next_f.push([1")).toBe(true);
    expect(personal.includes(`data-payload="" data-src="${PAYLOAD_PATH}`)).toBe(false);
  });

  it("answer a client that takes no gzip in plain text, a HEAD with headers only, and leave assets and API answers to Next", async () => {
    const plain = await fetchRaw("/", BROWSER);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(Number(plain.headers["content-length"])).toBe(plain.body.length);
    expect(plain.body.toString("utf8")).toContain(`type="${DEFERRED_SCRIPT_TYPE}"`);

    const head = await fetchRaw("/events", { ...BROWSER, "accept-encoding": "gzip" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);

    const api = await fetchRaw("/api/corridors", { accept: "application/json", "accept-encoding": "gzip" });
    expect(api.status).toBe(200);
    expect(JSON.parse(gunzipSync(api.body).toString("utf8"))).toBeTruthy();
    // A chunk is a chunk: served as JavaScript.
    const chunk = /data-src="(\/_next\/static\/chunks\/[^"]+\.js)"/.exec(plain.body.toString("utf8"))![1]!;
    const js = await fetchRaw(chunk, { accept: "*/*" });
    expect(js.status).toBe(200);
    expect(String(js.headers["content-type"])).toMatch(/javascript/);
  });

  it("a redirect stays a redirect", async () => {
    // A reader who prefers Russian is sent from `/` to `/ru` (src/proxy.ts).
    const res = await fetchRaw("/", { ...BROWSER, "accept-language": "ru", "accept-encoding": "gzip" });
    expect([307, 308]).toContain(res.status);
    expect(String(res.headers["location"])).toMatch(/\/ru$/);
  });
});

describe("deferClientScripts", () => {
  const head =
    '<head><link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>' +
    '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/2i3m.js"/>' +
    '<script src="/_next/static/chunks/turbopack-07.js" async=""></script>' +
    '<script src="/_next/static/chunks/0cz1.js" noModule=""></script>' +
    '<script src="https://example.org/other.js" async=""></script><script>inline()</script></head>';

  it("makes Next's async chunk scripts inert and drops their preloads, and nothing else", () => {
    expect(deferClientScripts(head).html).toBe(
      '<head><link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>' +
        `<script type="${DEFERRED_SCRIPT_TYPE}" data-src="/_next/static/chunks/turbopack-07.js"></script>` +
        '<script src="/_next/static/chunks/0cz1.js" noModule=""></script>' +
        '<script src="https://example.org/other.js" async=""></script><script>inline()</script></head>',
    );
    // Applying it twice changes nothing more.
    expect(deferClientScripts(deferClientScripts(head).html).html).toBe(deferClientScripts(head).html);
  });

  it("moves Next's payload scripts, in order, to one file named by their text; other inline scripts stay", () => {
    const page =
      "<body><p>x</p><script>(self.__next_f=self.__next_f||[]).push([0])</script>" +
      '<script>self.__next_f.push([1,"a:\\u003c/script\\u003e"])</script><script>$RC("B:0","S:0")</script>' +
      '<script>self.__next_f.push([1,"b"])</script></body>';
    const { html, payload } = deferClientScripts(page);
    expect(payload!.text).toBe('self.__next_f.push([1,"a:\\u003c/script\\u003e"]);\nself.__next_f.push([1,"b"]);\n');
    expect(html).toBe(
      "<body><p>x</p><script>(self.__next_f=self.__next_f||[]).push([0])</script>" +
        `<script type="${DEFERRED_SCRIPT_TYPE}" data-payload="" data-src="${PAYLOAD_PATH}${payload!.hash}.js"></script>` +
        '<script>$RC("B:0","S:0")</script></body>',
    );
    // Another payload, another name; the same, the same name.
    expect(deferClientScripts(page.replace('"b"', '"c"')).payload!.hash).not.toBe(payload!.hash);
    expect(deferClientScripts(page).payload!.hash).toBe(payload!.hash);
    expect(deferClientScripts(page, { keepPayload: true })).toEqual({ html: page });
  });
});
