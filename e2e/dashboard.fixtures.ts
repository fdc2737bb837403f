// Shared set-up for the dashboard journeys, on top of e2e/fixtures.ts (an emulator per
// worker, reset for each test): a way to open the dashboard against it, and a watch on
// every page's console that fails the test on any error.
import type { BrowserContext, Locator, Page } from '@playwright/test';
import type {} from '../demo/smoke-hooks';
import { expect, openDemo, test as base, type EmulatorHandle } from './fixtures';

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

export const test = base.extend<{
  /** Console errors and uncaught exceptions from every page of the test's context. */
  consoleErrors: string[];
}>({
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
export async function openDashboard(page: Page, emulator: EmulatorHandle, params: Record<string, string> = {}): Promise<void> {
  await openDemo(page, emulator, params);
  await expect(page.getByRole('heading', { name: 'Gatehouse demo', level: 1 })).toBeVisible();
  await page.evaluate(() => window.gatehouseSmoke.swReady);
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
