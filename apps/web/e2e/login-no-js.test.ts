/**
 * Issue 18.4: the sign-in form POSTs and works without JavaScript. A browser with JavaScript off,
 * behind the login gate (CORRIDOR_REQUIRE_LOGIN=1): sent to /login, signs in, lands on the page it
 * asked for, signed in; a wrong password and the rate limit are said on the page. The password is
 * in no request URL, ever (before this, the form had no method and the browser sent it as ?password=).
 */
import type { BrowserContext, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, launch } from "./browser.ts";
import { corridorCli, startServer, type TestServer } from "./server.ts";

const PASSWORD = "correct horse battery";
const WRONG = "wrong-horse-battery";
let server: TestServer;
let context: BrowserContext;
let page: Page;
const requests: Request[] = [];

beforeAll(async () => {
  server = await startServer({
    env: { CORRIDOR_REQUIRE_LOGIN: "1" },
    setup: (db) => corridorCli(db, ["users", "add", "--email", "root@example.org", "--role", "admin"], `${PASSWORD}\n`),
  });
  context = await launch({ javaScriptEnabled: false });
  page = await context.newPage();
  page.on("request", (r) => requests.push(r));
});

afterAll(async () => {
  await context?.close();
  await server?.stop();
});

async function submit(email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForLoadState("load");
}

describe("sign-in without JavaScript", () => {
  it("a wrong password comes back to the form with the error, the password in no URL", async () => {
    await page.goto(`${server.url}/explorer`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await submit("root@example.org", WRONG);
    const url = new URL(page.url());
    expect(url.pathname).toBe("/login");
    expect(url.searchParams.get("error")).toBe("wrong");
    expect(url.searchParams.get("next")).toBe("/explorer");
    await expect(page.locator("#login-error").textContent()).resolves.toBe("Wrong email or password.");
    const posts = requests.filter((r) => r.method() === "POST");
    expect(posts.map((r) => new URL(r.url()).pathname)).toEqual(["/api/auth/sign-in/form"]);
    // The password went in the body, urlencoded as a browser form sends it.
    expect(posts[0]!.postData()).toContain(`password=${WRONG}`);
  });

  it("the right password lands signed in on the page asked for; no URL ever held the password", async () => {
    await submit("root@example.org", PASSWORD);
    expect(page.url()).toBe(`${server.url}/explorer`);
    // The gate let the page through: the session cookie works without any script.
    await page.getByRole("heading", { level: 1 }).waitFor();
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.not.toMatch(/sign in/i);
    const cookies = await context.cookies(server.url);
    expect(cookies.map((c) => c.name)).toEqual(expect.arrayContaining(["better-auth.session_token", "corridor_account"]));
    await page.screenshot({ path: `${ARTIFACTS}login-no-js-signed-in.png` });
    const urls = requests.map((r) => r.url());
    expect(urls.length).toBeGreaterThan(3);
    for (const url of urls) {
      expect(url).not.toContain(PASSWORD.split(" ")[0]);
      expect(url).not.toContain(WRONG);
      expect(new URL(url).searchParams.has("password")).toBe(false);
    }
  });

  it("too many wrong passwords are refused as the JSON endpoint refuses them, and said on the page", async () => {
    await context.clearCookies();
    for (let i = 0; i < 5; i++) {
      await page.goto(`${server.url}/login`);
      await submit("limited@example.org", WRONG);
      expect(new URL(page.url()).searchParams.get("error")).toBe("wrong");
    }
    await submit("limited@example.org", WRONG);
    expect(new URL(page.url()).searchParams.get("error")).toBe("limited");
    await expect(page.locator("#login-error").textContent()).resolves.toMatch(/Too many failed attempts/);
  });

  it("refuses a sign-in posted from another site (login CSRF): no session cookie", async () => {
    const res = await fetch(`${server.url}/api/auth/sign-in/form`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
      body: new URLSearchParams({ email: "root@example.org", password: PASSWORD, next: "/" }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login?error=cross-site");
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("sends an unsafe next back to this site", async () => {
    const res = await fetch(`${server.url}/api/auth/sign-in/form`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url },
      body: new URLSearchParams({ email: "root@example.org", password: PASSWORD, next: "//evil.example/x" }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/");
    expect(res.headers.getSetCookie().some((c) => c.startsWith("better-auth.session_token="))).toBe(true);
  });

  it("reads at 1400 px, on a 375 px phone and in dark mode, the error included (screenshots)", async () => {
    for (const [name, options] of [
      ["desktop", { width: 1400, height: 900 }],
      ["phone", { width: 375, height: 812 }],
      ["dark", { width: 1400, height: 900, colorScheme: "dark" as const }],
    ] as const) {
      const other = await launch({ ...options, javaScriptEnabled: false });
      const p = await other.newPage();
      await p.goto(`${server.url}/login?error=wrong&next=/explorer`);
      await expect(p.locator("#login-error").textContent()).resolves.toBe("Wrong email or password.");
      expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `${name}: no sideways scrolling`).toBe(true);
      await p.screenshot({ path: `${ARTIFACTS}login-${name}.png`, fullPage: true });
      await other.close();
    }
  });
});
