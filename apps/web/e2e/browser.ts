/**
 * Debian's chromium driven by playwright-core (its own browser download cannot work here), and the
 * one set-up every browser test shares: a seeded server, a browser, a page and its error watcher.
 */
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { startServer, type ServerOptions, type TestServer } from "./server.ts";

export const CHROMIUM = process.env.CORRIDOR_CHROMIUM ?? "/usr/bin/chromium";

/** Screenshots are test artefacts: look at them (e2e/artifacts/*.png). */
export const ARTIFACTS = new URL("./artifacts/", import.meta.url).pathname;

export async function launch(options: { colorScheme?: "light" | "dark"; width?: number; height?: number; javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "corridor-chromium-")), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? "light",
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * Starts the page's client code as a reader's first move does (src/components/BootOnFirstInput.tsx)
 * and waits until React has hydrated it: for a test whose next single move or tap must already find
 * the interactive page (a real pointer keeps moving; a test's moves are one each).
 */
export async function startApp(page: Page): Promise<void> {
  await page.evaluate(() => document.dispatchEvent(new PointerEvent("pointermove", { bubbles: true })));
  await page.waitForFunction(() => Object.keys(document.body).some((k) => k.startsWith("__reactProps")));
}

/** Collects the page's uncaught errors and, unless `pageErrorsOnly`, its console errors: browser tests expect none. */
export function watchPageErrors(page: Page, options: { pageErrorsOnly?: boolean } = {}): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  if (!options.pageErrorsOnly)
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
  return errors;
}

export interface BrowserPageOptions extends ServerOptions {
  /** Watch uncaught errors only: the upload page's 422 dry runs log console errors by design. */
  pageErrorsOnly?: boolean;
}

/** What browserPageFixture() sets up; read it inside tests (it exists from beforeAll on). */
export interface BrowserPage {
  readonly server: TestServer;
  readonly context: BrowserContext;
  readonly page: Page;
  /** What the page reported so far (see watchPageErrors). */
  readonly errors: string[];
}

/**
 * Registers beforeAll/afterAll for a file's browser tests: a seeded server (`setup` and the other
 * ServerOptions go to startServer), chromium, one page with its error watcher, the artifacts folder.
 */
export function browserPageFixture(options: BrowserPageOptions = {}): BrowserPage {
  const { pageErrorsOnly, ...serverOptions } = options;
  let server: TestServer | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let errors: string[] | undefined;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServer(serverOptions);
    context = await launch();
    page = await context.newPage();
    errors = watchPageErrors(page, { pageErrorsOnly });
  });
  afterAll(async () => {
    await context?.close();
    await server?.stop();
  });
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`browserPageFixture: ${name} exists once beforeAll has run; read it inside a test`);
    return value;
  };
  return {
    get server() {
      return ready(server, "server");
    },
    get context() {
      return ready(context, "context");
    },
    get page() {
      return ready(page, "page");
    },
    get errors() {
      return ready(errors, "errors");
    },
  };
}
