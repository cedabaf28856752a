import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
}, 90_000);
afterAll(() => server?.stop());

describe("home page (built app, seeded database)", () => {
  it("lists the corridors with the latest World Bank figure for Tajikistan", async () => {
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Tajikistan → World (all partners)");
    expect(html).toContain("Uzbekistan → Russian Federation");
    // TJK 2024 personal remittances received, as published by the World Bank (2025-07-01 release).
    // data/seed has 6801890973.461 for TJK 2024; the page formats it to two decimals.
    expect(html).toMatch(/Personal remittances, received<\/td><td>2024<\/td><td class="num">6,801,890,973\.46/);
  });
});
