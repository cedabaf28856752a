/**
 * Events in two languages, in a real browser: the events list searches Russian words in any case,
 * a Russian-only event is shown in Russian with "(in Russian)" (never a blank) and its translation
 * said as ours, and the seeded events' Russian text reaches the JSON API marked as our translation.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { corridorCli } from "./server.ts";
import { ARTIFACTS, browserPageFixture, launch } from "./browser.ts";

// A Russian-only event (no English title), its text translated by the project from a Tajik release.
const RU_ONLY = `---
id: russian-only-test-event
title_ru: Консультации по трудовой миграции (тестовое событие)
summary_ru: Тестовое событие только на русском языке.
translated_by_ru: Corridor project
translated_on_ru: 2026-12-02
kind: talks
starts_on: 2023-03-01
countries: [RUS, TJK]
---
<!-- lang: ru -->
Текст **только** на русском.
`;

const browser = browserPageFixture({
  setup: (db) => {
    const file = join(mkdtempSync(join(tmpdir(), "corridor-ru-")), "russian-only-test-event.md");
    writeFileSync(file, RU_ONLY);
    corridorCli(db, ["events", "import", file]);
  },
});

const listed = () => browser.page.locator("section[aria-labelledby^='y'] li a[href^='/events/']").evaluateAll((links) => links.map((a) => a.getAttribute("href")));

describe("events in two languages", () => {
  it("the events list finds Russian words in either case, in titles, summaries and bodies", async () => {
    await browser.page.goto(`${browser.server.url}/events?q=${encodeURIComponent("ПЕРЕГОВОРЫ")}`);
    expect(await listed()).toEqual(["/events/2021-04-19-russia-tajikistan-migration-talks"]);
    expect(await browser.page.locator('input[name="q"]').inputValue()).toBe("ПЕРЕГОВОРЫ");
    await browser.page.goto(`${browser.server.url}/events?q=${encodeURIComponent("ДУШАНБЕ министры")}`);
    expect(await listed()).toEqual(["/events/2024-05-28-tajikistan-russia-migration-talks"]);
    // The Russian-only event's body.
    await browser.page.goto(`${browser.server.url}/events?q=${encodeURIComponent("Только")}`);
    expect(await listed()).toEqual(["/events/russian-only-test-event"]);
    await browser.page.goto(`${browser.server.url}/events?q=zzzz-nothing`);
    expect(await listed()).toEqual([]);
  });

  it("a Russian-only event reads in Russian, marked (in Russian), its translation said as ours", async () => {
    await browser.page.goto(`${browser.server.url}/events?q=${encodeURIComponent("тестовое")}`);
    const item = browser.page.locator("section[aria-labelledby^='y'] li");
    expect(await item.textContent()).toMatch(/Консультации по трудовой миграции \(тестовое событие\)\s*\(in Russian\)/);
    expect(await item.textContent()).toContain("translated by Corridor");
    await browser.page.goto(`${browser.server.url}/events/russian-only-test-event`);
    const h1 = browser.page.getByRole("heading", { level: 1 });
    expect(await h1.getAttribute("lang")).toBe("ru");
    expect(await h1.textContent()).toBe("Консультации по трудовой миграции (тестовое событие)(in Russian)");
    expect(await browser.page.getByTestId("translation-note").textContent()).toBe("Translated by Corridor project on 2026-12-02, not the source's own text.");
    expect(await browser.page.getByTestId("event-body").textContent()).toContain("Текст только на русском.");
    for (const [name, options] of [
      ["desktop", { width: 1400 }],
      ["phone", { width: 375, height: 800 }],
      ["dark", { width: 1400, colorScheme: "dark" as const }],
    ] as const) {
      const context = await launch(options);
      const page = await context.newPage();
      await page.goto(`${browser.server.url}/events/russian-only-test-event`);
      await page.screenshot({ path: `${ARTIFACTS}event-ru-only-${name}.png`, fullPage: true });
      await page.goto(`${browser.server.url}/events?q=${encodeURIComponent("переговоры")}`);
      await page.screenshot({ path: `${ARTIFACTS}events-search-ru-${name}.png`, fullPage: true });
      await context.close();
    }
  });

  it("the event's one-page brief prints the Russian-only event in Russian with the same markers", async () => {
    const response = await fetch(`${browser.server.url}/events/russian-only-test-event/brief.pdf`);
    expect(response.status).toBe(200);
    const file = join(mkdtempSync(join(tmpdir(), "corridor-brief-")), "brief.pdf");
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    // poppler's pdftotext (.ci/run installs it) reads the text back: Cyrillic drawn as text, not boxes.
    const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(text).toContain("Консультации по трудовой миграции (тестовое событие) (in Russian)");
    expect(text).toContain("Translated by Corridor project on 2026-12-02, not the source's own text.");
    expect(text).toContain("Тестовое событие только на русском языке.");
  });

  it("an English event with our Russian translation shows no translation note in English, and the API returns both languages", async () => {
    await browser.page.goto(`${browser.server.url}/events/decree-274-2020`);
    expect(await browser.page.getByTestId("translation-note").count()).toBe(0);
    expect(await browser.page.getByRole("heading", { level: 1 }).getAttribute("lang")).toBe("en");
    const event = (await (await fetch(`${browser.server.url}/api/events/decree-274-2020`)).json()) as {
      title: string;
      texts: Record<string, { title: string; label: string | null; translation: unknown }>;
    };
    expect(event.texts.en).toMatchObject({ title: event.title, label: "Decree No. 274", translation: null });
    expect(event.texts.ru).toMatchObject({
      title: "Указ Президента № 274 о правовом положении иностранных граждан в период COVID-19",
      label: "Указ № 274",
      translation: { by: "Corridor project", on: "2026-12-02" },
    });
    const found = (await (await fetch(`${browser.server.url}/api/events?q=${encodeURIComponent("УКАЗ № 274")}`)).json()) as { id: string }[];
    // The decrees' own titles, and the 2021 talks whose Russian summary cites "Указа № 274".
    expect(found.map((e) => e.id)).toEqual(["decree-274-2020", "decree-2020-09-23-extends-274", "decree-791-2020", "2021-04-19-russia-tajikistan-migration-talks"]);
    expect(browser.errors).toEqual([]);
  });
});
