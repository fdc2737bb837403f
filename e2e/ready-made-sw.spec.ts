// The package's ready-made service worker (dist/sw/sw.js), as an app without its own
// worker registers it: it must run every Gatehouse path, including the async calls that
// go through urql and graphcache, online and offline.
import { expect, test } from './fixtures';

test('the ready-made service worker serves entitlements and async calls, and answers them offline', async ({ page, context, emulator, baseURL }) => {
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(`${message.text()} (${message.location().url})`));
  const url = `/ready-made/?${new URLSearchParams({ customerId: 'customer-demo-01', emulator: emulator.url })}`;
  await page.goto(url);
  await page.waitForFunction(() => window.stigg !== undefined);
  await page.evaluate(() => window.stigg.waitForInitialization().then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${baseURL}/ready-made/sw.js`);

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
