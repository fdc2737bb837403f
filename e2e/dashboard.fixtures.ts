// Shared set-up for the dashboard journeys: a private emulator per test (so faults and
// usage never leak between tests running in parallel), a way to open the dashboard
// against it, and a watch on every page's console that fails the test on any error.
import { expect, test as base, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { startEmulator, type RunningEmulator } from '../server/index';
import type {} from '../demo/globals';
import type {} from '../demo/smoke-hooks';

export interface DashboardFixtures {
  emulator: RunningEmulator;
  /** Console errors and uncaught exceptions from every page of the test's context. */
  consoleErrors: string[];
}

function watchConsole(context: BrowserContext, errors: string[]): void {
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${page.url()}: console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`${page.url()}: uncaught: ${error.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
}

export const test = base.extend<DashboardFixtures>({
  emulator: async ({}, use) => {
    const emulator = await startEmulator({ port: 0 });
    await use(emulator);
    await emulator.close();
  },
  consoleErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      watchConsole(context, errors);
      await use(errors);
      expect(errors, 'errors in the page console').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens the dashboard against the test's emulator and waits for live data under a service worker. */
export async function openDashboard(page: Page, emulator: RunningEmulator, params: Record<string, string> = {}): Promise<void> {
  const query = new URLSearchParams({ emulator: emulator.url, ...params });
  await page.goto(`/?${query}`);
  await expect(page.getByRole('heading', { name: 'Gatehouse demo', level: 1 })).toBeVisible();
  await page.evaluate(() => window.gatehouseSmoke.swReady);
  await page.evaluate(() => window.stigg.waitForInitialization().then(() => true));
}

export function card(page: Page, name: string): Locator {
  return page.getByRole('article', { name, exact: true });
}

/** What a card says, without its source badge: the part that must survive a reload offline. */
export async function cardAnswer(page: Page, name: string): Promise<string> {
  const c = card(page, name);
  const parts = await Promise.all([
    c.locator('.access').innerText(),
    c.locator('.value').innerText(),
    c.locator('.usage-text').isVisible().then((visible) => (visible ? c.locator('.usage-text').innerText() : '')),
  ]);
  return parts.join(' | ');
}

export const FEATURES = ['Feature #1', 'Feature #2', 'Feature #3', 'Seats', 'Extra storage'] as const;
