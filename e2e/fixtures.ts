// Playwright fixtures: every test worker gets its own emulator on a free port, so a
// spec that injects faults, moves the clock or consumes usage cannot disturb another.
import { test as base, expect, type Page } from '@playwright/test';
import type {} from '../demo/globals';
import { startEmulator } from '../server/index';
import { emulatorHandle, type EmulatorHandle } from '../server/testing/handle';

export const test = base.extend<{ emulator: EmulatorHandle }, { emulatorServer: { url: string } }>({
  emulatorServer: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startEmulator({ port: 0 });
      await use({ url: server.url });
      await server.close();
    },
    { scope: 'worker' },
  ],
  emulator: async ({ emulatorServer }, use) => {
    const emulator = emulatorHandle(emulatorServer.url);
    await emulator.control('reset', 'POST');
    await use(emulator);
    await emulator.clearFaults();
  },
});

export { expect, type EmulatorHandle };

/** Opens the demo page for a customer against this worker's emulator and waits for its client. */
export async function openDemo(page: Page, emulator: EmulatorHandle, query: Record<string, string> = {}): Promise<void> {
  const params = new URLSearchParams({ customerId: 'customer-demo-01', emulator: emulator.url, ...query });
  await page.goto(`/?${params}`);
  await page.waitForFunction(() => window.stigg !== undefined);
  await page.evaluate(() => window.stigg.waitForInitialization().then(() => undefined));
  // A first visit answers before the service worker is installed (the page fetches its
  // first entitlements itself), so initialization no longer implies an installed app shell:
  // wait for it too, as an offline reload needs it (settled either way: a test may block workers).
  await page.evaluate(() => window.gatehouseSmoke.swReady.then(() => undefined, () => undefined));
}
