/**
 * Russian and English in a real browser and over HTTP: `/ru/…` pages are Russian with lang="ru",
 * the switch keeps the view and is remembered, only `/` redirects by preference, embeds and chart
 * images take `lang=ru` and never redirect. Screenshots of the Russian pages land in e2e/artifacts.
 */
import { describe, expect, it } from "vitest";
import { ARTIFACTS, browserPageFixture, launch } from "./browser";
import { rawRequest } from "./server";

const TALKS = "/events/2021-04-19-russia-tajikistan-migration-talks";
const CHART = "indicator=transfers_from_russia_usd_mn&origin=TJK&destination=RUS";
const browser = browserPageFixture();
const get = (path: string, headers: Record<string, string> = {}) => rawRequest(browser.server.url, path, { headers });

describe("Russian pages", () => {
  it("/ru is the Russian dashboard, lang=ru, numbers and names in Russian, hreflang alternates with the query", async () => {
    const { page, server } = browser;
    await page.goto(`${server.url}/ru?origin=TJK`);
    expect(await page.getAttribute("html", "lang")).toBe("ru");
    expect(await page.textContent("h1")).toBe("Таджикистан → Россия");
    const main = await page.textContent("main");
    expect(main).toContain("Последние события");
    expect(main).toContain("Источники");
    // A card's figure: Russian scale word and the currency after it.
    expect(await page.locator("[data-testid=kpi-value]").allTextContents()).toContainEqual(expect.stringMatching(/\d(,\d+)?\u00a0(млрд|млн|тыс\.)/));
    expect(await page.textContent("[data-testid=main-chart-title]")).toMatch(/^[А-Яа-яЁё]/);
    // The events' own labels on the plot in Russian too (the seed's label_ru, our translation).
    expect(await page.locator('[data-testid="chart-placeholder"] [data-label-for="2021-04-19-russia-tajikistan-migration-talks"]:visible').textContent()).toMatch(/^Переговоры России и Таджики/); // shortened with "…" like any long label
    const alternates = Object.fromEntries(
      await page
        .locator("link[rel=alternate][hreflang]")
        .evaluateAll((links) => links.map((l) => [l.getAttribute("hreflang"), new URL(l.getAttribute("href")!).pathname + new URL(l.getAttribute("href")!).search])),
    );
    expect(alternates).toEqual({ en: "/?origin=TJK", ru: "/ru?origin=TJK", "x-default": "/?origin=TJK" });
    expect(browser.errors).toEqual([]);
  });

  it("the switch keeps the path and query, and the remembered choice wins at / over the header", async () => {
    const { page, server, context } = browser;
    await page.goto(`${server.url}/explorer?series=TJK-WLD,UZB-WLD`);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.click("[data-testid=language-switch]");
    await page.waitForURL(/\/ru\/explorer/);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/ru/explorer?series=TJK-WLD%2CUZB-WLD");
    expect(await page.getAttribute("html", "lang")).toBe("ru");
    expect(await page.textContent("h1")).toBe("Конструктор графиков");
    expect((await context.cookies()).find((c) => c.name === "NEXT_LOCALE")?.value).toBe("ru");
    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname).toBe("/ru");
    // Back to English: the switch remembers that too, and / then stays English.
    await page.click("[data-testid=language-switch]");
    await page.waitForURL((u) => u.pathname === "/");
    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await page.getAttribute("html", "lang")).toBe("en");
  });

  it("/ru/events counts by Russian plural rules; an event page shows our Russian translation as such", async () => {
    const { page, server } = browser;
    await page.goto(`${server.url}/ru/events`);
    expect(await page.textContent("h1")).toBe("События");
    expect(await page.textContent("main")).toMatch(/\d+ (событие|события|событий)\./);
    await page.goto(`${server.url}/ru${TALKS}`);
    expect(await page.getAttribute("html", "lang")).toBe("ru");
    // The seeded talks carry our Russian translation: shown in Russian, and said to be a translation.
    expect(await page.getAttribute("h1", "lang")).toBe("ru");
    expect(await page.textContent("[data-testid=translation-note]")).toMatch(/^Перевод/);
    expect(await page.textContent("main")).toContain("апреля 2021");
    // Links inside the Russian page stay Russian.
    expect(await page.getAttribute("text=← Все события", "href")).toBe("/ru/events");
  });
});

