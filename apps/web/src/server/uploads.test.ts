import { describe, expect, it } from "vitest";
import { limitBody, sanitiseFileName, TooLargeError } from "./uploads";
import { FailureLimiter } from "./login-limit";

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

describe("FailureLimiter", () => {
  it("blocks after max failures in the window, per key, and forgets after it", () => {
    const l = new FailureLimiter(3, 60_000);
    for (let i = 0; i < 3; i++) {
      expect(l.blockedFor("a", 1000 + i)).toBe(0);
      l.fail("a", 1000 + i);
    }
    expect(l.blockedFor("a", 2000)).toBe(59);
    expect(l.blockedFor("b", 2000)).toBe(0);
    expect(l.blockedFor("a", 61_001)).toBe(0);
    l.fail("b", 0);
    l.reset("b");
    expect(l.blockedFor("b", 1)).toBe(0);
  });
});
