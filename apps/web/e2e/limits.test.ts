/**
 * Bounded work per request, against the built app: the largest PNGs render off the main thread in
 * a bounded pool (the site keeps answering; the surplus is 503, an oversized image 400), JSON bodies
 * are cut off at their limit while they stream, oversized fields are 422, and anonymous publishing
 * of snapshots is rate-limited per address and audited.
 */
import { request as httpRequest } from "node:http";
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import svgToPng from "../render-worker.mjs";
import { corridorCli, startServer, type TestServer } from "./server";

const PASSWORD = "correct horse battery";
const REMITTANCES = "indicator=remittances_received_usd&origin=TJK&destination=WLD";
const SNAPSHOTS_PER_HOUR = 3;
let server: TestServer;
const tokens = { analyst: "", admin: "" };

beforeAll(async () => {
  server = await startServer({
    // One rendering and one waiting: a third large PNG at once must be refused, on any machine.
    env: { CORRIDOR_RENDER_THREADS: "1", CORRIDOR_RENDER_QUEUE: "1", CORRIDOR_SNAPSHOTS_PER_HOUR: String(SNAPSHOTS_PER_HOUR), CORRIDOR_TRUST_PROXY: "1" },
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

/** Width and height from a PNG's IHDR, without decoding hundreds of megabytes of pixels. */
const pngSize = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];

describe("PNG rendering is bounded", () => {
  it("keeps answering other requests while the largest allowed PNGs render; the surplus gets 503 + Retry-After", { timeout: 180_000 }, async () => {
    // Warm the routes measured below, so their first compile-and-load is not what is timed.
    expect((await timed("/api/indicators")).status).toBe(200);
    expect((await timed("/")).status).toBe(200);
    // 2400 × 1666 at scale 4 is just under the pixel budget; each URL differs, so none is cached.
    const started = performance.now();
    const pngs = [0, 1, 2, 3].map(async (i) => {
      const r = await fetch(`${server.url}/api/charts/series.png?${REMITTANCES}&width=${2400 - i}&height=1666&scale=4`);
      return { status: r.status, retryAfter: r.headers.get("retry-after"), body: Buffer.from(await r.arrayBuffer()), seconds: (performance.now() - started) / 1000 };
    });
    let rendering = true;
    const all = Promise.all(pngs).finally(() => (rendering = false));
    const cheap: { path: string; status: number; ms: number }[] = [];
    while (rendering) {
      for (const path of ["/api/indicators", "/"]) cheap.push({ path, ...(await timed(path)) });
      await new Promise((r) => setTimeout(r, 200));
    }
    const results = await all;

    // Several seconds of rendering went by, and the site answered all along, each time well within 2 s.
    expect(cheap.length).toBeGreaterThan(10);
    for (const c of cheap) {
      expect(c.status).toBe(200);
      expect(c.ms, c.path).toBeLessThan(2000);
    }
    // One rendering + one waiting; the other two refused at once, not left hanging.
    const ok = results.filter((r) => r.status === 200);
    const busy = results.filter((r) => r.status === 503);
    expect([ok.length, busy.length]).toEqual([2, 2]);
    for (const r of ok) expect(pngSize(r.body)).toEqual([(2400 - results.indexOf(r)) * 4, 1666 * 4]);
    for (const r of busy) {
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
      expect(JSON.parse(r.body.toString()).error).toMatch(/the PNG renderer is busy/);
      expect(r.seconds).toBeLessThan(5);
    }
  });

  it("refuses a PNG over the pixel budget with 400 naming the limit; the largest documented print size is within it", async () => {
    const r = await fetch(`${server.url}/api/charts/series.png?${REMITTANCES}&width=2400&height=2400&scale=4`);
    expect(r.status).toBe(400);
    const body = (await r.json()) as { error: string; parameter: string };
    expect(body.parameter).toBe("scale");
    expect(body.error).toBe("scale: a 9,600 × 9,600 PNG (width × height × scale²) is 92,160,000 pixels; the limit is 64,000,000: lower the scale, width or height");
    // The widest chart at scale 4, as tall as its notes need (the README's largest print size), fits.
    const svg = await (await fetch(`${server.url}/api/charts/series.svg?${REMITTANCES}&width=2400`)).text();
    const height = Number(svg.match(/<svg[^>]* height="(\d+)"/)![1]);
    expect(2400 * 4 * height * 4).toBeLessThanOrEqual(64_000_000);
  });

  it("renders a normal PNG byte for byte as resvg does on the main thread", async () => {
    const query = `${REMITTANCES}&width=800&height=500`;
    const svg = await (await fetch(`${server.url}/api/charts/series.svg?${query}`)).text();
    const r = await fetch(`${server.url}/api/charts/series.png?${query}&scale=2`);
    expect(r.status).toBe(200);
    const png = Buffer.from(await r.arrayBuffer());
    expect(pngSize(png)).toEqual([1600, 1000]);
    expect(png.equals(svgToPng({ svg, scale: 2 }))).toBe(true);
  });
});

describe("PDF rendering is off the main thread", () => {
  const TALKS = "2021-04-19-russia-tajikistan-migration-talks";

  it("keeps answering other requests while several PDFs render in the pool; the surplus gets 503 + Retry-After", { timeout: 180_000 }, async () => {
    expect((await timed("/api/corridors")).status).toBe(200);
    // One PDF alone, for how long a render takes on this machine.
    const alone = await timed(`/events/${TALKS}/brief.pdf`);
    expect(alone.status).toBe(200);

    // Waves of PDFs — briefs (never cached) and wide charts (each URL new) — two at a time, as
    // many as one rendering and one waiting admit; meanwhile the read API is asked again and again.
    const pdfs: { path: string; status: number; ms: number }[] = [];
    let rendering = true;
    const waves = (async () => {
      for (let wave = 0; wave < 4; wave++) {
        const paths = [`/events/${TALKS}/brief.pdf`, `/api/charts/series.pdf?${REMITTANCES}&width=${2400 - wave}`];
        pdfs.push(...(await Promise.all(paths.map(async (path) => ({ path, ...(await timed(path)) })))));
      }
    })().finally(() => (rendering = false));
    const cheap: number[] = [];
    while (rendering) {
      const r = await timed("/api/corridors");
      expect(r.status).toBe(200);
      cheap.push(r.ms);
      await new Promise((ok) => setTimeout(ok, 20));
    }
    await waves;

    expect(pdfs.map((p) => p.status)).toEqual(Array(8).fill(200));
    const busy = pdfs.reduce((sum, p) => sum + p.ms, 0) / 2;
    // Rendered in the request thread, a PDF held every request that came meanwhile for most of its
    // render; in the pool the read API answers at its usual pace throughout.
    expect(cheap.length).toBeGreaterThan(5);
    cheap.sort((a, b) => a - b);
    const median = cheap[Math.floor(cheap.length / 2)]!;
    expect(median, `read API median ${median.toFixed(0)} ms while PDFs rendered (one brief alone: ${alone.ms.toFixed(0)} ms; ${busy.toFixed(0)} ms of rendering)`).toBeLessThan(
      Math.max(100, alone.ms / 4),
    );

    // Six at once with one thread and a queue of one: the first two render, the rest are refused at
    // once and told why (one may slip in as an earlier one finishes).
    const burst = await Promise.all(
      [0, 1, 2, 3, 4, 5].map(async (i) => {
        const r = await fetch(`${server.url}/api/charts/series.pdf?${REMITTANCES}&width=${2300 - i}`);
        return { status: r.status, retryAfter: r.headers.get("retry-after"), body: await r.text() };
      }),
    );
    const refused = burst.filter((r) => r.status === 503);
    expect(burst.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(2);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(refused.length + burst.filter((r) => r.status === 200).length).toBe(6);
    for (const r of refused) {
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
      expect(JSON.parse(r.body).error).toMatch(/^the PDF renderer is busy \(1 rendering, 1 waiting, PNGs and PDFs alike\); try again in \d+ s$/);
    }
    // Briefs are refused the same way.
    const briefs = await Promise.all([0, 1, 2, 3, 4].map(() => fetch(`${server.url}/events/${TALKS}/brief.pdf`)));
    const briefBusy = briefs.filter((r) => r.status === 503);
    expect(briefBusy.length).toBeGreaterThanOrEqual(1);
    expect(briefBusy.length + briefs.filter((r) => r.status === 200).length).toBe(5);
    expect(briefBusy[0]!.headers.get("retry-after")).toBe("10");
    expect(((await briefBusy[0]!.json()) as { error: string }).error).toMatch(/^the PDF renderer is busy/);
  });
});

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
    for (const [path, token] of [
      ["/api/events", tokens.analyst],
      ["/api/users", tokens.admin],
    ] as const) {
      const r = await chunkedPost(path, token, 20 * 1024 * 1024);
      expect(r.status, r.body).toBe(413);
      expect(JSON.parse(r.body).error).toMatch(/over the 1048576-byte limit/);
    }
    // Read whole, the two bodies alone would be 40 MB (as UTF-16 strings, twice that).
    expect(rssMb() - before).toBeLessThan(30);
    expect((await timed("/api/indicators")).status).toBe(200);
  });

  it("refuses a chunked sign-in body past 64 KiB with 413 as it streams (the limiter used to read it whole)", { timeout: 30_000 }, async () => {
    const r = await chunkedPost("/api/auth/sign-in/email", tokens.analyst, 2 * 1024 * 1024, { stallAfter: true });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error).toBe("the body is over the 65536-byte limit");
    expect(r.ms).toBeLessThan(10_000);
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
