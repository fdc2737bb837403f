// Gatehouse never blocks the app's origin (issue 14 §2): real Chromium, the real service
// worker and IndexedDB, against the emulator.
import type { Page } from '@playwright/test';
import type {} from '../demo/globals';
import { expect, openDemo, test } from './fixtures';

const FEATURE = 'feature-demo-03';

/** Another tab of the origin keeps a connection to an older version of Gatehouse's database and never lets go. */
async function holdStaleConnection(page: Page): Promise<void> {
  await page.goto('/manifest.webmanifest');
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('gatehouse', 1);
        request.onupgradeneeded = () => request.result.createObjectStore('meta', { keyPath: 'key' });
        request.onsuccess = () => {
          // An old build: no versionchange handler, so it never closes for a newer version.
          (window as unknown as { stale: IDBDatabase }).stale = request.result;
          resolve();
        };
        request.onerror = () => reject(request.error);
      }),
  );
}

const workerState = (page: Page) =>
  page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? 'none');

test('a stale database connection in another tab: the service worker activates, pages load and answer, the status says so', async ({ context, emulator }) => {
  const stale = await context.newPage();
  await holdStaleConnection(stale);

  const page = await context.newPage();
  await openDemo(page, emulator);
  // Activation writes to storage, but does not wait on it past the deadline.
  await expect.poll(() => workerState(page), { timeout: 15_000 }).toBe('activated');
  expect(await page.evaluate((featureId) => window.stigg.getMeteredEntitlement({ featureId }).isFallback, FEATURE)).toBe(false);

  // Page loads go through the worker and do not hang either.
  await page.reload();
  await page.evaluate(() => window.stigg.waitForInitialization().then(() => undefined));
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js$/);
  await page.evaluate(() => window.stigg.refresh());
  const answer = await page.evaluate((featureId) => window.stigg.getMeteredEntitlement({ featureId }), FEATURE);
  expect(answer).toMatchObject({ isFallback: false, usageLimit: 2 });
  // The engine works from memory meanwhile, and says so.
  const status = await page.evaluate(() => window.stigg.getSyncStatus());
  expect(status).toMatchObject({ host: 'service-worker', storage: 'memory', state: 'degraded' });
  expect(status?.lastError).toMatch(/IndexedDB/);

  // Once the old tab is gone the upgrade goes through and storage comes back.
  await stale.close();
  await expect
    .poll(
      async () => {
        await page.evaluate(() => window.stigg.refresh());
        return (await page.evaluate(() => window.stigg.getSyncStatus()))?.storage;
      },
      { timeout: 45_000, intervals: [1_000] },
    )
    .toBe('indexeddb');
});

test('a refresh() in flight when the service worker is stopped resolves within one request timeout', async ({ page, context, emulator }) => {
  await openDemo(page, emulator);
  await expect.poll(() => workerState(page)).toBe('activated');
  // A slow API keeps the refresh in flight while the worker is stopped.
  await emulator.setFaults({ latencyMs: 3_000 });
  await emulator.clearRequests();
  await page.evaluate(() => {
    const w = window as unknown as { refreshed: Promise<number> };
    const started = performance.now();
    w.refreshed = window.stigg.refresh().then(() => performance.now() - started);
  });
  await expect.poll(() => emulator.entitlementRequests('customer-demo-01')).toBeGreaterThan(0);
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');

  // The page notices the silence and asks the restarted worker at once: it does not wait out
  // the request timeout (20 s, DEFAULT_REQUEST_TIMEOUT_MS) and then ask again.
  const tookMs = await page.evaluate(() => (window as unknown as { refreshed: Promise<number> }).refreshed);
  expect(tookMs).toBeLessThan(20_000);
  expect(await emulator.entitlementRequests('customer-demo-01')).toBeGreaterThanOrEqual(2);
  await emulator.clearFaults();
  expect(await page.evaluate((featureId) => window.stigg.getMeteredEntitlement({ featureId }).isFallback, FEATURE)).toBe(false);
});

test.describe('without IndexedDB (and without service workers)', () => {
  test.use({ serviceWorkers: 'block' });

  test('local usage and queued reports live in memory: said once through the logger and in getSyncStatus()', async ({ page, emulator }) => {
    await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }));
    const said: string[] = [];
    page.on('console', (message) => {
      if (/memory only/.test(message.text())) said.push(message.text());
    });
    await openDemo(page, emulator);
    expect(await page.evaluate(() => typeof window.indexedDB)).toBe('undefined');
    expect(await page.evaluate((featureId) => window.stigg.recordUsage({ featureId, value: 1 }).then(() => 'recorded'), FEATURE)).toBe('recorded');
    await page.evaluate(() => window.stigg.refresh());
    const status = await page.evaluate(() => window.stigg.getSyncStatus());
    expect(status).toMatchObject({ host: 'page', storage: 'memory' });
    expect(status?.storageNote).toMatch(/local usage and queued check reports live in memory only, and a reload loses them/);
    await expect.poll(() => said.filter((text) => text.startsWith('[Stigg]')).length).toBe(1);
    await page.evaluate(() => window.stigg.refresh());
    expect(said.filter((text) => text.startsWith('[Stigg]'))).toHaveLength(1);
  });
});
