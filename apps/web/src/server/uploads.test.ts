import { afterEach, describe, expect, it } from "vitest";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { limitBody, sanitiseFileName, saveUpload, tidyUploads, TooLargeError } from "./uploads";

describe("sanitiseFileName", () => {
  it("keeps only a printable base name", () => {
    expect(sanitiseFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitiseFileName("..\\..\\windows\\win.ini")).toBe("win.ini");
    expect(sanitiseFileName("evil\u0000.csv")).toBe("evil.csv");
    expect(sanitiseFileName(".hidden.csv")).toBe("hidden.csv");
    expect(sanitiseFileName("../")).toBe("upload.csv");
    expect(sanitiseFileName("Миграция 2021.csv")).toBe("Миграция 2021.csv");
    expect(sanitiseFileName(`${"a".repeat(500)}.csv`)).toHaveLength(200);
  });
});

describe("limitBody", () => {
  it("refuses by Content-Length before reading", () => {
    const req = new Request("http://x.test/", { method: "POST", body: "x".repeat(20), headers: { "content-length": "20" } });
    expect(() => limitBody(req, 10)).toThrow(TooLargeError);
  });
  it("refuses while reading when the length is not declared (chunked)", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 5; i++) c.enqueue(new Uint8Array(8));
        c.close();
      },
    });
    const req = new Request("http://x.test/", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    await expect(limitBody(req, 16).arrayBuffer()).rejects.toBeInstanceOf(TooLargeError);
    const small = new Request("http://x.test/", { method: "POST", body: "hello" });
    expect(await limitBody(small, 16).text()).toBe("hello");
  });
});

describe("uploads on disk", () => {
  const previous = process.env.CORRIDOR_UPLOADS_DIR;
  afterEach(() => {
    if (previous === undefined) delete process.env.CORRIDOR_UPLOADS_DIR;
    else process.env.CORRIDOR_UPLOADS_DIR = previous;
  });
  const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

  it("are readable by the server's user only while in flight: folder 0700, files 0600", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "corridor-uploads-")), "uploads");
    process.env.CORRIDOR_UPLOADS_DIR = dir;
    const umask = process.umask(0o022);
    try {
      const saved = await saveUpload(new TextEncoder().encode("a,b\n1,2\n"));
      expect(modeOf(dir)).toBe("700");
      expect(modeOf(saved)).toBe("600");
    } finally {
      process.umask(umask);
    }
  });

  it("on start, deletes in-flight uploads older than an hour and tightens what older versions left open", async () => {
    const dir = mkdtempSync(join(tmpdir(), "corridor-uploads-"));
    process.env.CORRIDOR_UPLOADS_DIR = dir;
    chmodSync(dir, 0o755);
    const stray = join(dir, "0b6b7e4e-4d1c-4f57-9a53-2f0e7c1d9a10.upload");
    const fresh = join(dir, "5f1d2c3b-aaaa-4bbb-8ccc-123456789abc.upload");
    const kept = join(dir, "import-3.upload");
    for (const file of [stray, fresh, kept]) writeFileSync(file, "x", { mode: 0o644 });
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(stray, twoHoursAgo, twoHoursAgo);
    utimesSync(kept, twoHoursAgo, twoHoursAgo);
    mkdirSync(join(dir, "sub.upload"));
    expect(await tidyUploads()).toEqual([stray.slice(dir.length + 1)]);
    expect(existsSync(stray)).toBe(false);
    expect(existsSync(fresh)).toBe(true); // may be another server's upload in flight
    expect(existsSync(kept)).toBe(true); // a committed import's original, as older releases kept them
    expect([modeOf(dir), modeOf(fresh), modeOf(kept)]).toEqual(["700", "600", "600"]);
  });
});
