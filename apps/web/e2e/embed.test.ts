/**
 * Charts leaving the app: static SVG/PNG, embed pages, pinned snapshots, caching and framing —
 * against the built app on a seeded database, and an embed placed in an iframe on another origin.
 */
import { createServer, type Server } from "node:http";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corridorCli, startServer, type TestServer } from "./server.ts";
import { launch } from "./browser.ts";

const TALKS = "2021-04-19-russia-tajikistan-migration-talks";
const REMITTANCES = "indicator=remittances_received_usd&origin=TJK&destination=WLD";
const PATENTS = "indicator=work_patents_issued&origin=TJK&destination=RUS";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });

const corridor = (...args: string[]) => corridorCli(server.dbPath, args);

describe("static images", () => {
  it("the SVG holds the series path, the event markers with their labels, the notes and the source line", async () => {
    const r = await get(`/api/charts/series.svg?${REMITTANCES}`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    const svg = await r.text();
    expect(svg).toMatch(/^<\?xml[^>]*>\s*<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    // The series: one recharts line path with a point per year of data.
    expect(svg).toMatch(/<path[^>]*class="recharts-curve recharts-line-curve"[^>]*d="M[\d.,LCM ]{100,}"/);
    expect(svg).toContain("Personal remittances, received: Tajikistan, from all countries");
    // The founding talks: a marker in the Talks lane, its tooltip title, and its numbered note.
    expect(svg).toMatch(new RegExp(`data-event-ids="${TALKS}"`));
    expect(svg).toContain("<title>Talks: Russian–Tajik comprehensive talks on migration policy, 19 Apr 2021 – 20 Apr 2021</title>");
    expect(svg).toMatch(/>\d+\. 19 Apr 2021 – 20 Apr 2021 · Talks: Russian–Tajik comprehensive talks on migration policy/);
    expect(svg).toMatch(/>Talks<\/text>/);
    expect(svg).toMatch(/>Source: World Bank, World Development Indicators/);
    // Standalone: no stylesheet needed, no links to a server a word processor cannot reach.
    expect(svg).not.toContain("<a ");
    expect(svg).not.toContain("stroke-tremor");
  });

  it("the PNG decodes at the requested size, scaled for print", async () => {
    const svg = await (await get(`/api/charts/series.svg?${REMITTANCES}&width=800&height=500`)).text();
    expect(svg).toMatch(/<svg[^>]* width="800" height="500"/);
    const r = await get(`/api/charts/series.png?${REMITTANCES}&width=800&height=500&scale=2`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("image/png");
    const png = PNG.sync.read(Buffer.from(await r.arrayBuffer()));
    expect([png.width, png.height]).toEqual([1600, 1000]);
    // Not blank: the background is opaque white and some pixels carry the series colour (#0072B2).
    const rgb = (x: number, y: number) => Array.from(png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3));
    expect(rgb(2, 2)).toEqual([255, 255, 255]);
    let series = 0;
    for (let i = 0; i < png.data.length; i += 4) if (Math.abs(png.data[i]! - 0x00) < 30 && Math.abs(png.data[i + 1]! - 0x72) < 30 && Math.abs(png.data[i + 2]! - 0xb2) < 30) series++;
    expect(series).toBeGreaterThan(500);
  });

  it("download=1 names the file; bad parameters are a 400 naming them; an unknown pinned version a 404", async () => {
    const r = await get(`/api/charts/series.svg?${PATENTS}&download=1`);
    expect(r.headers.get("content-disposition")).toBe('attachment; filename="work_patents_issued_TJK-RUS.svg"');
    const bad = await get(`/api/charts/series.png?${PATENTS}&width=99999`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ parameter: "width" });
    const unknown = await get("/api/charts/series.svg?indicator=nonsense&origin=TJK");
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ parameter: "indicator" });
    expect((await get(`/embed/series?version=${"0".repeat(20)}`)).status).toBe(404);
    expect((await get("/api/charts/series.gif")).status).toBe(404);
  });
});

