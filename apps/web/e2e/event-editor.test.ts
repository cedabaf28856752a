import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { corridorCli } from "./server.ts";
import { ARTIFACTS, browserPageFixture } from "./browser.ts";

const root = resolve(import.meta.dirname, "..", "..", "..");
// The founding press release is the body of the seeded 2021 talks: the text after the front matter.
const RELEASE = readFileSync(join(root, "data/seed/events/2021-04-19-russia-tajikistan-migration-talks.md"), "utf8")
  .replace(/^---[\s\S]*?\n---\n/, "")
  .trim();
const EMAIL = "analyst@example.org";
const PASSWORD = "a long enough analyst password";

const browser = browserPageFixture({ setup: (db) => corridorCli(db, ["users", "add", "--email", EMAIL, "--role", "analyst"], `${PASSWORD}\n`) });

describe("event editor in a real browser", () => {
  it("sends an anonymous reader to the login page and shows no Edit or New event link", async () => {
    await browser.page.goto(`${browser.server.url}/events/decree-274-2020`);
    expect(await browser.page.getByRole("link", { name: "Edit", exact: true }).count()).toBe(0);
    await browser.page.goto(`${browser.server.url}/events`);
    expect(await browser.page.getByRole("link", { name: "New event" }).count()).toBe(0);
    await browser.page.goto(`${browser.server.url}/events/decree-274-2020/edit`);
    expect(new URL(browser.page.url()).searchParams.get("next")).toBe("/events/decree-274-2020/edit");
    await browser.page.goto(`${browser.server.url}/events/new`);
    expect(new URL(browser.page.url()).pathname).toBe("/login");
    expect(new URL(browser.page.url()).searchParams.get("next")).toBe("/events/new");
  });

  it("an analyst pastes the founding press release, gets the suggestion, saves it and finds it on the events page", async () => {
    await browser.page.getByLabel(/e-?mail/i).fill(EMAIL);
    await browser.page.getByLabel(/password/i).fill(PASSWORD);
    await browser.page.getByRole("button", { name: /sign in|log in/i }).click();
    await browser.page.waitForURL((url) => url.pathname === "/events/new");

    await browser.page.getByLabel("Paste a press release").fill(RELEASE);
    await browser.page.getByRole("button", { name: "Suggest from this text" }).click();
    // The suggestion is a server round trip: a loaded machine needs more than expect.poll's default second.
    await expect.poll(() => browser.page.locator("#f-starts_on").inputValue(), { timeout: 15_000 }).toBe("2021-04-19");
    expect(await browser.page.locator("#f-ends_on").inputValue()).toBe("2021-04-20");
    expect(await browser.page.locator("#f-kind").inputValue()).toBe("talks");
    expect(await browser.page.getByLabel("Country 1", { exact: true }).inputValue()).toBe("RUS");
    expect(await browser.page.getByLabel("Country 2", { exact: true }).inputValue()).toBe("TJK");
    expect(await browser.page.getByLabel("Linked event 1", { exact: true }).inputValue()).toBe("decree-274-2020");
    expect(await browser.page.locator("#f-body").inputValue()).toBe(RELEASE);
    // The draft's marker is on the corridor's chart before saving.
    await expect.poll(() => browser.page.locator('[data-testid="marker-preview"] [data-event-ids~="draft"]:visible').count()).toBe(1);
    // A preview: no marker in it is a link that would leave the unsaved form.
    expect(await browser.page.locator('[data-testid="marker-preview"] a[data-event-ids]').count()).toBe(0);
    await browser.page.screenshot({ path: `${ARTIFACTS}event-editor-suggested.png`, fullPage: true });

    // A bad date is refused at its field, nothing saved.
    await browser.page.locator("#f-title").fill("Browser-test talks from the press release");
    await browser.page.locator("#f-ends_on").fill("2021-04-01");
    await browser.page.getByRole("button", { name: "Create event" }).click();
    await expect.poll(() => browser.page.locator('[data-field="ends_on"] [role="alert"]').textContent()).toMatch(/before starts_on/);

    await browser.page.locator("#f-ends_on").fill("2021-04-20");
    await browser.page.locator("#f-id").fill("browser-test-talks-2021");
    await browser.page.getByRole("button", { name: "Create event" }).click();
    await browser.page.waitForURL((url) => url.pathname === "/events/browser-test-talks-2021");
    expect(await browser.page.getByRole("heading", { level: 1 }).textContent()).toBe("Browser-test talks from the press release");
    expect(await browser.page.getByTestId("event-body").textContent()).toContain("Russian-Tajik comprehensive talks");
    expect(await browser.page.getByRole("link", { name: /Presidential Decree No\. 274/ }).count()).toBeGreaterThan(0);
    await browser.page.locator("summary#edit-history").click();
    expect(await browser.page.getByTestId("edit-history").textContent()).toContain(`created by ${EMAIL}`);

    // The saved event opens in the editor at its stored values.
    await browser.page.getByRole("link", { name: "Edit", exact: true }).click();
    await browser.page.waitForURL((url) => url.pathname === "/events/browser-test-talks-2021/edit");
    expect(await browser.page.locator("#f-ends_on").inputValue()).toBe("2021-04-20");
    expect(await browser.page.getByLabel("Linked event 1", { exact: true }).inputValue()).toBe("decree-274-2020");

    // The Russian side: a title marked as our translation (who and when filled in), saved beside the English.
    await browser.page.locator("#f-title_ru").fill("Переговоры из пресс-релиза (браузерный тест)");
    await browser.page.locator("#f-translated_ru").check();
    expect(await browser.page.locator("#f-translated_by_ru").inputValue()).not.toBe("");
    const today = new Date().toISOString().slice(0, 10);
    expect(await browser.page.locator("#f-translated_on_ru").inputValue()).toBe(today);
    await browser.page.screenshot({ path: `${ARTIFACTS}event-editor-bilingual.png`, fullPage: true });
    await browser.page.getByRole("button", { name: "Save changes" }).click();
    await browser.page.waitForURL((url) => url.pathname === "/events/browser-test-talks-2021");
    const saved = (await (await fetch(`${browser.server.url}/api/events/browser-test-talks-2021`)).json()) as {
      version: number;
      texts: Record<string, { title: string; body?: string; translation: { by: string; on: string } | null }>;
    };
    expect(saved.version).toBe(2);
    expect(saved.texts.en).toMatchObject({ title: "Browser-test talks from the press release", translation: null });
    expect(saved.texts.ru).toMatchObject({ title: "Переговоры из пресс-релиза (браузерный тест)", translation: { on: today } });
    expect(saved.texts.en!.body).toContain("Russian-Tajik comprehensive talks");
    await browser.page.locator("summary#edit-history").click();
    expect(await browser.page.getByTestId("edit-history").textContent()).toContain("Russian title");
    // The editor reopens with both languages as saved.
    await browser.page.goto(`${browser.server.url}/events/browser-test-talks-2021/edit`);
    expect(await browser.page.locator("#f-title_ru").inputValue()).toBe("Переговоры из пресс-релиза (браузерный тест)");
    expect(await browser.page.locator("#f-translated_ru").isChecked()).toBe(true);
    expect(await browser.page.locator("#f-translated_en").isChecked()).toBe(false);

    // Search finds it by a Russian word in any case.
    await browser.page.goto(`${browser.server.url}/events?q=${encodeURIComponent("БРАУЗЕРНЫЙ")}`);
    expect(await browser.page.getByRole("link", { name: "Browser-test talks from the press release" }).count()).toBeGreaterThan(0);
    expect(await browser.page.locator("section[aria-labelledby^='y'] li").count()).toBe(1);

    await browser.page.goto(`${browser.server.url}/events?country=TJK`);
    expect(await browser.page.getByRole("link", { name: "Browser-test talks from the press release" }).count()).toBeGreaterThan(0);
    await browser.page.screenshot({ path: `${ARTIFACTS}event-editor-saved.png`, fullPage: true });
    // The refused save's 422 is logged by the browser; anything else is a bug.
    expect(browser.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  });

  it("a Russian press release fills the Russian title and text, not the English", async () => {
    const release =
      "19-20 апреля 2021 года в Москве состоялись российско-таджикские переговоры по вопросам миграции. Стороны обсудили применение Указа Президента Российской Федерации от 18 апреля 2020 года № 274.";
    await browser.page.goto(`${browser.server.url}/events/new`);
    await browser.page.getByLabel("Paste a press release").fill(release);
    await browser.page.getByRole("button", { name: "Suggest from this text" }).click();
    await expect.poll(() => browser.page.locator("#f-starts_on").inputValue(), { timeout: 15_000 }).toBe("2021-04-19");
    expect(await browser.page.locator("#f-title_ru").inputValue()).toBe("Переговоры по вопросам миграции: Россия – Таджикистан");
    expect(await browser.page.locator("#f-body_ru").inputValue()).toBe(release);
    expect(await browser.page.locator("#f-title").inputValue()).toBe("");
    expect(await browser.page.locator("#f-body").inputValue()).toBe("");
    // Pasted wording is the source's own, not our translation.
    expect(await browser.page.locator("#f-translated_ru").isChecked()).toBe(false);
    expect(await browser.page.getByLabel("Linked event 1", { exact: true }).inputValue()).toBe("decree-274-2020");
  });

  it("deletes an event from the editor after confirming, and refuses while other events link to it", async () => {
    browser.page.on("dialog", (d) => void d.accept());
    // The seeded 2021 talks link to Decree No. 274: deleting the decree is refused with a reason.
    await browser.page.goto(`${browser.server.url}/events/decree-274-2020/edit`);
    await browser.page.getByRole("button", { name: "Delete event" }).click();
    await expect.poll(() => browser.page.getByTestId("delete-problem").textContent()).toMatch(/Not deleted: .*link to it/);
    expect((await fetch(`${browser.server.url}/api/events/decree-274-2020`)).status).toBe(200);

    await browser.page.goto(`${browser.server.url}/events/browser-test-talks-2021/edit`);
    await browser.page.getByRole("button", { name: "Delete event" }).click();
    await browser.page.waitForURL((url) => url.pathname === "/events");
    expect((await fetch(`${browser.server.url}/api/events/browser-test-talks-2021`)).status).toBe(404);
    expect(await browser.page.getByRole("link", { name: "Browser-test talks from the press release" }).count()).toBe(0);
    expect(browser.errors.filter((e) => !/status of (422|409)/.test(e))).toEqual([]);
  });
});
