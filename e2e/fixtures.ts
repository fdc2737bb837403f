// Playwright fixtures: every test worker gets its own emulator on a free port, so a
// spec that injects faults, moves the clock or consumes usage cannot disturb another.
import { test as base, expect, type Page } from '@playwright/test';
import type {} from '../demo/globals';
import { startEmulator } from '../server/index';

export interface EmulatorHandle {
  url: string;
  control(path: string, method?: string, body?: unknown): Promise<unknown>;
  requestCounts(): Promise<{ total: number; counts: Record<string, number> }>;
  /** Entitlement requests for a customer, edge and GraphQL together. */
  entitlementRequests(customerId: string): Promise<number>;
}

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
    const { url } = emulatorServer;
    const control = async (path: string, method = 'GET', body?: unknown) => {
      const response = await fetch(`${url}/_emulator/${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`emulator ${method} ${path}: HTTP ${response.status}`);
      return response.status === 204 ? null : response.json();
    };
    const requestCounts = () => control('requests') as Promise<{ total: number; counts: Record<string, number> }>;
    await control('reset', 'POST');
    await use({
      url,
      control,
      requestCounts,
      async entitlementRequests(customerId) {
        const { counts } = await requestCounts();
        return (counts[`GET /v1/c/${customerId}/entitlements.json`] ?? 0) + (counts.GetEntitlements ?? 0);
      },
    });
    await control('faults', 'DELETE');
  },
});

export { expect };

/** Opens the demo page for a customer against this worker's emulator and waits for its client. */
export async function openDemo(page: Page, emulator: EmulatorHandle, query: Record<string, string> = {}): Promise<void> {
  const params = new URLSearchParams({ customerId: 'customer-demo-01', emulator: emulator.url, ...query });
  await page.goto(`/?${params}`);
  await page.waitForFunction(() => window.stigg !== undefined);
  await page.evaluate(() => window.stigg.waitForInitialization().then(() => undefined));
}