describe("caching", () => {
  it("live charts: strong ETag from the data version, short max-age with stale-while-revalidate, 304 on revalidation", async () => {
    for (const path of [`/api/charts/series.svg?${REMITTANCES}`, `/api/charts/series.png?${REMITTANCES}`, `/embed/series?${REMITTANCES}`]) {
      const first = await get(path);
      const etag = first.headers.get("etag")!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(first.headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=600");
      // The repeat is answered from memory by server.mjs's fast path: same bytes, same headers.
      const repeat = await get(path);
      expect(Buffer.from(await repeat.arrayBuffer())).toEqual(Buffer.from(await first.arrayBuffer()));
      for (const header of ["etag", "cache-control", "content-type", "content-security-policy", "x-frame-options", "x-content-type-options"])
        expect(repeat.headers.get(header), `${path} ${header}`).toBe(first.headers.get(header));
      const again = await get(path, { "if-none-match": etag });
      expect(again.status).toBe(304);
      expect(again.headers.get("etag")).toBe(etag);
      // Another view of the same data is another resource.
      expect((await get(`${path}&theme=dark`, { "if-none-match": etag })).status).toBe(200);
    }
  });
});

describe("pinned embeds", () => {
  it("keep showing the published data after a new import and its undo; the live embed moves", async () => {
    const published = await fetch(`${server.url}/api/snapshots?${PATENTS}`, { method: "POST" });
    expect(published.status).toBe(201);
    const { id, embed, svg: svgPath } = await published.json();
    expect(embed).toBe(`/embed/series?version=${id}`);
    const pinnedEmbed = await get(embed);
    expect(pinnedEmbed.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const pinnedHtml = await pinnedEmbed.text();
    const pinnedSvg = await (await get(svgPath)).text();
    const liveBefore = await (await get(`/api/charts/series.svg?${PATENTS}`)).text();
    expect(pinnedHtml).toContain(`pinned snapshot ${id}`);

    // A revision of the latest year and a new one (synthetic test values).
    const csv = join(mkdtempSync(join(tmpdir(), "corridor-pin-")), "revision.csv");
    writeFileSync(csv, "indicator,origin,destination,period,value,source\nwork_patents_issued,TJK,RUS,2030,123456,synthetic test row\n");
    corridor("import", csv);
    const liveAfter = await (await get(`/api/charts/series.svg?${PATENTS}`)).text();
    expect(liveAfter).not.toBe(liveBefore);
    expect(liveAfter).toContain("2030");
    expect(await (await get(embed)).text()).toBe(pinnedHtml);
    expect(await (await get(svgPath)).text()).toBe(pinnedSvg);

    const history = JSON.parse(corridor("imports", "--json")) as { id: number }[];
    corridor("undo", String(history[0]!.id));
    expect(await (await get(embed)).text()).toBe(pinnedHtml);
    expect(await (await get(`/api/charts/series.svg?${PATENTS}`)).text()).not.toContain(">2030<");

    // Publishing the same view of the same data again gives the same id.
    expect((await (await fetch(`${server.url}/api/snapshots?${PATENTS}`, { method: "POST" })).json()).id).toBe(id);
  });

  it("still render a snapshot stored before payloads were versioned (the bare payload in the row)", async () => {
    const published = await (await fetch(`${server.url}/api/snapshots?${PATENTS}`, { method: "POST" })).json();
    const legacyId = "feedfacecafe00000001";
    const db = new Database(server.dbPath);
    try {
      const row = db.prepare("SELECT kind, query, payload, data_version, created_at FROM snapshots WHERE id = ?").get(published.id) as Record<string, string | number>;
      const { schemaVersion, data } = JSON.parse(String(row.payload)) as { schemaVersion: number; data: unknown };
      expect(schemaVersion).toBe(1);
      // What the code before versions wrote: the chart data itself as the payload.
      db.prepare("INSERT INTO snapshots (id, kind, query, payload, data_version, created_at) VALUES (?, ?, ?, ?, ?, ?)").run(
        legacyId,
        row.kind,
        row.query,
        JSON.stringify(data),
        row.data_version,
        row.created_at,
      );
    } finally {
      db.close();
    }
    const legacy = await get(`/api/charts/series.svg?version=${legacyId}`);
    expect(legacy.status).toBe(200);
    expect(legacy.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    // The same drawing, but for the id in the provenance line and recharts' per-render clip-path counter.
    const same = (svg: string) => svg.replaceAll(legacyId, published.id).replace(/clipPath-recharts-line-\d+/g, "clipPath-recharts-line-N");
    expect(same(await legacy.text())).toBe(same(await (await get(published.svg)).text()));
  });

  it("refuses publishing from another site's page", async () => {
    const r = await fetch(`${server.url}/api/snapshots?${PATENTS}`, { method: "POST", headers: { origin: "https://evil.example" } });
    expect(r.status).toBe(403);
  });
});

describe("the explorer's comparison", () => {
  const VIEW = "series=KGZ-WLD,TJK-WLD&chart=bar&from=2015";

  it("renders as SVG, PNG, CSV and an embed page from the explorer's query", async () => {
    const svg = await (await get(`/api/charts/compare.svg?${VIEW}`)).text();
    // A bar per corridor and year: Tajikistan 2015–2024, Kyrgyzstan 2015–2023 in the demo data.
    expect((svg.match(/class="recharts-rectangle"/g) ?? []).length).toBe(10 + 9);
    expect(svg).toContain('data-legend="Tajikistan → World (all partners)"');
    expect(svg).toContain('data-legend="Kyrgyzstan → World (all partners)"');
    // Served twice (the second from server.mjs's memory), a bar chart stays a bar chart.
    const lines = await (await get("/api/charts/compare.svg?series=KGZ-WLD,TJK-WLD&from=2015")).text();
    expect(lines).not.toContain('class="recharts-rectangle"');
    expect(await (await get(`/api/charts/compare.svg?${VIEW}`)).text()).toBe(svg);
    const png = PNG.sync.read(Buffer.from(await (await get(`/api/charts/compare.png?${VIEW}&width=600&height=400`)).arrayBuffer()));
    expect([png.width, png.height]).toEqual([600, 400]);
    // One table (fetch's text() drops the byte-order mark, as a UTF-8 decoder does).
    const csv = await (await get(`/api/charts/compare.csv?${VIEW}`)).text();
    expect(csv.split("\r\n")[0]).toBe("period,Kyrgyzstan → World (all partners),Tajikistan → World (all partners)");
    expect(csv).toContain("\r\n2015,");
    const embed = await get(`/embed/compare?${VIEW}`);
    expect(embed.headers.get("content-security-policy")).toMatch(/frame-ancestors/);
    expect(await embed.text()).toContain("/explorer?series=KGZ-WLD%2CTJK-WLD&#38;from=2015&#38;chart=bar");
  });

  it("pins a comparison, chart type included; a series version is not a comparison", async () => {
    const published = await fetch(`${server.url}/api/snapshots?kind=compare&${VIEW}`, { method: "POST" });
    expect(published.status).toBe(201);
    const { id, svg } = await published.json();
    expect(svg).toBe(`/api/charts/compare.svg?version=${id}`);
    const pinned = await (await get(svg)).text();
    expect((pinned.match(/class="recharts-rectangle"/g) ?? []).length).toBe(19);
    expect((await get(`/api/charts/series.svg?version=${id}`)).status).toBe(404);
  });

  it("the explorer page offers share, embed and download for its chart", async () => {
    const context = await launch();
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/explorer?${VIEW}`);
      const actions = page.getByTestId("chart-actions");
      await actions.getByText("Download", { exact: true }).click();
      expect(await actions.getByRole("link", { name: /SVG image/ }).getAttribute("href")).toBe(
        `/api/charts/compare.svg?${VIEW.replace(",", "%2C").replace("&chart=bar&from=2015", "&from=2015&chart=bar")}&download=1`,
      );
    } finally {
      await context.close();
    }
  });
});

describe("framing", () => {
  it("embeds may be framed (CSP frame-ancestors); every other page refuses", async () => {
    const embed = await get(`/embed/series?${REMITTANCES}`);
    expect(embed.headers.get("content-security-policy")).toMatch(/frame-ancestors \*/);
    expect(embed.headers.get("x-frame-options")).toBeNull();
    for (const path of ["/", "/events", `/events/${TALKS}`, "/explorer", "/api/series?indicator=entries&origin=TJK"]) {
      const r = await get(path);
      expect(r.headers.get("x-frame-options"), path).toBe("DENY");
      expect(r.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
    }
  });
});

describe("the embed code, copied from the dashboard into someone else's page (browser)", () => {
  let host: Server;
  let hostUrl = "";
  let snippet = "";
  beforeAll(async () => {
    // The report's page, on another origin: a blank page with whatever the share dialog gave.
    host = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<!doctype html><html><body style="margin:0"><h1>My report</h1><div style="width:600px">${snippet}</div><p>After the chart.</p></body></html>`);
    });
    await new Promise<void>((ok) => host.listen(0, "127.0.0.1", ok));
    hostUrl = `http://localhost:${(host.address() as { port: number }).port}/`;
  });
  afterAll(() => new Promise<void>((ok) => host?.close(() => ok())));

  it("gives live and pinned embed codes; pasted into a page, the iframe shows the chart with its events and fits it", async () => {
    const context = await launch({ width: 1200, height: 1200 });
    try {
      const app = await context.newPage();
      await app.goto(`${server.url}/?origin=TJK&destination=RUS&indicator=remittances_received_usd`);
      const actions = app.getByTestId("chart-actions");
      await actions.getByText("Embed", { exact: true }).click();
      const code = actions.getByLabel(/Responsive embed/);
      await expect.poll(() => code.inputValue()).toContain(`${server.url}/embed/series?indicator=remittances_received_usd&origin=TJK&destination=WLD`);
      await actions.getByLabel(/Pinned/).check();
      await expect.poll(() => code.inputValue(), { timeout: 15_000 }).toMatch(/\/embed\/series\?version=[0-9a-f]{20}"/);
      snippet = await code.inputValue();
      expect(snippet).toContain(`<script async src="${server.url}/embed.js"></script>`);
      await app.screenshot({ path: join(import.meta.dirname, "artifacts", "dashboard-embed-dialog.png") });

      const page = await context.newPage();
      await page.goto(hostUrl);
      const frame = page.locator("iframe[data-corridor-embed]");
      await page.waitForFunction(() => Math.abs(parseFloat(document.querySelector("iframe")!.style.height) - 640) > 1, undefined, { timeout: 30_000 });
      const embedded = page.frameLocator("iframe[data-corridor-embed]");
      // Redrawn for a 600-px frame (40-px steps), not the default 960.
      await expect.poll(async () => embedded.locator("#chart svg.corridor-chart").getAttribute("width"), { timeout: 15_000 }).toBe("600");
      await expect.poll(() => embedded.locator(`[data-event-ids~="${TALKS}"]`).count()).toBe(1);
      expect(await embedded.locator("#chart").textContent()).toContain("Source: World Bank");
      const svgHeight = Number(await embedded.locator("#chart svg.corridor-chart").getAttribute("height"));
      const frameHeight = (await frame.boundingBox())!.height;
      // The frame fits the chart plus the "open in Corridor" line, without a scrollbar.
      expect(frameHeight).toBeGreaterThanOrEqual(svgHeight);
      expect(frameHeight).toBeLessThan(svgHeight + 80);
      await page.screenshot({ path: join(import.meta.dirname, "artifacts", "embed-in-iframe.png"), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
