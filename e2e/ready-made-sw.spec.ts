// The package as published: its page API (dist/lib, bundled by the app's Vite build) and
// its ready-made service worker (dist/sw/sw.js), as an app without its own worker
// registers it. It must run every Gatehouse path: the metering worker the app's bundler
// built from the package, and the async calls that go through urql and graphcache,
// online and offline.
import { expect, test } from './fixtures';

test('the published package and its ready-made service worker serve entitlements and async calls, and answer them offline', async ({ page, context, emulator, baseURL }) => {
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(`${message.text()} (${message.location().url})`));
  const meteringWorker = page.waitForEvent('worker');
  const meteringWorkerScript = page.waitForResponse((response) => /metering\.worker/.test(response.url()));
  const url = `/ready-made/?${new URLSearchParams({ customerId: 'customer-demo-01', emulator: emulator.url })}`;
  await page.goto(url);
  await page.waitForFunction(() => window.stigg !== undefined);
  await page.evaluate(() => window.stigg.waitForInitialization().then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${baseURL}/ready-made/sw.js`);

  // The app's bundler found the package's metering worker and built it into the app.
  expect((await meteringWorkerScript).status()).toBe(200);
  const worker = await meteringWorker;
  expect(worker.url()).toMatch(new RegExp(`^${baseURL}/assets/metering\\.worker-[\\w-]+\\.js$`));
  expect(await worker.evaluate(() => typeof (self as { postMessage?: unknown }).postMessage)).toBe('function');

  const online = await page.evaluate(async () => {
    const paywall = await window.stigg.getPaywall();
    const customer = await window.stigg.getCustomer();
    return { plans: paywall.plans.map((plan) => plan.id), customerId: customer.id };
  });
  expect(online.plans.length).toBeGreaterThan(0);
  expect(online.customerId).toBe('customer-demo-01');

  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => window.stigg !== undefined);
  const offline = await page.evaluate(async () => {
    await window.stigg.waitForInitialization();
    const entitlement = window.stigg.getNumericEntitlement({ featureId: 'feature-demo-01' });
    const paywall = await window.stigg.getPaywall();
    return { isFallback: entitlement.isFallback, plans: paywall.plans.map((plan) => plan.id) };
  });
  expect(offline).toEqual({ isFallback: false, plans: online.plans });
  expect(errors).toEqual([]);
});

test.describe('with service workers blocked', () => {
  test.use({ serviceWorkers: 'block' });

  test('the published package runs the engine in the page, async calls included, and answers them offline', async ({ page, context, emulator }) => {
    const errors: string[] = [];
    // The browser's own note of each fetch cut by going offline is not an error of the SDK's.
    const isSdkError = (text: string) => !text.startsWith('Failed to load resource');
    page.on('console', (message) => message.type() === 'error' && isSdkError(message.text()) && errors.push(message.text()));
    await page.goto(`/ready-made/?${new URLSearchParams({ customerId: 'customer-demo-01', emulator: emulator.url, host: 'auto' })}`);
    await page.waitForFunction(() => window.stigg !== undefined);
    await page.evaluate(() => window.stigg.waitForInitialization().then(() => undefined));
    await expect.poll(() => page.evaluate(() => window.stigg.getSyncStatus()?.host)).toBe('page');
    // The browser offers no service workers: the status says so; no warning (nothing the app could fix).
    expect(await page.evaluate(() => window.stigg.getSyncStatus()?.hostReason)).toBe('this browser offers no service workers here');
    expect(await page.evaluate(() => window.stigg.getNumericEntitlement({ featureId: 'feature-demo-01' }).isFallback)).toBe(false);
    const online = await page.evaluate(async () => (await window.stigg.getPaywall()).plans.map((plan) => plan.id));
    expect(online.length).toBeGreaterThan(0);

    await context.setOffline(true);
    expect(await page.evaluate(async () => (await window.stigg.getPaywall()).plans.map((plan) => plan.id))).toEqual(online);
    expect(errors).toEqual([]);
  });
});
