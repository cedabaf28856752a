/**
 * The explorer's corridor picker when many corridors hold an indicator (≈ 1,500 at 10M observations):
 * the chosen corridors and a search, never a checkbox per corridor; the search works without
 * JavaScript (a GET the server answers) and the URL holds the view. SYNTHETIC data: 40 corridors to
 * Russia of the demo's default indicator, added to the seeded database.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PICKER_LIMIT } from "../src/lib/explorer.ts";
import { ARTIFACTS, launch } from "./browser.ts";
import { corridorCli, startServer, type TestServer } from "./server.ts";

// SYNTHETIC: 40 origins to Russia, one value each.
const ORIGINS = "AFG ALB ARM AZE BLR GEO KAZ MDA TKM UKR CHN IND PAK BGD NPL LKA MNG VNM THA PHL IDN MYS TUR IRN IRQ SYR EGY MAR DZA TUN NGA GHA KEN ETH BRA ARG MEX COL PER CHL".split(" ");

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    setup: (db) => {
      const file = join(tmpdir(), `corridor-picker-${process.pid}.csv`);
      writeFileSync(file, `indicator,origin,destination,period,value\n${ORIGINS.map((o, i) => `remittances_received_usd,${o},RUS,2020,${1000 + i}`).join("\n")}\n`);
      corridorCli(db, ["import", file]);
    },
  });
});
afterAll(() => server?.stop());

const seriesBoxes = (page: Page) => page.locator('input[type="checkbox"][name="series"]');

describe("explorer corridor picker with many corridors", () => {
  it("lists the chosen corridors and a search that works without JavaScript", async () => {
    const context = await launch({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/explorer`);
      // The default view's three corridors, ticked; none of the 40 others until searched for.
      expect(await seriesBoxes(page).evaluateAll((boxes) => boxes.map((b) => [(b as HTMLInputElement).value, (b as HTMLInputElement).checked]))).toEqual([
        ["KGZ-WLD", true],
        ["TJK-WLD", true],
        ["UZB-WLD", true],
      ]);
      expect(await page.getByTestId("picker-status").innerText()).toMatch(/^4\d corridors have this indicator/);
      await page.getByLabel("Find a corridor").fill("kazakh");
      await page.getByLabel("Find a corridor").press("Enter");
      await page.waitForURL(`${server.url}/explorer?find=kazakh`);
      expect(await page.getByTestId("picker-status").innerText()).toBe("1 corridor matches “kazakh”.");
      await page.getByLabel("Kazakhstan → Russian Federation").check();
      await page.getByRole("button", { name: "Show" }).click();
      await page.waitForURL(`${server.url}/explorer?series=KAZ-RUS%2CKGZ-WLD%2CTJK-WLD%2CUZB-WLD&find=kazakh`);
      expect(await page.locator('[data-testid="explorer-table"] th').allTextContents()).toContain("Kazakhstan → Russian Federation");
      // A wide search lists at most PICKER_LIMIT and says so.
      await page.getByLabel("Find a corridor").fill("russia");
      await page.getByLabel("Find a corridor").press("Enter");
      await page.waitForURL(/find=russia/);
      expect(await page.getByTestId("picker-status").innerText()).toMatch(new RegExp(`^\\d+ corridors match “russia”\\. The first ${PICKER_LIMIT} are listed`));
      expect(await seriesBoxes(page).count()).toBe(4 + PICKER_LIMIT);
      await page.screenshot({ path: `${ARTIFACTS}explorer-picker-no-js.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });

  it("looks right on a phone in dark mode and on a desktop (screenshots), with no page error", async () => {
    for (const [name, options] of [
      ["desktop", {}],
      ["phone-dark", { width: 375, height: 800, colorScheme: "dark" as const }],
    ] as const) {
      const context = await launch(options);
      try {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        await page.goto(`${server.url}/explorer?series=KAZ-RUS,TJK-WLD&find=an`, { waitUntil: "networkidle" });
        await page.screenshot({ path: `${ARTIFACTS}explorer-picker-${name}.png`, fullPage: true });
        // Nothing wider than the phone's screen.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(options.width ?? 1280);
        if (name === "desktop") {
          // With JavaScript the same form searches (the app starts on the first input; Enter submits either way).
          await page.getByLabel("Find a corridor").fill("brazil");
          await page.getByLabel("Find a corridor").press("Enter");
          await page.waitForURL(`${server.url}/explorer?series=KAZ-RUS%2CTJK-WLD&find=brazil`);
          await expect.poll(() => page.getByTestId("picker-status").innerText()).toBe("1 corridor matches “brazil”.");
          expect(await seriesBoxes(page).evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value))).toEqual(["KAZ-RUS", "TJK-WLD", "BRA-RUS"]);
        }
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });
});
