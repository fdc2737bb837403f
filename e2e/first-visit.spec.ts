// A first visit (fresh context: no service worker, nothing stored): the page sends the
// edge entitlements request itself and answers from it before the engine has started;
// the engine stores that answer instead of asking again, so a reload within the
// interval answers from storage with no new request.
import type { Page } from '@playwright/test';
import { expect, openDemo, test } from './fixtures';

const CUSTOMER = 'customer-demo-01';

/** Snapshots the engine has stored in IndexedDB (0 before it stored any). */
function storedSnapshots(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('gatehouse');
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => resolve(0);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('snapshots')) {
            db.close();
            resolve(0);
            return;
          }
          const count = db.transaction('snapshots', 'readonly').objectStore('snapshots').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
          count.onerror = () => {
            db.close();
            resolve(0);
          };
        };
      }),
  );
}

const marks = (page: Page) =>
  page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name).filter((name) => name.startsWith('gatehouse:')));

test('a first visit answers from its own request before the engine starts, and sends it once', async ({ page, emulator }) => {
  await emulator.clearRequests();
  await openDemo(page, emulator);
  const answer = await page.evaluate(() => window.stigg.getBooleanEntitlement({ featureId: 'feature-demo-02' }));
  expect(answer.isFallback).toBe(false);
  const provenance = await page.evaluate(() => window.stigg.getEntitlementProvenance({ featureId: 'feature-demo-02' }));
  expect(provenance.source).toBe('network');

  // The first table came from the page's own request, before the engine was asked to start.
  await expect.poll(() => marks(page)).toContain('gatehouse:engine connected');
  const order = await marks(page);
  expect(order.indexOf('gatehouse:prefetch answered')).toBeGreaterThanOrEqual(0);
  expect(order.indexOf('gatehouse:first table')).toBeGreaterThan(order.indexOf('gatehouse:prefetch answered'));
  expect(order.indexOf('gatehouse:engine start')).toBeGreaterThan(order.indexOf('gatehouse:first table'));

  // The engine stored the page's answer rather than fetching it again.
  await expect.poll(() => storedSnapshots(page)).toBe(1);
  expect(await emulator.entitlementRequests(CUSTOMER)).toBe(1);

  // A reload is controlled by the service worker, answers from storage, asks nothing new.
  await page.reload();
  await page.waitForFunction(() => window.stigg !== undefined);
  await page.waitForFunction(() => !window.stigg.getBooleanEntitlement({ featureId: 'feature-demo-02' }).isFallback);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  expect(await marks(page)).not.toContain('gatehouse:prefetch sent');
  await page.evaluate(() => window.stigg.waitForInitialization().then(() => undefined));
  expect(await emulator.entitlementRequests(CUSTOMER)).toBe(1);
});

test('when the page’s own request fails, the engine fetches the entitlements itself', async ({ page, emulator }) => {
  await emulator.clearRequests();
  // The edge refuses every request: the page's and the engine's own; GraphQL answers.
  await emulator.setFaults({ errorStatus: 503, scope: 'edge' });
  await openDemo(page, emulator);
  expect(await page.evaluate(() => window.stigg.getBooleanEntitlement({ featureId: 'feature-demo-02' }).isFallback)).toBe(false);
  expect(await marks(page)).toContain('gatehouse:prefetch failed');
  expect((await emulator.requestCounts()).counts.GetEntitlements ?? 0).toBeGreaterThanOrEqual(1);
});

test('a large first answer is read in the metering worker, and the engine stores what the page read', async ({ page, emulator }) => {
  await emulator.clearRequests();
  // The page's own request gets the customer's answer with 4,000 more features (about 1.5 MB).
  let served = 0;
  await page.route(`**/v1/c/${CUSTOMER}/entitlements.json*`, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { data: { entitlements: unknown[] } };
    for (let i = 0; i < 4_000; i += 1) {
      body.data.entitlements.push({
        isGranted: true,
        usageLimit: 10 + i,
        hasUnlimitedUsage: false,
        hasSoftLimit: false,
        currentUsage: 1,
        feature: { featureType: 'NUMBER', meterType: 'None', refId: `bulk-feature-${i}`, displayName: `Bulk feature ${i}`, description: 'x'.repeat(200) },
      });
    }
    served += 1;
    await route.fulfill({ response, body: JSON.stringify(body) });
  });
  await openDemo(page, emulator);
  expect(served).toBe(1);
  const bulk = await page.evaluate(() => window.stigg.getNumericEntitlement({ featureId: 'bulk-feature-3999' }));
  expect(bulk).toMatchObject({ isFallback: false, value: 4_009 });
  const order = await marks(page);
  expect(order).toContain('gatehouse:answer read off the main thread');
  expect(order.indexOf('gatehouse:first table')).toBeGreaterThan(order.indexOf('gatehouse:answer read off the main thread'));

  // The engine stored what the page handed it (the snapshot read in the worker), and asked nothing itself.
  await expect.poll(() => storedSnapshots(page)).toBe(1);
  expect(await emulator.entitlementRequests(CUSTOMER)).toBe(1);
  await page.unroute(`**/v1/c/${CUSTOMER}/entitlements.json*`);
  await page.reload();
  await page.waitForFunction(() => window.stigg !== undefined);
  await page.waitForFunction(() => !window.stigg.getNumericEntitlement({ featureId: 'bulk-feature-3999' }).isFallback);
  expect(await emulator.entitlementRequests(CUSTOMER)).toBe(1);
});
