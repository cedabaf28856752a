import { describe, expect, it } from "vitest";
import { isSameOrigin, siteHosts } from "./origins.ts";

const headers = (h: Record<string, string>) => new Headers(h);

describe("the same-origin rule (sign-in and the write routes' CSRF check)", () => {
  it("takes a page of the host the request was sent to, whatever the scheme", () => {
    expect(isSameOrigin(headers({ host: "localhost:3000", origin: "http://localhost:3000" }))).toBe(true);
    expect(isSameOrigin(headers({ host: "corridor.example.org", origin: "https://corridor.example.org" }))).toBe(true);
  });

  it("refuses another site, another port, a missing, opaque or malformed Origin", () => {
    expect(isSameOrigin(headers({ host: "localhost:3000", origin: "https://evil.example" }))).toBe(false);
    expect(isSameOrigin(headers({ host: "localhost:3000", origin: "http://localhost:4000" }))).toBe(false);
    expect(isSameOrigin(headers({ host: "localhost:3000" }))).toBe(false);
    expect(isSameOrigin(headers({ host: "localhost:3000", origin: "null" }))).toBe(false);
    expect(isSameOrigin(headers({ host: "localhost:3000", origin: "not a url" }))).toBe(false);
    expect(isSameOrigin(headers({ origin: "http://localhost:3000" }))).toBe(false);
  });

  it("behind a reverse proxy takes the forwarded public name as well as the Host", () => {
    const proxied = { host: "127.0.0.1:3000", "x-forwarded-host": "corridor.example.org" };
    expect(siteHosts(headers(proxied))).toEqual(["corridor.example.org", "127.0.0.1:3000"]);
    expect(isSameOrigin(headers({ ...proxied, origin: "https://corridor.example.org" }))).toBe(true);
    expect(isSameOrigin(headers({ ...proxied, origin: "http://127.0.0.1:3000" }))).toBe(true);
    expect(isSameOrigin(headers({ ...proxied, origin: "https://evil.example" }))).toBe(false);
  });
});
