// The sync engine end to end: real Chromium, the real service worker (or the page host
// with service workers blocked), real IndexedDB, real offline, against the emulator.
// Serial: the tests of this file share one emulator (its faults and request log).
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test, type EmulatorHandle } from './fixtures';
import type {} from '../demo/harness-hooks';

async function openHarness(page: Page, emulator: EmulatorHandle, host: 'auto' | 'service-worker' | 'page' = 'service-worker'): Promise<string> {
  await page.goto(`/harness.html?emulator=${encodeURIComponent(emulator.url)}`);
  await page.waitForFunction(() => window.gatehouseHarness !== undefined);
  return page.evaluate((h) => window.gatehouseHarness.connect(h), host);
}

async function goOffline(context: BrowserContext, page: Page, offline: boolean): Promise<void> {
  await context.setOffline(offline);
  await page.evaluate(() => window.gatehouseHarness.relayConnectivity());
}

test('the service worker controls the page and runs the engine', async ({ page, emulator }) => {
  expect(await openHarness(page, emulator)).toBe('service-worker');
  const record = await page.evaluate(() => window.gatehouseHarness.sync('customer-demo-01'));
  expect(Object.keys(record.snapshot.entitlements)).toContain('feature-demo-01');
  expect(record.etag).toBeTruthy();
  await page.reload();
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js$/);
  expect(await page.evaluate(() => window.gatehouseHarness.connect('service-worker'))).toBe('service-worker');
  expect((await page.evaluate(() => window.gatehouseHarness.status())).state).toBe('idle');
});

test('offline, a reload answers from IndexedDB with real data', async ({ page, context, emulator }) => {
  await openHarness(page, emulator);
  const online = await page.evaluate(() => window.gatehouseHarness.sync('customer-demo-01'));

  await goOffline(context, page, true);
  const reload = await page.reload();
  expect(reload?.fromServiceWorker()).toBe(true);
  // The warm start needs neither the engine nor the network.
  const stored = await page.evaluate(() => window.gatehouseHarness.readStoredSnapshot('customer-demo-01'));
  expect(stored?.snapshot).toEqual(online.snapshot);

  await page.evaluate(() => window.gatehouseHarness.connect('service-worker'));
  const offline = await page.evaluate(() => window.gatehouseHarness.sync('customer-demo-01', { force: true }));
  expect(offline.snapshot).toEqual(online.snapshot);
  expect(await page.evaluate(() => window.gatehouseHarness.status())).toMatchObject({ online: false, state: 'offline' });
  await goOffline(context, page, false);
});

test('three tabs make one entitlements request per interval', async ({ context, emulator }) => {
  const ttlMs = 1_500;
  const pages = await Promise.all([0, 1, 2].map(() => context.newPage()));
  await openHarness(pages[0]!, emulator);
  await Promise.all(pages.slice(1).map((p) => openHarness(p, emulator)));
  await emulator.control('requests', 'DELETE');
  const started = Date.now();
  // Every tab asks four times per interval, as eagerly as a page that ticks often.
  await Promise.all(pages.map((p) => p.evaluate((ttl) => window.gatehouseHarness.startTicking('customer-demo-02', ttl, ttl / 4), ttlMs)));
  await pages[0]!.waitForTimeout(6_000);
  const requests = await emulator.entitlementRequests('customer-demo-02');
  const intervals = (Date.now() - started) / ttlMs;
  console.log(`3 tabs, ${intervals.toFixed(1)} intervals of ${ttlMs} ms: ${requests} entitlements requests`);
  expect(requests).toBeGreaterThanOrEqual(Math.floor(intervals) - 1);
  expect(requests).toBeLessThanOrEqual(Math.ceil(intervals) + 1);
});