describe("the root alone redirects by preference", () => {
  it("Accept-Language: ru → /ru (with the query), never cached; English or none → the English page", async () => {
    const ru = await get("/?origin=UZB", { "accept-language": "ru-RU,ru;q=0.9,en;q=0.8" });
    expect(ru.status).toBe(307);
    expect(ru.headers.location).toMatch(/\/ru\?origin=UZB$/);
    expect(String(ru.headers["cache-control"])).toMatch(/no-store/);
    expect(String(ru.headers.vary)).toMatch(/Accept-Language/);
    const en = await get("/", { "accept-language": "en-GB,en;q=0.9" });
    expect(en.status).toBe(200);
    expect(en.body).toContain('<html lang="en"');
    expect((await get("/")).status).toBe(200);
  });

  it("a remembered English choice wins over a Russian header; other paths never redirect by header or cookie", async () => {
    expect((await get("/", { "accept-language": "ru", cookie: "NEXT_LOCALE=en" })).status).toBe(200);
    for (const path of ["/explorer", "/events", TALKS]) {
      const res = await get(path, { "accept-language": "ru", cookie: "NEXT_LOCALE=ru" });
      expect(res.status, path).toBe(200);
      expect(res.body, path).toContain('<html lang="en"');
    }
    expect((await get("/ru/explorer", { "accept-language": "en" })).status).toBe(200);
  });

  it("the switch is a plain link: it remembers the choice on the server, so a click before the page's script loads sticks", async () => {
    const res = await get(`/api/language?to=ru&next=${encodeURIComponent("/ru/explorer?series=TJK-WLD")}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/ru/explorer?series=TJK-WLD");
    expect(String(res.headers["set-cookie"])).toMatch(/^NEXT_LOCALE=ru; Path=\/;/);
    expect(String(res.headers["cache-control"])).toMatch(/no-store/);
    // Never off-site, never an unknown language.
    expect((await get(`/api/language?to=en&next=${encodeURIComponent("//evil.example/")}`)).headers.location).toBe("/");
    expect((await get("/api/language?to=de&next=/")).status).toBe(400);
  });
});

describe("embeds and chart images take lang=ru", () => {
  it("an embed with lang=ru answers 200 in Russian, whatever the header, and links to Russian pages", async () => {
    const res = await get(`/embed/series?${CHART}&lang=ru`, { "accept-language": "en" });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<html lang="ru"');
    expect(res.body).toContain("Трансграничные переводы физических лиц из России: Таджикистан → Россия");
    expect(res.body).toContain("Открыть график в Corridor");
    expect(res.body).toMatch(/href="\/ru\?/);
    expect((await get(`/embed/series?${CHART}&lang=de`)).status).toBe(400);
  });

  it("SVG with lang=ru has Russian title, lanes and numbers; PNG with lang=ru is drawn from it", async () => {
    const svg = (await get(`/api/charts/series.svg?${CHART}&lang=ru`)).body;
    expect(svg).toContain("Таджикистан → Россия");
    expect(svg).toContain("Законы");
    expect(svg).toMatch(/млрд|млн/);
    expect(svg).not.toContain(">Laws<");
    // The talks' label on the plot, in Russian (our translation), on the chart that spans 2021.
    const remittances = (await get("/api/charts/series.svg?indicator=remittances_received_usd&origin=TJK&destination=WLD&lang=ru")).body;
    expect(remittances).toContain("Переговоры России и Таджики");
    const en = (await get(`/api/charts/series.svg?${CHART}`)).body;
    expect(en).toContain("Tajikistan → Russian Federation");
    const png = await fetch(`${browser.server.url}/api/charts/series.png?${CHART}&lang=ru`);
    expect(png.status).toBe(200);
    expect(png.headers.get("content-type")).toBe("image/png");
    const enPng = await fetch(`${browser.server.url}/api/charts/series.png?${CHART}`);
    expect(Buffer.from(await png.arrayBuffer()).equals(Buffer.from(await enPng.arrayBuffer()))).toBe(false);
  });
});

describe("screenshots of the Russian pages", () => {
  it("desktop, phone and dark: dashboard, events, an event, explorer, an embed", async () => {
    const { server } = browser;
    const pages = { dashboard: "/ru", events: "/ru/events", event: `/ru${TALKS}`, explorer: "/ru/explorer", embed: `/embed/series?${CHART}&lang=ru` };
    for (const [look, options] of Object.entries({ desktop: { width: 1400 }, phone: { width: 375 }, dark: { width: 1400, colorScheme: "dark" as const } })) {
      const context = await launch({ ...options, height: 900 });
      const page = await context.newPage();
      for (const [name, path] of Object.entries(pages)) {
        await page.goto(`${server.url}${path}`);
        // Nothing wider than the window: Russian words are longer.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${look} ${name}`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${ARTIFACTS}i18n-${name}-${look}.png`, fullPage: true });
      }
      await context.close();
    }
  });
});
