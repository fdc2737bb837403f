// `npm run screenshots`: photographs the demo dashboard in a real Chromium for docs/dashboard.md:
// docs/screenshots/online.png, offline-reload.png and limit-reached.png.
// It builds the demo (skip with `--skip-build`), starts its own emulator and static
// server on free ports, drives the page with Playwright and stops everything again.
// CHROMIUM_PATH overrides the browser (default /usr/bin/chromium, as in playwright.config.ts).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { startEmulator } from '../server/index';
import { createStaticServer } from './static-server';

const demoDir = fileURLToPath(new URL('../dist/demo', import.meta.url));
const outDir = fileURLToPath(new URL('../docs/screenshots', import.meta.url));
const VIEWPORT = { width: 1280, height: 900 };

if (!process.argv.includes('--skip-build')) {
  const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
mkdirSync(outDir, { recursive: true });

const emulator = await startEmulator({ port: 0 });
const server = createStaticServer(demoDir);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const demoUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/?emulator=${emulator.url}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});

const badge = (page: Page, feature: string) => page.getByRole('article', { name: feature, exact: true }).locator('.badge');

async function waitForText(page: Page, selector: string, pattern: RegExp): Promise<void> {
  await page.waitForFunction(
    ([sel, source]) => new RegExp(source).test(document.querySelector(sel)?.textContent ?? ''),
    [selector, pattern.source] as const,
    { timeout: 20_000 },
  );
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  // Let the one-second refresh settle ages and meters.
  await page.waitForTimeout(1_200);
  const path = `${outDir}/${name}.png`;
  await page.screenshot({ path });
  console.log(`wrote ${path}`);
}

try {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, serviceWorkers: 'allow' });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));

  // 1. Online: live answers from the emulator, the service worker in control.
  await page.goto(demoUrl);
  await page.evaluate(() => window.gatehouseSmoke.swReady);
  await waitForText(page, '#sync-badge', /Online/);
  await badge(page, 'Feature #3').filter({ hasText: 'Live' }).waitFor();
  await page.locator('#paywall .plan').first().waitFor();
  await shoot(page, 'online');

  // 2. Offline, after a reload: the page and the answers come from this device.
  await page.waitForTimeout(6_000); // so that the cached badge shows an age
  await context.setOffline(true);
  await page.reload();
  await waitForText(page, '#sync-badge', /Offline/);
  await badge(page, 'Feature #3').filter({ hasText: 'Cached' }).waitFor();
  await shoot(page, 'offline-reload');

  // 3. Limit reached: usage recorded on this device up to the plan's limit, and the upsell.
  await context.setOffline(false);
  await waitForText(page, '#sync-badge', /Online/);
  await page.getByRole('button', { name: 'Refresh now' }).click();
  await badge(page, 'Feature #1').filter({ hasText: 'Live' }).waitFor();
  const feature3 = page.getByRole('article', { name: 'Feature #3', exact: true });
  for (let i = 0; i < 2; i += 1) {
    const use = feature3.getByRole('button', { name: 'Use 1' });
    if (await use.isEnabled()) await use.click();
    await page.waitForTimeout(300);
  }
  await feature3.getByRole('note').waitFor();
  await shoot(page, 'limit-reached');
  await context.close();
} finally {
  await browser.close();
  server.closeAllConnections();
  server.close();
  await emulator.close();
}
