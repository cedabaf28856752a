import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { corridorCli, startServer, type TestServer } from "./server.ts";
import { launch, watchPageErrors } from "./browser.ts";

const ARTIFACTS = new URL("./artifacts/", import.meta.url).pathname;
const root = resolve(import.meta.dirname, "..", "..", "..");
// The founding press release is the body of the seeded 2021 talks: the text after the front matter.
const RELEASE = readFileSync(join(root, "data/seed/events/2021-04-19-russia-tajikistan-migration-talks.md"), "utf8").replace(/^---[\s\S]*?\n---\n/, "").trim();
const EMAIL = "analyst@example.org";
const PASSWORD = "a long enough analyst password";

let server: TestServer;
let context: BrowserContext;
let page: Page;
let errors: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer({ setup: (db) => corridorCli(db, ["users", "add", "--email", EMAIL, "--role", "analyst"], `${PASSWORD}\n`) });
  context = await launch();
  page = await context.newPage();
  errors = watchPageErrors(page);
});
afterAll(async () => {
  await context?.close();
  await server?.stop();
});

describe("event editor in a real browser", () => {
  it("sends an anonymous reader to the login page and shows no Edit or New event link", async () => {
    await page.goto(`${server.url}/events/decree-274-2020`);
    expect(await page.getByRole("link", { name: "Edit", exact: true }).count()).toBe(0);
    await page.goto(`${server.url}/events`);
    expect(await page.getByRole("link", { name: "New event" }).count()).toBe(0);
    await page.goto(`${server.url}/events/decree-274-2020/edit`);
    expect(new URL(page.url()).searchParams.get("next")).toBe("/events/decree-274-2020/edit");
    await page.goto(`${server.url}/events/new`);
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(new URL(page.url()).searchParams.get("next")).toBe("/events/new");
  });

  it("an analyst pastes the founding press release, gets the suggestion, saves it and finds it on the events page", async () => {
    await page.getByLabel(/e-?mail/i).fill(EMAIL);
    await page.getByLabel(/password/i).fill(PASSWORD);
    await page.getByRole("button", { name: /sign in|log in/i }).click();
    await page.waitForURL((url) => url.pathname === "/events/new");

    await page.getByLabel("Paste a press release").fill(RELEASE);
    await page.getByRole("button", { name: "Suggest from this text" }).click();
    await expect.poll(() => page.locator("#f-starts_on").inputValue()).toBe("2021-04-19");
    expect(await page.locator("#f-ends_on").inputValue()).toBe("2021-04-20");
    expect(await page.locator("#f-kind").inputValue()).toBe("talks");
    expect(await page.getByLabel("Country 1", { exact: true }).inputValue()).toBe("RUS");
    expect(await page.getByLabel("Country 2", { exact: true }).inputValue()).toBe("TJK");
    expect(await page.getByLabel("Linked event 1", { exact: true }).inputValue()).toBe("decree-274-2020");
    expect(await page.locator("#f-body").inputValue()).toBe(RELEASE);
    // The draft's marker is on the corridor's chart before saving.
    await expect.poll(() => page.locator('[data-testid="marker-preview"] [data-event-ids~="draft"]').count()).toBe(1);
    // A preview: no marker in it is a link that would leave the unsaved form.
    expect(await page.locator('[data-testid="marker-preview"] a[data-event-ids]').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}event-editor-suggested.png`, fullPage: true });

    // A bad date is refused at its field, nothing saved.
    await page.locator("#f-title").fill("Browser-test talks from the press release");
    await page.locator("#f-ends_on").fill("2021-04-01");
    await page.getByRole("button", { name: "Create event" }).click();
    await expect.poll(() => page.locator('[data-field="ends_on"] [role="alert"]').textContent()).toMatch(/before starts_on/);

    await page.locator("#f-ends_on").fill("2021-04-20");
    await page.locator("#f-id").fill("browser-test-talks-2021");
    await page.getByRole("button", { name: "Create event" }).click();
    await page.waitForURL((url) => url.pathname === "/events/browser-test-talks-2021");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Browser-test talks from the press release");
    expect(await page.getByTestId("event-body").textContent()).toContain("Russian-Tajik comprehensive talks");
    expect(await page.getByRole("link", { name: /Presidential Decree No\. 274/ }).count()).toBeGreaterThan(0);
    await page.locator("summary#edit-history").click();
    expect(await page.getByTestId("edit-history").textContent()).toContain(`created by ${EMAIL}`);

    // The saved event opens in the editor at its stored values.
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/events/browser-test-talks-2021/edit");
    expect(await page.locator("#f-ends_on").inputValue()).toBe("2021-04-20");
    expect(await page.getByLabel("Linked event 1", { exact: true }).inputValue()).toBe("decree-274-2020");

    await page.goto(`${server.url}/events?country=TJK`);
    expect(await page.getByRole("link", { name: "Browser-test talks from the press release" }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}event-editor-saved.png`, fullPage: true });
    // The refused save's 422 is logged by the browser; anything else is a bug.
    expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  });

  it("deletes an event from the editor after confirming, and refuses while other events link to it", async () => {
    page.on("dialog", (d) => void d.accept());
    // The seeded 2021 talks link to Decree No. 274: deleting the decree is refused with a reason.
    await page.goto(`${server.url}/events/decree-274-2020/edit`);
    await page.getByRole("button", { name: "Delete event" }).click();
    await expect.poll(() => page.getByTestId("delete-problem").textContent()).toMatch(/Not deleted: .*link to it/);
    expect((await fetch(`${server.url}/api/events/decree-274-2020`)).status).toBe(200);

    await page.goto(`${server.url}/events/browser-test-talks-2021/edit`);
    await page.getByRole("button", { name: "Delete event" }).click();
    await page.waitForURL((url) => url.pathname === "/events");
    expect((await fetch(`${server.url}/api/events/browser-test-talks-2021`)).status).toBe(404);
    expect(await page.getByRole("link", { name: "Browser-test talks from the press release" }).count()).toBe(0);
    expect(errors.filter((e) => !/status of (422|409)/.test(e))).toEqual([]);
  });
});