test('faults lead to backoff and recovery without losing data', async ({ page, emulator }) => {
  test.setTimeout(180_000);
  await openHarness(page, emulator);
  const good = await page.evaluate(() => window.gatehouseHarness.sync('customer-demo-01', { force: true }));
  const refresh = () => page.evaluate(() => window.gatehouseHarness.sync('customer-demo-01', { force: true }));
  // Five failures open the circuit, whose wait is capped at the interval (30 s here): a
  // recovered server is noticed within one interval, not sooner.
  const recover = async () => {
    await emulator.control('faults', 'DELETE');
    await expect
      .poll(async () => (await refresh(), (await page.evaluate(() => window.gatehouseHarness.status())).state), { timeout: 35_000, intervals: [500] })
      .toBe('idle');
  };

  // 429 with Retry-After: one request, then nothing until the server's time is up.
  await emulator.control('faults', 'PUT', { errorStatus: 429, retryAfterSeconds: 3 });
  await emulator.control('requests', 'DELETE');
  expect((await refresh()).snapshot).toEqual(good.snapshot);
  for (let i = 0; i < 5; i += 1) await refresh();
  expect(await emulator.entitlementRequests('customer-demo-01')).toBe(1);
  expect(await page.evaluate(() => window.gatehouseHarness.status())).toMatchObject({ state: 'degraded', lastError: expect.stringMatching(/429/) });
  await page.waitForTimeout(3_000);
  await recover();

  // 500s, then dropped connections: jittered backoff, stored data meanwhile, no storm.
  for (const fault of [{ errorStatus: 500 }, { dropConnections: true }]) {
    await emulator.control('faults', 'PUT', fault);
    await emulator.control('requests', 'DELETE');
    for (let i = 0; i < 10; i += 1) expect((await refresh()).snapshot).toEqual(good.snapshot);
    const requests = await emulator.entitlementRequests('customer-demo-01');
    console.log(`${JSON.stringify(fault)}: ${requests} requests for 10 refreshes`);
    // At most three attempts within the first sync, then one per (growing) backoff.
    expect(requests).toBeLessThanOrEqual(5);
    expect((await page.evaluate(() => window.gatehouseHarness.status())).state).toBe('degraded');
    await recover();
  }

  // A server that never answers: the request times out; the caller gets stored data within the sync budget.
  await emulator.control('faults', 'PUT', { latencyMs: 60_000 });
  const before = Date.now();
  expect((await refresh()).snapshot).toEqual(good.snapshot);
  const waited = Date.now() - before;
  console.log(`hung server: answered from storage after ${waited} ms`);
  expect(waited).toBeLessThan(17_000);
  await recover();
  expect((await page.evaluate(() => window.gatehouseHarness.readStoredSnapshot('customer-demo-01')))?.snapshot).toEqual(good.snapshot);
});

