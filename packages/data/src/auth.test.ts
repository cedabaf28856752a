import { describe, expect, it } from "vitest";
import { sameHostOrigins } from "./auth.ts";

const request = (headers: Record<string, string>) => new Request("http://0.0.0.0:3000/api/auth/sign-in/email", { method: "POST", headers });

describe("sameHostOrigins", () => {
  it("trusts the host the request was sent to, by either scheme — not the address the server is bound to", () => {
    expect(sameHostOrigins(request({ host: "localhost:3000" }))).toEqual(["http://localhost:3000", "https://localhost:3000"]);
  });
  it("adds the public name a reverse proxy forwards", () => {
    expect(sameHostOrigins(request({ host: "127.0.0.1:3000", "x-forwarded-host": "corridor.example.org" }))).toEqual([
      "http://corridor.example.org", "https://corridor.example.org", "http://127.0.0.1:3000", "https://127.0.0.1:3000",
    ]);
  });
  it("trusts nothing without a request (server-side calls have no origin to check)", () => {
    expect(sameHostOrigins(undefined)).toEqual([]);
  });
});
