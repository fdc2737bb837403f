// Smoke test of a production build in real Chromium: a real service worker, a real
// module worker, real IndexedDB and real offline.
import { expect, test, type Page } from '@playwright/test';
import packageJson from '../package.json' with { type: 'json' };
import type {} from '../demo/smoke-hooks';
import type { ActivationRecord } from '../sw/meta-records';

const DAY_MS = 86_400_000;

async function openDemo(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Gatehouse demo' })).toBeVisible();
  // The heading is static HTML: the demo's module (which installs the hooks) may not have run yet.
  await page.waitForFunction(() => window.gatehouseSmoke !== undefined);
  await page.evaluate(() => window.gatehouseSmoke.swReady);
}

/** Whether a fetch of a URL that no cache holds reaches a server. */
function probeNetwork(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    try {
      await fetch(`/gatehouse-network-probe?${Math.random()}`);
      return true;
    } catch {
      return false;
    }
  });
}

test('the service worker registers, takes control and answers a ping', async ({ page, baseURL }) => {
  await openDemo(page);

  expect(await page.evaluate(() => window.gatehouseSmoke.swReady)).toEqual({
    type: 'gatehouse:pong',
    version: packageJson.version,
  });
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${baseURL}/sw.js`);
  await expect(page.getByRole('status')).toHaveText(`Gatehouse ${packageJson.version}: the service worker controls this page.`);

  await page.reload();
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${baseURL}/sw.js`);
});

test('the service worker ignores malformed messages and answers a ping on either channel', async ({ page }) => {
  await openDemo(page);

  const replies = await page.evaluate(async () => {
    const controller = navigator.serviceWorker.controller;
    if (controller === null) throw new Error('not controlled');
    const toClient: unknown[] = [];
    navigator.serviceWorker.addEventListener('message', (event) => toClient.push(event.data));
    for (const junk of [null, 'gatehouse:ping', [], { type: 'gatehouse:unknown' }, { type: 42 }]) {
      controller.postMessage(junk);
    }
    const channel = new MessageChannel();
    const viaPort = new Promise((resolve) => {
      channel.port1.onmessage = (event) => resolve(event.data);
    });
    controller.postMessage({ type: 'gatehouse:ping' }, [channel.port2]);
    const portReply = await viaPort;
    controller.postMessage({ type: 'gatehouse:ping' });
    while (toClient.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    return { portReply, toClient };
  });

  const pong = { type: 'gatehouse:pong', version: packageJson.version };
  expect(replies).toEqual({ portReply: pong, toClient: [pong] });
});

test('the metering worker computes usage periods with the core code', async ({ page }) => {
  await openDemo(page);

  expect(await page.evaluate(() => window.gatehouseSmoke.worker.version())).toBe(packageJson.version);
  // A monthly period anchored on Jan 31 clamps to the end of February (2024 is a leap year).
  const monthly = await page.evaluate(() =>
    window.gatehouseSmoke.worker.periodContaining(
      { resetPeriod: 'MONTH', anchor: Date.UTC(2024, 0, 31, 9, 30) },
      Date.UTC(2024, 1, 15),
    ),
  );
  expect(monthly).toEqual({ start: Date.UTC(2024, 0, 31, 9, 30), end: Date.UTC(2024, 1, 29, 9, 30) });
  // Weeks "every Monday" run Monday 00:00 UTC to the next Monday, whatever the anchor.
  const weekly = await page.evaluate(() =>
    window.gatehouseSmoke.worker.periodContaining(
      { resetPeriod: 'WEEK', configuration: { weeklyAccordingTo: 'EveryMonday' }, anchor: Date.UTC(2023, 6, 19) },
      Date.UTC(2024, 2, 6, 12),
    ),
  );
  expect(weekly).toEqual({ start: Date.UTC(2024, 2, 4), end: Date.UTC(2024, 2, 4) + 7 * DAY_MS });
});

test('the page reads back the record the service worker wrote to IndexedDB', async ({ page }) => {
  const openedAt = Date.now();
  await openDemo(page);

  const readActivation = () =>
    page.evaluate(() => window.gatehouseSmoke.readMeta('sw')) as Promise<ActivationRecord | undefined>;
  await expect.poll(readActivation).toEqual({ key: 'sw', version: packageJson.version, activatedAt: expect.any(Number) });
  const record = await readActivation();
  expect(record?.activatedAt).toBeGreaterThanOrEqual(openedAt);
  expect(record?.activatedAt).toBeLessThanOrEqual(Date.now());
});

test('offline, a reload is still served from the cached app shell', async ({ page, context }) => {
  await openDemo(page);
  expect(await probeNetwork(page)).toBe(true);

  await context.setOffline(true);
  expect(await probeNetwork(page)).toBe(false);

  const reload = await page.reload();
  expect(reload?.fromServiceWorker()).toBe(true);
  await expect(page.getByRole('heading', { name: 'Gatehouse demo' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(`Gatehouse ${packageJson.version}: the service worker controls this page.`);
  expect(await page.evaluate(() => window.gatehouseSmoke.worker.version())).toBe(packageJson.version);
  expect(await probeNetwork(page)).toBe(false);
});
