/**
 * The analyst's pages in Russian, in a real browser: signing in from a /ru page comes back to that
 * Russian page (with and without JavaScript), the upload workbench, its diff, the imports list, the
 * import page and Undo speak Russian with Russian plurals and numbers; and the event brief PDF and a
 * chart's SVG footer with lang=ru, read back as text (pdftotext).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { corridorCli } from "./server.ts";
import { ARTIFACTS, browserPageFixture, launch } from "./browser.ts";

const FIXTURE = new URL("./fixtures/registrations_cp1251.csv", import.meta.url).pathname;
const ANALYST = { email: "analyst@example.org", password: "correct horse battery staple" };
const TALKS = "2021-04-19-russia-tajikistan-migration-talks";
const NBSP = "\u00a0";

const browser = browserPageFixture({
  setup: (db) => corridorCli(db, ["users", "add", "--email", ANALYST.email, "--role", "analyst"], `${ANALYST.password}\n`),
  // The dry runs' 422 answers log console errors by design.
  pageErrorsOnly: true,
});

const path = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

describe("signing in from a Russian page", () => {
  it("the header's Войти link comes back to the page it was on", async () => {
    const { page, server } = browser;
    await page.goto(`${server.url}/ru/events?kind=decree`);
    expect(await page.getByRole("link", { name: "Войти" }).getAttribute("href")).toBe(`/ru/login?next=${encodeURIComponent("/ru/events?kind=decree")}`);
  });

  it("/ru/upload signed out → /ru/login in Russian; a wrong password is said in Russian; the right one lands on /ru/upload", async () => {
    const { page, server } = browser;
    await page.goto(`${server.url}/ru/upload`);
    expect(path(page.url())).toBe(`/ru/login?next=${encodeURIComponent("/ru/upload")}`);
    expect(await page.getAttribute("html", "lang")).toBe("ru");
    expect(await page.textContent("h1")).toBe("Вход");
    await page.getByLabel("Электронная почта").fill(ANALYST.email);
    await page.getByLabel("Пароль").fill("wrong-horse");
    await page.getByRole("button", { name: "Войти" }).click();
    await expect.poll(() => page.locator("#login-error").textContent()).toBe("Неверная электронная почта или пароль.");
    await page.screenshot({ path: `${ARTIFACTS}ru-login-error.png`, fullPage: true });
    await page.getByLabel("Пароль").fill(ANALYST.password);
    await Promise.all([page.waitForURL((u) => u.pathname === "/ru/upload"), page.getByRole("button", { name: "Войти" }).click()]);
    expect(await page.getAttribute("html", "lang")).toBe("ru");
    expect(await page.textContent("h1")).toBe("Загрузка данных");
  });

  it("without JavaScript, a failed plain-form sign-in comes back to /ru/login with the Russian error, the next page kept", async () => {
    const context = await launch({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${browser.server.url}/ru/login?next=${encodeURIComponent("/ru/imports")}`);
      await page.getByLabel("Электронная почта").fill(ANALYST.email);
      await page.getByLabel("Пароль").fill("wrong-horse");
      await page.getByRole("button", { name: "Войти" }).click();
      await page.waitForLoadState("load");
      const url = new URL(page.url());
      expect(url.pathname).toBe("/ru/login");
      expect(url.searchParams.get("error")).toBe("wrong");
      expect(url.searchParams.get("next")).toBe("/ru/imports");
      expect(await page.locator("#login-error").textContent()).toBe("Неверная электронная почта или пароль.");
      // The page was reloaded: the form is empty again.
      await page.getByLabel("Электронная почта").fill(ANALYST.email);
      await page.getByLabel("Пароль").fill(ANALYST.password);
      await page.getByRole("button", { name: "Войти" }).click();
      await page.waitForURL((u) => u.pathname === "/ru/imports");
      expect(await page.textContent("h1")).toBe("Импорты");
    } finally {
      await context.close();
    }
  });
});

describe("the upload workbench and imports in Russian", () => {
  it("previews, checks and shows the diff in Russian words and numbers", async () => {
    const { page } = browser;
    expect(new URL(page.url()).pathname).toBe("/ru/upload");
    expect(await page.textContent("main")).toContain("Перетащите сюда CSV-файл");
    await page.getByTestId("file-input").setInputFiles(FIXTURE);
    await expect.poll(() => page.getByTestId("detected-encoding").innerText()).toBe("windows-1251");
    const detected = await page.getByTestId("detected").innerText();
    expect(detected).toMatch(/разделитель[\s\S]*точка с запятой/i);
    expect(detected).toMatch(/кодировка/i);
    // The detector's reason in Russian too.
    expect(detected).toContain("не UTF-8; для русских таблиц это обычно");
    await page.getByTestId("role-2").selectOption("value");
    await page.getByTestId("constant-indicator").fill("migration_registrations");
    expect(await page.getByTestId("columns").innerText()).toMatch(/столбец[\s\S]*роль/i);
    await page.getByTestId("check").click();
    await page.getByTestId("diff").waitFor();
    const diff = await page.getByTestId("diff").innerText();
    expect(diff).toContain("Что изменится");
    expect(diff).toContain("новых: 2");
    expect(diff).toContain("изменено: 1");
    // Countries in Russian, numbers with Russian grouping (a no-break space), the revision with a decimal comma.
    expect(diff).toMatch(/Таджикистан → Россия/);
    expect(diff).toContain(`3${NBSP}757${NBSP}303`);
    expect(diff).toMatch(/\+0,0002\s%/);
    expect(diff).not.toMatch(/\b(new|changed|unchanged)\b/);
    await page.screenshot({ path: `${ARTIFACTS}ru-upload-diff.png`, fullPage: true });
  });

  it("commits; /ru/imports, the import page and Undo are Russian, with Russian plurals", async () => {
    const { page, server } = browser;
    await page.getByTestId("commit").click();
    await page.getByTestId("committed").waitFor();
    const committed = await page.getByTestId("committed").innerText();
    expect(committed).toMatch(/Импорт выполнен[\s\S]*Новых: 2, изменено: 1/);
    const link = page.getByTestId("committed").getByRole("link", { name: /Импорт № \d+/ });
    const href = (await link.getAttribute("href"))!;
    expect(href).toMatch(/^\/ru\/imports\/\d+$/);
    const id = href.split("/").at(-1)!;

    await page.goto(`${server.url}${href}`);
    expect(await page.textContent("h1")).toBe(`Импорт № ${id}: registrations_cp1251.csv`);
    const main = await page.locator("main").innerText();
    expect(main).toContain("Что произошло");
    expect(main).toMatch(/новых: 2 · изменено: 1/);
    expect(main).toMatch(/\d{1,2} [а-я]+ \d{4}\u00a0г\., \d\d:\d\d UTC/);
    await page.screenshot({ path: `${ARTIFACTS}ru-import-detail.png`, fullPage: true });

    await page.goto(`${server.url}/ru/imports`);
    expect(await page.textContent("h1")).toBe("Импорты");
    const row = page.getByTestId(`import-${id}`);
    expect(await row.innerText()).toContain("записан");
    page.once("dialog", (d) => {
      expect(d.message()).toMatch(/^Отменить импорт № \d+ \(registrations_cp1251\.csv\)\?/);
      void d.accept();
    });
    await page.getByTestId(`undo-${id}`).click();
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain("отменён");
    await page.screenshot({ path: `${ARTIFACTS}ru-imports-after-undo.png`, fullPage: true });
    expect(browser.errors).toEqual([]);
  });

  it("an upload with errors counts them by Russian rules and words each error in Russian", async () => {
    const { page, server } = browser;
    await page.goto(`${server.url}/ru/upload`);
    const table = "indicator,origin,destination,period,value\nentries,TJK,RUS,2031,5\nentries,XXX,RUS,2032,6\nentries,YYY,RUS,2033,7\n";
    await page.getByTestId("file-input").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(table) });
    await page.getByTestId("check").click();
    await page.getByTestId("refused").waitFor();
    expect(await page.getByTestId("refused").locator("h3, p").first().innerText()).toMatch(/^2 ошибки: ничего не записано$/);
    expect(await page.getByTestId("errors").innerText()).toMatch(/Ошибки по строкам[\s\S]*строка 3/);
    // Each error in Russian, through the catalog by its code: line, column, value, then the words.
    const items = page.getByTestId("errors").locator("li");
    expect((await items.first().innerText()).replace(/\s+/g, " ")).toBe("строка 3 origin XXX Неизвестная страна «XXX».");
    expect((await items.nth(1).innerText()).replace(/\s+/g, " ")).toBe("строка 4 origin YYY Неизвестная страна «YYY».");
    expect(await page.getByTestId("errors").locator('[lang="en"]').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}ru-upload-errors.png`, fullPage: true });
  });

  it("a file refused as a whole, and a mapping that lacks a column, are said in Russian with the line", async () => {
    const { page, server } = browser;
    await page.goto(`${server.url}/ru/upload`);
    // The mapping lacks the value column: said in the preview, before any upload.
    await page.getByTestId("file-input").setInputFiles({ name: "no-value.csv", mimeType: "text/csv", buffer: Buffer.from("indicator,origin,destination,year,wert\nentries,TJK,RUS,2021,5\n") });
    await expect
      .poll(() => page.getByTestId("mapping-problem").innerText())
      .toBe("Не хватает столбцов: значение. Заголовок: indicator, origin, destination, year, wert. Назначьте роль одному из столбцов или укажите значение для всех строк.");
    expect(await page.getByTestId("mapping-problem").getAttribute("lang")).toBeNull();
    // A header and no data: the server refuses the whole file, naming the line.
    await page.getByTestId("file-input").setInputFiles({ name: "header-only.csv", mimeType: "text/csv", buffer: Buffer.from("indicator,origin,destination,period,value\n") });
    await page.getByTestId("check").click();
    await page.getByTestId("refused").waitFor();
    expect((await page.getByTestId("refused").innerText()).replace(/\s+/g, " ")).toBe("Сервер не принял файл Строка 1: В файле есть заголовок (строка 1), но нет строк с данными.");
    expect(await page.getByTestId("refused").locator('[lang="en"]').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}ru-upload-refused.png`, fullPage: true });
  });
});

describe("the event page's impact panels and the editor in Russian", () => {
  it("the ITS reading, the before/after table and the method are Russian, counts by Russian rules", async () => {
    const { page, server } = browser;
    await page.goto(`${server.url}/ru/events/${TALKS}`);
    const panel = page.getByTestId("impact-panel").first();
    await panel.waitFor();
    const text = (await panel.innerText()).replace(/\s+/g, " ");
    expect(text).toContain("Прерванный временной ряд");
    expect(await panel.getByTestId("its-reading").innerText()).toMatch(/^(Снижение|Рост|Неотличимо)/);
    expect(text).toMatch(/До и после: 2 периода с каждой стороны/);
    expect(text).toContain("Годом ранее");
    expect(text).toContain("Как это рассчитано");
    for (const english of ["Interrupted time series", "Before and after", "A year earlier", "Download this estimate", "Not enough data"]) expect(text, english).not.toContain(english);
    await page.screenshot({ path: `${ARTIFACTS}ru-event-impact.png`, fullPage: true });
  });

  it("/ru/events/new: the editor's labels, kinds and buttons are Russian", async () => {
    const { page, server } = browser;
    await page.goto(`${server.url}/ru/events/new`);
    expect(await page.textContent("h1")).toBe("Новое событие");
    expect((await page.locator("#f-kind option").allTextContents()).sort()).toEqual(["Другое", "Закон", "Контроль", "Ограничение", "Переговоры", "Соглашение", "Указ", "Экономика"]);
    expect(await page.getByLabel("Вставьте пресс-релиз").count()).toBe(1);
    expect(await page.getByRole("button", { name: "Создать событие" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: "Отмена" }).getAttribute("href")).toBe("/ru/events");
    // The marker preview speaks the page's language: lanes, the draft's Russian title, numbers.
    await page.locator("#f-kind").selectOption("talks");
    await page.locator("#f-title_ru").fill("Пробные переговоры");
    await page.locator("#f-starts_on").fill("2021-04-19");
    const preview = page.getByTestId("marker-preview");
    const draft = preview.locator('[data-event-ids~="draft"]:visible');
    await expect.poll(() => draft.count(), { timeout: 15_000 }).toBe(1);
    expect(await draft.getAttribute("aria-label")).toMatch(/Пробные переговоры/);
    const lanes = await preview.innerText();
    expect(lanes).toContain("Переговоры");
    for (const english of ["Talks", "Decree", "Agreement", "New event"]) expect(lanes, english).not.toContain(english);
    await page.screenshot({ path: `${ARTIFACTS}ru-event-new.png`, fullPage: true });
    expect(browser.errors).toEqual([]);
  });
});

describe("documents and images with lang=ru", () => {
  it("the Russian event brief PDF has Russian headings, table, method and footer, no English of ours", async () => {
    const res = await fetch(`${browser.server.url}/ru/events/${TALKS}/brief.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const file = join(mkdtempSync(join(tmpdir(), "ru-brief-")), "brief.pdf");
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    for (const expected of [
      "Corridor · справка о событии",
      "Переговоры",
      "апреля 2021",
      "Коридор и показатель",
      "Годом ранее",
      "Источники:",
      "реестр событий Corridor",
      "данные на",
      `/ru/events/${TALKS}`,
    ])
      expect(text, expected).toContain(expected);
    for (const english of ["event brief", "Sources:", "Corridor and indicator", "Year earlier", "data of", "release:", "licence:"]) expect(text, english).not.toContain(english);
    // The same route in English is unchanged.
    const en = await fetch(`${browser.server.url}/events/${TALKS}/brief.pdf`);
    expect(en.status).toBe(200);
    expect((await fetch(`${browser.server.url}/api/briefs/${TALKS}?lang=de`)).status).toBe(400);
  });

  it("a chart's SVG with lang=ru has its footer in Russian: source line and data date", async () => {
    const svg = await (await fetch(`${browser.server.url}/api/charts/series.svg?indicator=remittances_received_usd&origin=TJK&destination=WLD&lang=ru`)).text();
    expect(svg).toContain("Corridor · данные на ");
    expect(svg).toMatch(/выпуск: /);
    expect(svg).toMatch(/лицензия: CC BY 4\.0/);
    expect(svg).not.toMatch(/data of |release: |licence: /);
    const en = await (await fetch(`${browser.server.url}/api/charts/series.svg?indicator=remittances_received_usd&origin=TJK&destination=WLD`)).text();
    expect(en).toContain("Corridor · data of ");
    expect(en).toMatch(/licence: CC BY 4\.0/);
  });
});
