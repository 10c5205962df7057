import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startHost, type RunningHost } from '../../electron/host/server';
import { AppServices } from '../../electron/services/AppServices';
import { DbWorkerClient } from '../../electron/worker/DbWorkerClient';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const STATIC_DIR = path.join(ROOT, 'out', 'renderer');

/** Flags for Debian's Chromium on a closed network, as root, headless. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export interface RunningApp {
  url: string;
  page: Page;
  browser: Browser;
  /** The test's own connection to the same file, for seeding and checking (the page talks to the worker). */
  services: AppServices;
  host: RunningHost;
  worker: DbWorkerClient;
  dir: string;
  close(): Promise<void>;
}

/** The browser host on a fresh database in a temp folder, and a Chromium page opened on it. */
export async function startApp(): Promise<RunningApp> {
  if (!fs.existsSync(path.join(STATIC_DIR, 'index.html'))) throw new Error('界面尚未构建：请先运行 npm run build:renderer');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-e2e-'));
  const services = await AppServices.open(path.join(dir, 'cadre.db'));
  // As in `npm start`: the host serves HTTP and routes every call to the database worker.
  const worker = await DbWorkerClient.start(path.join(dir, 'cadre.db'), { error: () => undefined });
  const host = await startHost({ route: worker.route, ctx: { actor: 'e2e' }, staticDir: STATIC_DIR, port: 0, log: { error: () => undefined } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  // The one-time address gives this browser the host's cookie, as the printed address does for a clerk.
  await page.goto(host.openUrl);
  return {
    url: host.url,
    page,
    browser,
    services,
    host,
    worker,
    dir,
    async close() {
      await browser.close();
      await host.close();
      await worker.close();
      await services.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot under test-results/screens for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const out = path.join(ROOT, 'test-results', 'screens');
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Waits until the (first) element is visible; fails the test with the locator's description otherwise. */
export async function visible(locator: Locator, timeout = 15_000): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

/** Screenshots at both screen sizes a clerk's office has (1366×768 and 1920×1080), for a person to look at. */
export async function screens(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(300);
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}
