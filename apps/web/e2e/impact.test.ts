/**
 * The event page's impact panels (interrupted time series) and their exports, on the seeded demo
 * data: the exports' JSON is the CLI's, the CSV one tidy table; in a real browser the talks' page
 * shows the estimate, its reading and a control-corridor picker that changes the URL and the estimate.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { ARTIFACTS, browserPageFixture, launch, startApp } from "./browser.ts";
import { corridorCli } from "./server.ts";

const browser = browserPageFixture();
const TALKS = "2021-04-19-russia-tajikistan-migration-talks";
const TALKS_2024 = "2024-05-28-tajikistan-russia-migration-talks";
const PATENTS = "patent-regime-2015";
const panel = { indicator: "remittances_received_usd", origin: "TJK", destination: "WLD" };

const get = (path: string) => fetch(`${browser.server.url}${path}`);
const exportPath = (format: string, extra: Record<string, string> = {}) => `/api/charts/impact.${format}?${new URLSearchParams({ event: TALKS, ...panel, ...extra })}`;
const cliJson = (event: string, ...more: string[]) =>
  JSON.parse(
    corridorCli(browser.server.dbPath, ["events", "impact", event, "--indicator", panel.indicator, "--origin", panel.origin, "--destination", panel.destination, "--method", "its", "--json", ...more]),
  );

describe("impact panel exports (built app, seeded database)", () => {
  it("JSON: the CLI's `events impact … --method its --json`, with and without a control corridor", async () => {
    const r = await get(exportPath("json"));
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await r.json();
    expect(body).toEqual(cliJson(TALKS));
    expect(body.its.status).toBe("ok");
    const controlled = await (await get(exportPath("json", { control: "UZB-WLD" }))).json();
    expect(controlled).toEqual(cliJson(TALKS, "--control-origin", "UZB", "--control-destination", "WLD"));
    expect(controlled.its.control).toEqual({ origin: "UZB", destination: "WLD" });
    expect(controlled.its.levelChange.estimate).not.toBe(body.its.levelChange.estimate);
    // Kyrgyzstan's series stops in 2023: against it there are too few periods after the event, and the JSON says so.
    const short = await (await get(exportPath("json", { control: "KGZ-WLD" }))).json();
    expect(short).toEqual(cliJson(TALKS, "--control-origin", "KGZ", "--control-destination", "WLD"));
    expect(short.its).toMatchObject({ status: "not enough data", missing: ["2024"] });
  });

  it("CSV: one header row, one row per window period, the counterfactual inside its band after the event only", async () => {
    const r = await get(exportPath("csv", { download: "1" }));
    expect(r.status).toBe(200);
    expect(r.headers.get("content-disposition")).toContain(`impact_${TALKS}_remittances_received_usd_TJK-WLD.csv`);
    const parsed = Papa.parse<Record<string, string>>((await r.text()).trim(), { header: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual(["period", "observed", "fitted", "counterfactual", "low", "high"]);
    const its = cliJson(TALKS).its;
    expect(parsed.data.map((row) => row.period)).toEqual(its.observed.map((o: { period: string }) => o.period));
    for (const row of parsed.data) {
      expect(row.counterfactual === "").toBe(row.period <= "2021");
      if (row.counterfactual !== "") expect(Number(row.low) <= Number(row.counterfactual) && Number(row.counterfactual) <= Number(row.high)).toBe(true);
    }
  });

  it("SVG and PNG: the dashed counterfactual and its band, the reading and the citation in the footer", async () => {
    const svg = await (await get(exportPath("svg"))).text();
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(svg).toContain("its-band");
    const its = cliJson(TALKS).its;
    // The reading is wrapped over lines, not cut: its words are all there, in order.
    const footer = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(" ");
    expect(footer.replace(/\s+/g, " ")).toContain(`Level: ${its.reading.level}.`.replace(/&/g, "&amp;"));
    expect(footer).toContain("Lopez Bernal, Cummins &amp; Gasparrini");
    const png = await get(exportPath("png", { theme: "dark" }));
    expect(png.status).toBe(200);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
  });

  it("lang=ru: the SVG's title, legend, readings, method and footer are Russian; the /ru event page's image links ask for it", async () => {
    const svg = await (await get(exportPath("svg", { lang: "ru", control: "UZB-WLD" }))).text();
    const text = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)]
      .map((m) => m[1])
      .join(" ")
      .replace(/\s+/g, " ");
    expect(text).toContain("Таджикистан, из всех стран за вычетом ряда «Узбекистан, из всех стран»");
    expect(text).toMatch(/Что изменило событие 2021-04-19 · /);
    for (const words of [
      "Наблюдения",
      "Модель",
      "Событие: «",
      "Уровень: ",
      "Тренд: ",
      "лагов Ньюи — Уэста",
      "Относительно контрольного ряда «Узбекистан, из всех стран»",
      "Метод: прерванный временной ряд",
      "Lopez Bernal, Cummins &amp; Gasparrini",
      "Источник: ",
    ])
      expect(text, words).toContain(words);
    expect(text).toMatch(/Corridor · данные на \d{4}-\d{2}-\d{2} · http:\/\/127\.0\.0\.1:\d+\/ru\/events\/2021-04-19-russia-tajikistan-migration-talks\?/);
    expect(svg).toMatch(/>событие<\/text>/);
    for (const english of ["Observed", "Model fit", "The event", ">event<", "Level:", "Trend:", "Method:", "data of", "Source:", "Tajikistan"]) expect(text, english).not.toContain(english);
    expect((await get(exportPath("svg", { lang: "de" }))).status).toBe(400);

    const { page, server } = browser;
    await page.goto(`${server.url}/ru/events/${TALKS}`);
    const links = await page
      .getByTestId("its-exports")
      .first()
      .locator("a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(links.filter((h) => /impact\.(svg|png|pdf)\?/.test(h)).every((h) => h.includes("lang=ru"))).toBe(true);
    expect(links.filter((h) => /impact\.(csv|json)\?/.test(h)).some((h) => h.includes("lang="))).toBe(false);
  });

  it("PDF: the same drawing in vectors, one page, its reading, citation, data date and the event page's address as text", async () => {
    const res = await get(exportPath("pdf", { control: "UZB-WLD" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const file = join(mkdtempSync(join(tmpdir(), "impact-pdf-")), "impact.pdf");
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    expect(execFileSync("pdfinfo", [file], { encoding: "utf8" })).toMatch(/^Pages:\s+1$/m);
    const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    const its = cliJson(TALKS, "--control-origin", "UZB", "--control-destination", "WLD").its;
    expect(text).toContain(`Level: ${its.reading.level}.`);
    expect(text).toContain("Lopez Bernal, Cummins & Gasparrini");
    expect(text).toMatch(/Corridor · data of \d{4}-\d{2}-\d{2} · http:\/\/127\.0\.0\.1:\d+\/events\/2021-04-19-russia-tajikistan-migration-talks\?control\.remittances_received_usd\.TJK-WLD=UZB-WLD/);
    // Vectors, not a picture of the chart.
    expect(execFileSync("pdfimages", ["-list", file], { encoding: "utf8" }).trim().split("\n").length).toBe(2);
  });

  it("not enough data: the JSON says which periods are missing and the CSV carries no model number", async () => {
    const body = await (await get(`/api/charts/impact.json?${new URLSearchParams({ event: TALKS_2024, ...panel })}`)).json();
    expect(body.its).toMatchObject({ status: "not enough data", missing: ["2025", "2026", "2027"] });
    expect(body.its.levelChange).toBeUndefined();
    const csv = Papa.parse<Record<string, string>>((await (await get(`/api/charts/impact.csv?${new URLSearchParams({ event: TALKS_2024, ...panel })}`)).text()).trim(), { header: true });
    expect(csv.data.length).toBeGreaterThan(5);
    expect(csv.data.every((row) => row.fitted === "" && row.counterfactual === "")).toBe(true);
  });

  it("bad input: a 400 naming the parameter; an unknown event a 404", async () => {
    const bad = await get(exportPath("json", { control: "KGZ" }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^control: "KGZ" must be a corridor ORIGIN-DESTINATION/);
    const missing = await get(`/api/charts/impact.json?indicator=${panel.indicator}&origin=TJK`);
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toMatch(/^event: is required/);
    expect((await get(`/api/charts/impact.json?${new URLSearchParams({ ...panel, event: "no-such-event" })}`)).status).toBe(404);
  });
});

describe("impact panels in a real browser", () => {
  it("the talks' page: Tajikistan's flows first, the estimate with its reading, and a control picker that changes the URL and the estimate", async () => {
    const page = browser.page;
    await page.goto(`${browser.server.url}/events/${TALKS}`, { waitUntil: "networkidle" });
    await startApp(page);
    const panels = page.locator('[data-testid="impact-panel"]');
    expect(await panels.first().getAttribute("data-panel")).toMatch(/\.TJK-/);
    const remittances = page.locator('[data-panel="remittances_received_usd.TJK-WLD"]');
    const reading = remittances.getByTestId("its-reading");
    const before = await reading.innerText();
    const its = cliJson(TALKS).its;
    expect(before).toContain(its.reading.level.slice(1));
    expect(before).toMatch(/n = 13 periods, 2011–2024/);
    // The counterfactual is drawn dashed, after the event only; the before/after comparison stays beside it.
    // Drawn on the server, one drawing per width class: the one on screen.
    const counterfactual = remittances.locator(".its-counterfactual path:visible");
    expect(await counterfactual.count()).toBe(1);
    expect(await counterfactual.getAttribute("stroke-dasharray")).toBe("6 4");
    expect(await browser.page.locator("svg.recharts-surface").count()).toBe(0);
    // Hovering reads out the nearest period's values, formatted as everywhere else.
    const plot = remittances.locator('[data-testid="its-chart"] [role="img"]:visible');
    await plot.scrollIntoViewIfNeeded();
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width - 20, box.y + box.height / 2);
    const hover = await remittances.getByTestId("plot-hover").innerText();
    expect(hover.replace(/\n+/g, "\n")).toMatch(/^20\d\d\nObserved: US\$ [\d.,]+ (?:bn|million)\nModel fit: .*\nWithout the event: .*\n95 % band: .* to .*$/);
    expect(await remittances.innerText()).toMatch(/Around the event \(2021\)/);
    // Fifteen other events: listed behind their reading, each linked to its page.
    const confounders = remittances.getByTestId("its-confounders");
    expect(await confounders.locator("summary").innerText()).toMatch(/^15 other events of this corridor fall in the window/);
    await confounders.locator("summary").click();
    await confounders.getByRole("link", { name: /Presidential Decree No\. 274/ }).click();
    await page.waitForURL("**/events/decree-274-2020");
    await page.goBack({ waitUntil: "networkidle" });

    await remittances
      .getByTestId("control-picker")
      .getByRole("link", { name: /^Uzbekistan/ })
      .click();
    await page.waitForURL(/control\.remittances_received_usd\.TJK-WLD=UZB-WLD/);
    const controlled = cliJson(TALKS, "--control-origin", "UZB", "--control-destination", "WLD").its;
    await expect.poll(() => reading.innerText()).toContain(controlled.reading.level.slice(1));
    expect(await reading.innerText()).not.toBe(before);
    expect(await remittances.innerText()).toContain("minus the control UZB → WLD");
    expect(await remittances.getByTestId("control-picker").locator('[aria-current="page"]').innerText()).toMatch(/^Uzbekistan/);
    // The exports follow the panel's view.
    expect(await remittances.getByRole("link", { name: "JSON (the estimates)" }).getAttribute("href")).toContain("control=UZB-WLD");
    expect(browser.errors).toEqual([]);
  });

  it("works without JavaScript: the picker is a link, the server draws the reading", async () => {
    const context = await launch();
    const page = await context.newPage();
    await context.route("**/*.js", (route) => route.abort());
    await page.goto(`${browser.server.url}/events/${TALKS}?control.remittances_received_usd.TJK-WLD=KGZ-WLD`);
    // Against Kyrgyzstan (data to 2023) the window is too short after the event: no number, the missing period named.
    const reading = await page.locator('[data-panel="remittances_received_usd.TJK-WLD"]').getByTestId("its-reading").innerText();
    expect(reading).toMatch(/^Not enough data for an estimate around 2021: .* Missing: 2024\.$/);
    expect(reading).not.toMatch(/\d+ (million|bn)/);
    await context.close();
  });

  it("a control the page cannot use is said in the panel, which shows the estimate without it", async () => {
    await browser.page.goto(`${browser.server.url}/events/${TALKS}?control.remittances_received_usd.TJK-WLD=KGZ`, { waitUntil: "networkidle" });
    const remittances = browser.page.locator('[data-panel="remittances_received_usd.TJK-WLD"]');
    expect(await remittances.getByRole("alert").innerText()).toMatch(/must be a corridor ORIGIN-DESTINATION/);
    expect(await remittances.getByTestId("its-reading").innerText()).toContain(cliJson(TALKS).its.reading.level.slice(1));
  });

  it("the Tajikistan event pages give honest answers: an estimate where the data allow, else the missing periods and no number", async () => {
    await browser.page.goto(`${browser.server.url}/events/${PATENTS}`, { waitUntil: "networkidle" });
    // Three affected origins: the dashboard's own (Tajikistan) first.
    expect(await browser.page.locator('[data-testid="impact-panel"]').first().getAttribute("data-panel")).toMatch(/\.TJK-/);
    const patents = await browser.page.locator('[data-panel="remittances_received_usd.TJK-WLD"]').getByTestId("its-reading").innerText();
    expect(patents).toContain(cliJson(PATENTS).its.reading.level.slice(1));

    await browser.page.goto(`${browser.server.url}/events/${TALKS_2024}`, { waitUntil: "networkidle" });
    const late = browser.page.locator('[data-panel="remittances_received_usd.TJK-WLD"]');
    const reading = await late.getByTestId("its-reading").innerText();
    expect(reading).toMatch(/^Not enough data for an estimate around 2024: .* Missing: 2025, 2026, 2027\.$/);
    expect(await late.locator(".its-counterfactual path").count()).toBe(0);
    expect(browser.errors).toEqual([]);
  });

  it("screenshots: the talks' and the 2015 patent regime's pages, desktop 1400, phone 375, dark", async () => {
    for (const [name, options] of [
      ["desktop", { width: 1400, height: 900 }],
      ["phone", { width: 375, height: 800 }],
      ["dark", { width: 1400, height: 900, colorScheme: "dark" as const }],
    ] as const) {
      const context = await launch(options);
      const p = await context.newPage();
      for (const [page, id] of [
        ["talks", TALKS],
        ["patents", PATENTS],
        ["talks2024", TALKS_2024],
      ]) {
        await p.goto(`${browser.server.url}/events/${id}`, { waitUntil: "networkidle" });
        expect(await p.locator('[data-testid="impact-panel"]').count()).toBeGreaterThan(0);
        await p.screenshot({ path: `${ARTIFACTS}impact-${page}-${name}.png`, fullPage: true });
      }
      await context.close();
    }
  });
});
