/**
 * The "done when", account part, in a real browser: an admin made with the CLI signs in at
 * /login, is sent back to ?next, sees themselves in the header, adds an analyst at /admin/users;
 * the analyst signs in; sign-out works; ?next cannot send anyone to another site.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { launch } from "./browser.ts";
import { corridorCli, startServer, type TestServer } from "./server";

const PASSWORD = "correct horse battery";
let server: TestServer;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer({ setup: (db) => corridorCli(db, ["users", "add", "--email", "root@example.org", "--role", "admin"], `${PASSWORD}\n`) });
  context = await launch();
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await server?.stop();
});

async function signIn(email: string, next: string) {
  await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

describe("accounts in the browser", () => {
  it("an admin from the CLI signs in and adds an analyst, who then signs in", async () => {
    await page.goto(server.url);
    await expect(page.getByRole("link", { name: "Sign in" }).isVisible()).resolves.toBe(true);
    await signIn("root@example.org", "/admin/users");
    await page.waitForURL(`${server.url}/admin/users`);
    await page.getByText("root@example.org", { exact: true }).first().waitFor();
    await page.getByRole("button", { name: "Sign out" }).waitFor();

    await page.getByLabel("Email").fill("ana@example.org");
    await page.getByLabel("Name").fill("Ana");
    await page.getByLabel("Role").selectOption("analyst");
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole("button", { name: "Add user" }).click();
    await page.getByRole("cell", { name: "ana@example.org" }).waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${server.url}/`);
    await page.getByRole("link", { name: "Sign in" }).waitFor();

    await signIn("ana@example.org", "//evil.example/");
    await page.waitForURL(`${server.url}/`);
    await page.getByText("ana@example.org").waitFor();
    const me = await page.evaluate(() => fetch("/api/me").then((r) => r.json()));
    expect(me).toEqual({ user: { email: "ana@example.org", name: "Ana", role: "analyst" } });
  });

  // safeNext's answer goes to location.assign: these resolve to //evil.example, another host to a browser.
  it.each(["/.//evil.example/phish", "/./\\evil.example/phish", "/%2e//evil.example/phish"])("after signing in at ?next=%s the browser stays on this site", async (next) => {
    await signIn("root@example.org", next);
    await page.waitForURL((url) => url.pathname !== "/login");
    expect(new URL(page.url()).origin).toBe(server.url);
  });

  it("says so on a wrong password", async () => {
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email").fill("nobody@example.org");
    await page.getByLabel("Password").fill("wrong password!");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("#login-error").getByText("Wrong email or password.").waitFor();
  });
});
