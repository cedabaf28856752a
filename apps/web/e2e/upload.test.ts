/**
 * The analyst's flow in a real browser: sign in, upload a Russian windows-1251 table, read the
 * preview and the diff, commit, see the new points, undo on /imports, see them gone.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { corridorCli } from "./server.ts";
import { ARTIFACTS, launch, browserPageFixture } from "./browser.ts";

const FIXTURE = new URL("./fixtures/registrations_cp1251.csv", import.meta.url).pathname;
const ANALYST = { email: "analyst@example.org", password: "correct horse battery staple" };

// An admin's CLI adds the analyst; the password comes on stdin. Only uncaught errors are watched:
// the dry runs' 422 answers log console errors by design.
const browser = browserPageFixture({
  setup: (db) => corridorCli(db, ["users", "add", "--email", ANALYST.email, "--role", "analyst"], `${ANALYST.password}\n`),
  pageErrorsOnly: true,
});

/** migration_registrations for one corridor, as the public API serves it ([] when there is none). */
async function registrations(origin: string): Promise<{ period: string; value: number }[]> {
  const response = await fetch(`${browser.server.url}/api/series?indicator=migration_registrations&origin=${origin}&destination=RUS`);
  if (!response.ok) return [];
  return ((await response.json()) as { points: { period: string; value: number }[] }).points;
}

