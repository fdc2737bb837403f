// Stigg's React SDK (@stigg/react-sdk) running unchanged on Gatehouse: the app in
// clients/react-sdk-app, built once on the official @stigg/js-client-sdk and once with that
// package resolved to Gatehouse as packed for npm (clients/react-sdk-app/build.ts, after
// `npm run build`). Each build is served on its own origin; both talk to this worker's emulator.
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { buildReactSdkApps, GATEHOUSE_APP_DIR, OFFICIAL_APP_DIR } from '../clients/react-sdk-app/build';
import { createStaticServer } from '../scripts/static-server';
import { expect, test, type EmulatorHandle } from './fixtures';

test.describe.configure({ mode: 'serial' });

const servers: ReturnType<typeof createStaticServer>[] = [];
const origins = { official: '', gatehouse: '' };

async function serve(dir: string): Promise<string> {
  const server = createStaticServer(dir);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await buildReactSdkApps();
  origins.official = await serve(OFFICIAL_APP_DIR);
  origins.gatehouse = await serve(GATEHOUSE_APP_DIR);
});

test.afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

const HOOKS = ['boolean', 'numeric', 'metered'] as const;

/** Opens the app and waits until every hook has real data and both widgets have rendered their data. */
async function openApp(page: Page, origin: string, emulator: EmulatorHandle): Promise<void> {
  await page.goto(`${origin}/?${new URLSearchParams({ emulator: emulator.url })}`);
  await waitForData(page);
}

async function waitForData(page: Page): Promise<void> {
  for (const hook of HOOKS) await expect(page.getByTestId(hook)).toContainText('"isFallback":false');
  await expect(page.getByTestId('paywall')).toContainText('Pro');
  await expect(page.getByTestId('customer-portal')).toContainText('Pro plan');
  await expect(page.locator('.react-loading-skeleton')).toHaveCount(0);
}

async function rendered(page: Page) {
  const text = (testId: string) => page.getByTestId(testId).innerText();
  return {
    hooks: await Promise.all(HOOKS.map(text)),
    paywall: await text('paywall'),
    customerPortal: await text('customer-portal'),
  };
}

test('the React SDK renders the same hooks, paywall and customer portal on Gatehouse as on the official SDK', async ({ browser, emulator }) => {
  const official = await browser.newPage();
  const gatehouse = await browser.newPage();
  await openApp(official, origins.official, emulator);
  await openApp(gatehouse, origins.gatehouse, emulator);

  const expected = await rendered(official);
  expect(expected.hooks.map((hook) => JSON.parse(hook) as unknown)).toEqual([
    { hasAccess: true, isFallback: false, accessDeniedReason: null },
    { hasAccess: true, isFallback: false, value: 100, accessDeniedReason: null },
    { hasAccess: true, isFallback: false, usage: '0/2', accessDeniedReason: null },
  ]);
  expect(await rendered(gatehouse)).toEqual(expected);
  await official.close();
  await gatehouse.close();
});

test('on Gatehouse, the React SDK renders real data after an offline reload', async ({ page, context, emulator }) => {
  await openApp(page, origins.gatehouse, emulator);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const online = await rendered(page);

  await context.setOffline(true);
  await page.reload();
  for (const hook of HOOKS) await expect(page.getByTestId(hook)).toContainText('"isFallback":false');
  await expect(page.getByTestId('paywall')).toContainText('Pro');
  const offline = await rendered(page);
  expect(offline.hooks).toEqual(online.hooks);
  expect(offline.paywall).toEqual(online.paywall);
});

test('with the API down on a first visit, the widgets keep loading on both SDKs and show real data once it is back', async ({ browser, emulator }) => {
  await emulator.setFaults({ errorStatus: 503 });
  const pages = { official: await browser.newPage(), gatehouse: await browser.newPage() };
  for (const [sdk, page] of Object.entries(pages)) {
    await page.goto(`${origins[sdk as keyof typeof origins]}/?${new URLSearchParams({ emulator: emulator.url })}`);
  }
  // Both have asked for the customer's entitlements and been refused.
  await expect.poll(async () => (await emulator.requestCounts()).total).toBeGreaterThanOrEqual(4);
  for (const page of Object.values(pages)) {
    await expect(page.getByTestId('paywall').locator('.react-loading-skeleton')).not.toHaveCount(0);
    await expect(page.getByTestId('numeric')).toContainText('"isFallback":true');
  }

  await emulator.clearFaults();
  for (const page of Object.values(pages)) {
    await expect(page.getByTestId('numeric')).toContainText('"isFallback":false', { timeout: 15_000 });
    await expect(page.getByTestId('paywall')).toContainText('Pro', { timeout: 15_000 });
    await page.close();
  }
});