test('a customer switch never shows the other customer’s data', async ({ page, emulator }) => {
  await openHarness(page, emulator);
  await page.evaluate(() => {
    window.gatehouseHarness.listen('customer-demo-01');
    window.gatehouseHarness.listen('customer-demo-02');
  });
  // customer-01 is asked for while the server is slow; the tab switches to customer-02 meanwhile.
  await emulator.control('faults', 'PUT', { latencyMs: 1_500, scope: 'edge' });
  const [one, two] = await page.evaluate(async () => {
    const h = window.gatehouseHarness;
    const first = h.sync('customer-demo-01', { ttlMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = h.sync('customer-demo-02', { force: true });
    return Promise.all([first, second]);
  });
  expect(one.partitionKey).toBe(await page.evaluate(() => window.gatehouseHarness.partitionKey('customer-demo-01')));
  expect(two.partitionKey).toBe(await page.evaluate(() => window.gatehouseHarness.partitionKey('customer-demo-02')));
  expect(one.snapshot).not.toEqual(two.snapshot);
  const stored = await page.evaluate(() => window.gatehouseHarness.readStoredSnapshot('customer-demo-02'));
  expect(stored?.snapshot).toEqual(two.snapshot);
  const broadcasts = await page.evaluate(() => window.gatehouseHarness.broadcasts);
  for (const b of broadcasts) {
    if (b.type !== 'snapshot') continue;
    expect(b.record.partitionKey).toBe(b.partitionKey);
    expect(b.record.snapshot).toEqual(b.partitionKey === two.partitionKey ? two.snapshot : one.snapshot);
  }

  // Purged while in flight (sign-out): the late answer is discarded, never stored.
  const purged = await page.evaluate(async () => {
    const h = window.gatehouseHarness;
    const pending = h.sync('customer-demo-01', { ttlMs: 0 }).then(
      () => 'applied',
      (error: Error) => error.message,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await h.request({ type: 'purge', connection: h.connection('customer-demo-01') });
    return pending;
  });
  expect(purged).toMatch(/discarded/);
  expect(await page.evaluate(() => window.gatehouseHarness.readStoredSnapshot('customer-demo-01'))).toBeNull();
});

test('check reports written offline arrive exactly once after reconnecting, across a reload', async ({ page, context, emulator }) => {
  await openHarness(page, emulator);
  await emulator.control('entitlement-checks', 'DELETE');
  await goOffline(context, page, true);
  const marker = Date.now();
  await page.evaluate((m) => {
    const report = (i: number) => ({
      id: `e2e-${m}-${i}`,
      featureId: 'feature-demo-03',
      requestedUsage: m + i,
      result: { hasAccess: true },
      checkedAt: Date.now(),
    });
    return window.gatehouseHarness.track('customer-demo-01', [report(1), report(2), report(3)]);
  }, marker);
  expect((await page.evaluate(() => window.gatehouseHarness.status())).outboxDepth).toBe(3);

  await page.reload();
  await page.evaluate(() => window.gatehouseHarness.connect('service-worker'));
  expect((await page.evaluate(() => window.gatehouseHarness.status())).outboxDepth).toBe(3);
  const checks = async () =>
    ((await emulator.control('entitlement-checks')) as { checks: { input: { requestedUsage?: number } }[] }).checks
      .map((c) => c.input.requestedUsage)
      .filter((u): u is number => typeof u === 'number' && u > marker && u <= marker + 3)
      .sort();
  expect(await checks()).toEqual([]);

  await goOffline(context, page, false);
  await expect.poll(checks, { timeout: 10_000 }).toEqual([marker + 1, marker + 2, marker + 3]);
  await page.evaluate(() => window.gatehouseHarness.sync('customer-demo-01', { force: true }));
  await page.waitForTimeout(1_000);
  expect(await checks()).toEqual([marker + 1, marker + 2, marker + 3]);
  expect((await page.evaluate(() => window.gatehouseHarness.status())).outboxDepth).toBe(0);
});

test.describe('with service workers blocked', () => {
  test.use({ serviceWorkers: 'block' });

  test('the page host elects one leader and keeps to one request per interval', async ({ context, emulator }) => {
    const ttlMs = 1_500;
    const [first, second] = [await context.newPage(), await context.newPage()];
    expect(await openHarness(first!, emulator, 'auto')).toBe('page');
    expect(await openHarness(second!, emulator, 'auto')).toBe('page');
    const record = await second!.evaluate(() => window.gatehouseHarness.sync('customer-demo-03'));
    expect(Object.keys(record.snapshot.entitlements).length).toBeGreaterThan(0);

    await emulator.control('requests', 'DELETE');
    const started = Date.now();
    await Promise.all([first, second].map((p) => p!.evaluate((ttl) => window.gatehouseHarness.startTicking('customer-demo-03', ttl, ttl / 4), ttlMs)));
    await first!.waitForTimeout(4_500);
    const requests = await emulator.entitlementRequests('customer-demo-03');
    const intervals = (Date.now() - started) / ttlMs;
    console.log(`page host, 2 tabs, ${intervals.toFixed(1)} intervals: ${requests} entitlements requests`);
    expect(requests).toBeLessThanOrEqual(Math.ceil(intervals) + 1);

    // The leader closes: the other tab takes over, from IndexedDB.
    await first!.close();
    const after = await second!.evaluate(() => window.gatehouseHarness.sync('customer-demo-03', { force: true }));
    expect(after.snapshot).toEqual(record.snapshot);
    expect((await second!.evaluate(() => window.gatehouseHarness.status())).host).toBe('page');
  });
});

test('a new service worker version takes over without losing the store or the outbox', async ({ page, context, emulator }) => {
  await openHarness(page, emulator);
  const stored = await page.evaluate(() => window.gatehouseHarness.sync('customer-demo-01'));
  await emulator.control('entitlement-checks', 'DELETE');
  await goOffline(context, page, true);
  const marker = Date.now();
  await page.evaluate(
    (m) =>
      window.gatehouseHarness.track('customer-demo-01', [
        { id: `update-${m}`, featureId: 'feature-demo-02', requestedUsage: m, result: { hasAccess: true }, checkedAt: Date.now() },
      ]),
    marker,
  );
  expect((await page.evaluate(() => window.gatehouseHarness.status())).outboxDepth).toBe(1);

  // Another script URL for the same scope is an update: it installs, skips waiting and claims the page.
  await goOffline(context, page, false);
  const takeover = page.evaluate(
    () => new Promise<string>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(navigator.serviceWorker.controller!.scriptURL), { once: true })),
  );
  await page.evaluate(() => navigator.serviceWorker.register('/sw.js?version=next').then(() => undefined));
  expect(await takeover).toMatch(/\/sw\.js\?version=next$/);

  expect((await page.evaluate(() => window.gatehouseHarness.readStoredSnapshot('customer-demo-01')))?.snapshot).toEqual(stored.snapshot);
  const delivered = async () =>
    ((await emulator.control('entitlement-checks')) as { checks: { input: { requestedUsage?: number } }[] }).checks.filter(
      (c) => c.input.requestedUsage === marker,
    ).length;
  await page.evaluate(() => window.gatehouseHarness.relayConnectivity());
  await expect.poll(delivered, { timeout: 10_000 }).toBe(1);
  expect((await page.evaluate(() => window.gatehouseHarness.status())).outboxDepth).toBe(0);
});