describe("analyst upload, diff, commit and undo", () => {
  it("sends a signed-out visitor to the login page and back to /upload after signing in", async () => {
    await browser.page.goto(`${browser.server.url}/upload`);
    expect(new URL(browser.page.url()).pathname).toBe("/login");
    expect(new URL(browser.page.url()).searchParams.get("next")).toBe("/upload");
    await browser.page.locator('input[type="email"], input[name="email"]').first().fill(ANALYST.email);
    await browser.page.locator('input[type="password"]').first().fill(ANALYST.password);
    await Promise.all([browser.page.waitForURL((u) => u.pathname === "/upload"), browser.page.locator('button[type="submit"]').first().click()]);
    await browser.page.getByTestId("file-input").waitFor({ state: "attached" });
  });

  it("marks the offending cell of a bad row, by line", async () => {
    const bad = readFileSync(FIXTURE);
    // The same table with Atlantis in line 3: windows-1251 bytes built by hand (А т л а н т и д а).
    const atlantis = Buffer.from([0xc0, 0xf2, 0xeb, 0xe0, 0xed, 0xf2, 0xe8, 0xe4, 0xe0]);
    const lines = bad.toString("latin1").split("\r\n");
    lines[2] = atlantis.toString("latin1") + lines[2]!.slice(lines[2]!.indexOf(";"));
    await browser.page.getByTestId("file-input").setInputFiles({ name: "registrations_bad.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\r\n"), "latin1") });
    await expect.poll(() => browser.page.getByTestId("detected-encoding").innerText()).toBe("windows-1251");
    await browser.page.getByTestId("role-2").selectOption("value");
    await browser.page.getByTestId("constant-indicator").fill("migration_registrations");
    await browser.page.getByTestId("check").click();
    await browser.page.getByTestId("errors").waitFor();
    expect(await browser.page.getByTestId("errors").innerText()).toMatch(/line 3[\s\S]*Атлантида/);
    const cell = browser.page.locator('[data-testid="preview"] tr[data-line="3"] td[data-error="true"]');
    expect(await cell.innerText()).toBe("Атлантида");
    expect(await browser.page.getByTestId("commit").isDisabled()).toBe(true);
    await browser.page.screenshot({ path: `${ARTIFACTS}upload-errors.png`, fullPage: true });
  });

  it("previews the windows-1251 table, checks it and shows the diff: two new quarters, one revision", async () => {
    await browser.page.getByTestId("file-input").setInputFiles(FIXTURE);
    await expect.poll(() => browser.page.getByTestId("errors").count()).toBe(0);
    expect(await browser.page.getByTestId("detected-encoding").innerText()).toBe("windows-1251");
    const detected = await browser.page.getByTestId("detected").innerText();
    expect(detected).toMatch(/tidy/);
    expect(detected).toMatch(/semicolon/);
    expect(await browser.page.locator('[data-testid="preview"] tbody tr[data-line="3"]').innerText()).toContain("Республика Таджикистан");
    // The mapping is kept from the first file: the value column and the indicator.
    expect(await browser.page.getByTestId("mapping-problem").count()).toBe(0);
    await browser.page.screenshot({ path: `${ARTIFACTS}upload-preview.png`, fullPage: true });

    await browser.page.getByTestId("check").click();
    await browser.page.getByTestId("diff").waitFor();
    const diff = await browser.page.getByTestId("diff").innerText();
    expect(diff).toMatch(/2 new/);
    expect(diff).toMatch(/1 changed/);
    // Names, not codes: the catalogue's indicator name and the countries in words.
    expect(diff).toContain("Migration registrations · all countries → Russian Federation");
    expect(diff).toContain("3,757,303");
    expect(diff).toContain("3,757,310");
    expect(diff).toContain("Migration registrations · Tajikistan → Russian Federation");
    expect(diff).not.toContain("migration_registrations · ");
    await browser.page.screenshot({ path: `${ARTIFACTS}upload-diff.png`, fullPage: true });
    // Nothing is written by a check.
    expect(await registrations("TJK")).toEqual([]);
  });

  it("commits, and the new Tajik quarter is on the dashboard", async () => {
    await browser.page.getByTestId("commit").click();
    await browser.page.getByTestId("committed").waitFor();
    expect(await registrations("TJK")).toEqual([{ period: "2023-Q1", value: 1031517 }]);
    expect((await registrations("WLD")).find((p) => p.period === "2022-Q1")?.value).toBe(3757310);
    await browser.page.goto(`${browser.server.url}/?origin=TJK&destination=RUS&indicator=migration_registrations`);
    expect(await browser.page.locator("main").innerText()).toContain("Migration registrations");
    await browser.page.screenshot({ path: `${ARTIFACTS}upload-dashboard-after-commit.png`, fullPage: true });
  });

  it("shows the revised observation's history, from which import each value came", async () => {
    await browser.page.goto(`${browser.server.url}/observations?indicator=migration_registrations&origin=WLD&destination=RUS&period=2022-Q1`);
    const current = await browser.page.getByTestId("observation-current").innerText();
    expect(current).toContain("3,757,310");
    const importId = /From import #(\d+)/.exec(current)?.[1];
    expect(importId).toBeDefined();
    // The seeded value, and the upload that replaced it.
    const history = await browser.page.getByTestId("observation-history").innerText();
    expect(history).toContain("3,757,303");
    expect(history).toContain("mvd_migration_counts.csv");
    expect(history).toContain(`#${importId}`);
    await browser.page.screenshot({ path: `${ARTIFACTS}observation-history.png`, fullPage: true });
  });

  it("undoes the import on /imports and the values are gone again", async () => {
    await browser.page.goto(`${browser.server.url}/imports`);
    const row = browser.page.locator('[data-testid^="import-"]', { hasText: "registrations_cp1251.csv" }).first();
    const id = (await row.getAttribute("data-testid"))!.replace("import-", "");
    expect(await row.innerText()).toContain(ANALYST.email);
    await browser.page.screenshot({ path: `${ARTIFACTS}imports.png`, fullPage: true });
    // The original, byte for byte, for whoever needs to check what went in.
    const original = await browser.page.request.get(`${browser.server.url}/api/imports/${id}/file`);
    expect(original.status()).toBe(200);
    expect(Buffer.from(await original.body()).equals(readFileSync(FIXTURE))).toBe(true);
    await browser.page.goto(`${browser.server.url}/imports/${id}`);
    expect(await browser.page.locator("main").innerText()).toMatch(/2 new · 1 changed[\s\S]*map\s+value=Поставлено на миграционный учёт/);
    await browser.page.screenshot({ path: `${ARTIFACTS}import-detail.png`, fullPage: true });
    // Anyone can read where the data came from; only analysts get Undo and Upload.
    const anonymous = await (await fetch(`${browser.server.url}/imports`)).text();
    expect(anonymous).toContain("registrations_cp1251.csv");
    expect(anonymous).not.toContain(`undo-${id}`);
    expect(anonymous).not.toContain("Upload a file");
    await browser.page.goto(`${browser.server.url}/imports`);
    browser.page.once("dialog", (d) => void d.accept());
    await browser.page.getByTestId(`undo-${id}`).click();
    // The list refreshes from the server after the undo: on a loaded machine that takes more than poll's default second.
    await expect.poll(() => browser.page.locator(`[data-testid="import-${id}"]`).innerText(), { timeout: 15_000 }).toContain("undone");
    expect(await registrations("TJK")).toEqual([]);
    expect((await registrations("WLD")).find((p) => p.period === "2022-Q1")?.value).toBe(3757303);
    await browser.page.screenshot({ path: `${ARTIFACTS}imports-after-undo.png`, fullPage: true });
    expect(browser.errors).toEqual([]);
  });

  it('says in the preview, before Commit, that a row with no value ("-") will be skipped', async () => {
    await browser.page.goto(`${browser.server.url}/upload`);
    const table = "indicator,origin,destination,period,value\nentries,TJK,RUS,2031,5\nentries,TJK,RUS,2032,-\n";
    await browser.page.getByTestId("file-input").setInputFiles({ name: "with_dash.csv", mimeType: "text/csv", buffer: Buffer.from(table) });
    await browser.page.getByTestId("check").click();
    await browser.page.getByTestId("diff").waitFor();
    const skipped = await browser.page.getByTestId("skipped").innerText();
    expect(skipped).toMatch(/^1 cell has no value .* will be skipped: not imported, never read as zero\.$/);
    expect(await browser.page.getByTestId("diff").innerText()).toMatch(/1 new/);
    await browser.page.screenshot({ path: `${ARTIFACTS}upload-preview-skipped.png`, fullPage: true });
    for (const [name, options] of [
      ["desktop", { width: 1400, height: 900 }],
      ["phone", { width: 375, height: 812 }],
      ["dark", { width: 1400, height: 900, colorScheme: "dark" as const }],
    ] as const) {
      const other = await launch(options);
      await other.addCookies(await browser.context.cookies());
      const p = await other.newPage();
      await p.goto(`${browser.server.url}/upload`);
      await p.getByTestId("file-input").setInputFiles({ name: "with_dash.csv", mimeType: "text/csv", buffer: Buffer.from(table) });
      await p.getByTestId("check").click();
      await p.getByTestId("skipped").waitFor();
      await p.screenshot({ path: join(ARTIFACTS, `upload-skipped-${name}.png`), fullPage: true });
      await other.close();
    }
    // Nothing was committed.
    expect((await (await fetch(`${browser.server.url}/api/series?indicator=entries&origin=TJK&destination=RUS&from=2031`)).json()).points).toEqual([]);
  });

  it("reads on a phone and in dark mode", async () => {
    const cookies = await browser.context.cookies();
    for (const [name, options] of [
      ["phone", { width: 390, height: 844 }],
      ["dark", { colorScheme: "dark" as const }],
    ] as const) {
      const other = await launch(options);
      await other.addCookies(cookies);
      const p = await other.newPage();
      await p.goto(`${browser.server.url}/upload`);
      await p.getByTestId("file-input").setInputFiles(FIXTURE);
      await p.getByTestId("role-2").selectOption("value");
      await p.getByTestId("constant-indicator").fill("migration_registrations");
      await p.getByTestId("check").click();
      await p.getByTestId("diff").waitFor();
      expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `${name}: no sideways scrolling`).toBe(true);
      await p.screenshot({ path: join(ARTIFACTS, `upload-${name}.png`), fullPage: true });
      await other.close();
    }
  });
});
