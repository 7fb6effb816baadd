/// <reference lib="dom" />
// Page scripts (page.evaluate) run in the browser: the DOM types describe them.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../../support/test-app';

/** Debian's Chromium (apt-get install chromium); .ci/run installs it when it is missing. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotsDir = path.join(__dirname, '..', '..', '..', 'docs', 'screenshots');

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 860 };

export interface ConsoleHarness {
  app: TestApp;
  baseUrl: string;
  browser: Browser;
  /**
   * A new browser context (its own storage) with one page, signed in with `key` when given; with
   * `path`, straight onto that console page (signing in there keeps it, the role's home page does
   * not replace it).
   */
  openPage(options?: { key?: string; viewport?: { width: number; height: number }; path?: string }): Promise<Page>;
  /** Errors thrown by the console's script in any page: a test ends by expecting none. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** The real app (its own database, a worker, the run's Temporal and SMTP) served over HTTP, and Chromium. */
export async function startConsoleHarness(): Promise<ConsoleHarness> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`No Chromium at ${chromiumPath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  const app = await startTestApp();
  const server = app.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  return {
    app,
    baseUrl,
    browser,
    pageErrors,
    async openPage({ key, viewport = DESKTOP, path } = {}) {
      const context = await browser.newContext({ viewport, baseURL: baseUrl });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
      page.setDefaultTimeout(20_000);
      await page.goto(path === undefined ? '/console/' : `/console/#${path}`);
      if (key) await signIn(page, key);
      return page;
    },
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}

/**
 * The harness for the tests of one file: started before them, closed after them, and each test ends
 * by expecting no script errors in its pages. Read it in tests and hooks (it starts in beforeAll).
 */
export function consoleHarnessForFile(): ConsoleHarness {
  let started: ConsoleHarness | undefined;
  const current = () => {
    if (!started) throw new Error('The console harness starts in beforeAll: use it in tests and hooks');
    return started;
  };
  beforeAll(async () => {
    started = await startConsoleHarness();
  });
  afterAll(() => started?.close());
  afterEach(() => expect(current().pageErrors).toEqual([]));
  return {
    get app() {
      return current().app;
    },
    get baseUrl() {
      return current().baseUrl;
    },
    get browser() {
      return current().browser;
    },
    get pageErrors() {
      return current().pageErrors;
    },
    openPage: (options) => current().openPage(options),
    close: () => current().close(),
  };
}

/** The Authorization header of `user`, for the API calls a test makes beside the browser. */
export const authAs = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });

export async function signIn(page: Page, key: string): Promise<void> {
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Saves the page as docs/screenshots/<name>.png (linked from the README). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotsDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage: true });
}
