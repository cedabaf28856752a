/**
 * The "done when", account part, in a real browser: an admin made with the CLI signs in at
 * /login, is sent back to ?next, sees themselves in the header, adds an analyst at /admin/users;
 * the analyst signs in; sign-out works; ?next cannot send anyone to another site.
 */
import { describe, expect, it } from "vitest";
import { browserPageFixture } from "./browser.ts";
import { corridorCli } from "./server";

const PASSWORD = "correct horse battery";
const browser = browserPageFixture({ setup: (db) => corridorCli(db, ["users", "add", "--email", "root@example.org", "--role", "admin"], `${PASSWORD}\n`) });

async function signIn(email: string, next: string) {
  await browser.page.goto(`${browser.server.url}/login?next=${encodeURIComponent(next)}`);
  await browser.page.getByLabel("Email").fill(email);
  await browser.page.getByLabel("Password").fill(PASSWORD);
  await browser.page.getByRole("button", { name: "Sign in" }).click();
}

describe("accounts in the browser", () => {
  it("an admin from the CLI signs in and adds an analyst, who then signs in", async () => {
    await browser.page.goto(browser.server.url);
    await expect(browser.page.getByRole("link", { name: "Sign in" }).isVisible()).resolves.toBe(true);
    await signIn("root@example.org", "/admin/users");
    await browser.page.waitForURL(`${browser.server.url}/admin/users`);
    await browser.page.getByText("root@example.org", { exact: true }).first().waitFor();
    await browser.page.getByRole("button", { name: "Sign out" }).waitFor();

    await browser.page.getByLabel("Email").fill("ana@example.org");
    await browser.page.getByLabel("Name").fill("Ana");
    await browser.page.getByLabel("Role").selectOption("analyst");
    await browser.page.getByLabel(/^Password/).fill(PASSWORD);
    await browser.page.getByRole("button", { name: "Add user" }).click();
    await browser.page.getByRole("cell", { name: "ana@example.org" }).waitFor();

    await browser.page.getByRole("button", { name: "Sign out" }).click();
    await browser.page.waitForURL(`${browser.server.url}/`);
    await browser.page.getByRole("link", { name: "Sign in" }).waitFor();

    await signIn("ana@example.org", "//evil.example/");
    await browser.page.waitForURL(`${browser.server.url}/`);
    await browser.page.getByText("ana@example.org").waitFor();
    const me = await browser.page.evaluate(() => fetch("/api/me").then((r) => r.json()));
    expect(me).toEqual({ user: { email: "ana@example.org", name: "Ana", role: "analyst" } });
  });

  // safeNext's answer goes to location.assign: these resolve to //evil.example, another host to a browser.
  it.each(["/.//evil.example/phish", "/./\\evil.example/phish", "/%2e//evil.example/phish"])("after signing in at ?next=%s the browser stays on this site", async (next) => {
    await signIn("root@example.org", next);
    await browser.page.waitForURL((url) => url.pathname !== "/login");
    expect(new URL(browser.page.url()).origin).toBe(browser.server.url);
  });

  it("says so on a wrong password", async () => {
    await browser.page.goto(`${browser.server.url}/login`);
    await browser.page.getByLabel("Email").fill("nobody@example.org");
    await browser.page.getByLabel("Password").fill("wrong password!");
    await browser.page.getByRole("button", { name: "Sign in" }).click();
    await browser.page.locator("#login-error").getByText("Wrong email or password.").waitFor();
  });
});
