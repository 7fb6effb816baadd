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
  /** A new browser context (its own storage) with one page, signed in with `key` when given. */
  openPage(options?: { key?: string; viewport?: { width: number; height: number } }): Promise<Page>;
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
    async openPage({ key, viewport = DESKTOP } = {}) {
      const context = await browser.newContext({ viewport, baseURL: baseUrl });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
      page.setDefaultTimeout(20_000);
      await page.goto('/console/');
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
