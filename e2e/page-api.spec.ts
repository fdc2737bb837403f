// The page API end to end, through `window.stigg` on the demo page: every call of the
// usage guide compared field by field with the official SDK running in the same page
// against the same emulator; reloads and offline reloads; local usage across tabs;
// customer switching; a reset period crossed offline; bad input to every method.
import type { Page } from '@playwright/test';
import type {} from '../demo/globals';
import { expect, openDemo, test, type EmulatorHandle } from './fixtures';

/** The official SDK's UMD global and the client made from it, on the test page. */
type AnyClient = Record<string, (...args: unknown[]) => unknown>;
type OfficialWindow = { Stigg: { default: { initialize(config: unknown): AnyClient } }; official: AnyClient };

const OFFICIAL_BUNDLE = 'node_modules/@stigg/js-client-sdk/dist/index.js';
const CUSTOMER = 'customer-demo-01';

async function loadOfficial(page: Page, emulator: EmulatorHandle): Promise<void> {
  await page.addScriptTag({ path: OFFICIAL_BUNDLE });
  await page.evaluate(async (url) => {
    const w = window as unknown as OfficialWindow;
    w.official = w.Stigg.default.initialize({
      apiKey: 'client-demo-key',
      baseUri: url,
      baseEdgeUri: url,
      customerId: 'customer-demo-01',
      logConfiguration: { logLevel: 'NONE', logger: { log() {}, error() {}, debug() {} } },
    });
    await w.official.waitForInitialization!();
  }, emulator.url);
}

type Call = [method: string, ...args: unknown[]];

const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/;

/** `ours` with every date that is within 5 s of the same date in `theirs` replaced by theirs:
 * the emulator stamps estimates with "now", which moves between the two calls. */
function alignTimes(ours: unknown, theirs: unknown): unknown {
  if (typeof ours === 'string' && typeof theirs === 'string' && ISO_DATE.test(ours) && ISO_DATE.test(theirs)) {
    return Math.abs(Date.parse(ours) - Date.parse(theirs)) < 5_000 ? theirs : ours;
  }
  if (Array.isArray(ours) && Array.isArray(theirs)) return ours.map((item, i) => alignTimes(item, theirs[i]));
  if (ours && theirs && typeof ours === 'object' && typeof theirs === 'object') {
    const t = theirs as Record<string, unknown>;
    return Object.fromEntries(Object.entries(ours).map(([key, value]) => [key, alignTimes(value, t[key])]));
  }
  return ours;
}

/** Calls a method on both clients and returns both answers as JSON (dates as ISO strings). */
async function both(page: Page, [method, ...args]: Call): Promise<{ ours: unknown; theirs: unknown }> {
  return page.evaluate(
    async ({ method, args }) => {
      // Apollo's `__typename` on pass-through objects is not reproduced (docs/compat.md).
      const normalise = (value: unknown) =>
        JSON.parse(JSON.stringify(value ?? null), (key, inner: unknown) => (key === '__typename' ? undefined : inner));
      const ours = normalise(await (window.stigg as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!(...args));
      const theirs = normalise(await (window as unknown as OfficialWindow).official[method]!(...args));
      return { ours, theirs };
    },
    { method, args },
  );
}

test('every call of the usage guide answers as the official SDK does', async ({ page, emulator }) => {
  await openDemo(page, emulator);
  await loadOfficial(page, emulator);
  const subscriptions = (await page.evaluate(() => window.stigg.getActiveSubscriptionsList())) as { subscriptionId: string }[];
  const subscriptionId = subscriptions[0]!.subscriptionId;
  const calls: Call[] = [
    ['getBooleanEntitlement', { featureId: 'feature-demo-02' }],
    ['getBooleanEntitlement', { featureId: 'feature-not-in-plan' }],
    ['getNumericEntitlement', { featureId: 'feature-demo-01' }],
    ['getNumericEntitlement', { featureId: 'feature-not-in-plan' }],
    ['getMeteredEntitlement', { featureId: 'feature-demo-03' }],
    ['getMeteredEntitlement', { featureId: 'feature-demo-03', options: { requestedUsage: 10 } }],
    ['getBooleanEntitlement', { featureId: 'feature-demo-01', options: { fallback: { hasAccess: false } } }],
    ['getEntitlements'],
    ['getPaywall'],
    ['getPaywall', { productId: 'product-stigg', billingCountryCode: 'DE', includeHiddenPlans: true }],
    ['getCustomerPortal'],
    ['getCustomer'],
    ['getActiveSubscriptionsList'],
    ['getActiveSubscriptionsList', { resourceId: 'resource-01' }],
    ['getActiveSubscriptions'],
    ['getSubscription', { subscriptionId }],
    ['getCoupons'],
    ['estimateSubscription', { customerId: CUSTOMER, planId: 'plan-stigg-pro', billingPeriod: 'MONTHLY', promotionCode: 'STIGG50' }],
    ['estimateSubscriptionUpdate', { subscriptionId, promotionCode: 'STIGG50' }],
    ['getCheckoutState', { planId: 'plan-stigg-pro' }],
  ];
  for (const call of calls) {
    const { ours, theirs } = await both(page, call);
    expect(alignTimes(ours, theirs), `${call[0]}(${JSON.stringify(call.slice(1))})`).toEqual(theirs);
  }
  // The guide's values themselves.
  const metered = await page.evaluate(() => window.stigg.getMeteredEntitlement({ featureId: 'feature-demo-03' }));
  expect(metered).toMatchObject({ isFallback: false, hasAccess: true, usageLimit: 2, currentUsage: 0, resetPeriod: 'MONTH' });
  expect(await page.evaluate(() => window.stigg.getNumericEntitlement({ featureId: 'feature-demo-01' }).value)).toBe(100);
  expect(await page.evaluate(async () => (await window.stigg.getCustomer()).name)).toBe('First customer');
  // Metering is evaluated in the comlink worker.
  await expect.poll(() => page.workers().some((worker) => /metering\.worker/.test(worker.url()))).toBe(true);
  // Customer helpers survive the trip through the service worker.
  expect(await page.evaluate(async () => (await window.stigg.getCustomer()).getActiveSubscriptions().length)).toBeGreaterThan(0);
});

test('a reload, and a reload offline, answer with the same real data', async ({ page, context, emulator }) => {
  await openDemo(page, emulator);
  const online = await page.evaluate(() => window.stigg.getMeteredEntitlement({ featureId: 'feature-demo-03' }));
  expect(online.isFallback).toBe(false);

  await page.reload();
  await page.evaluate(() => window.stigg.waitForInitialization().then(() => undefined));
  expect(await page.evaluate(() => window.stigg.getMeteredEntitlement({ featureId: 'feature-demo-03' }))).toEqual(online);

  await context.setOffline(true);
  await page.reload();
  await page.evaluate(() => window.stigg.waitForInitialization().then(() => undefined));
  expect(await page.evaluate(() => window.stigg.getMeteredEntitlement({ featureId: 'feature-demo-03' }))).toEqual(online);
  expect(await page.evaluate(() => window.stigg.getEntitlementProvenance({ featureId: 'feature-demo-03' }).source)).toBe('cache');
  await context.setOffline(false);
});

test('local usage is seen by a second tab at once and never lets a limit be exceeded', async ({ context, emulator }) => {
  const [first, second] = [await context.newPage(), await context.newPage()];
  await openDemo(first, emulator);
  await openDemo(second, emulator);
  const metered = (page: Page) => page.evaluate(() => window.stigg.getMeteredEntitlement({ featureId: 'feature-demo-03', options: { requestedUsage: 1 } }));

  await first.evaluate(() => window.stigg.recordUsage({ featureId: 'feature-demo-03', value: 1 }));
  await expect.poll(async () => (await metered(second)).currentUsage).toBe(1);
  await second.evaluate(() => window.stigg.recordUsage({ featureId: 'feature-demo-03', value: 1 }));
  await expect.poll(async () => (await metered(first)).currentUsage).toBe(2);

  for (const page of [first, second]) expect(await metered(page)).toMatchObject({ hasAccess: false, accessDeniedReason: 'RequestedUsageExceedingLimit' });
  const refused = await first.evaluate(() =>
    window.stigg.recordUsage({ featureId: 'feature-demo-03', value: 1 }).then(() => 'recorded', (error: Error) => error.message),
  );
  expect(refused).toMatch(/^Failed to record usage\. Error: .*limit/);
  expect((await metered(second)).currentUsage).toBe(2);
  expect(await second.evaluate(() => window.stigg.getEntitlementProvenance({ featureId: 'feature-demo-03' }))).toMatchObject({
    source: 'local-usage',
    localUsage: 2,
  });
});

test('switching customers never shows the previous customer’s data', async ({ page, emulator }) => {
  await openDemo(page, emulator);
  expect(await page.evaluate(() => window.stigg.getMeteredEntitlement({ featureId: 'feature-demo-03' }).usageLimit)).toBe(2);
  const seen = await page.evaluate(async () => {
    const limits: (number | undefined)[] = [];
    const switching = window.stigg.setCustomerId('customer-demo-02');
    // Sampled while the switch is in flight: never customer-demo-01's limit of 2.
    limits.push(window.stigg.getMeteredEntitlement({ featureId: 'feature-demo-03' }).usageLimit);
    await switching;
    limits.push(window.stigg.getMeteredEntitlement({ featureId: 'feature-demo-03' }).usageLimit);
    return { limits, customer: (await window.stigg.getCustomer()).id };
  });
  expect(seen.limits[0]).not.toBe(2);
  expect(seen.limits[1]).toBe(5);
  expect(seen.customer).toBe('customer-demo-02');
  await page.evaluate(() => window.stigg.clearCustomer());
  expect(await page.evaluate(() => window.stigg.getMeteredEntitlement({ featureId: 'feature-demo-03' }).isFallback)).toBe(true);
});

/** How many keys in the origin's Gatehouse database name the customer: stored answers of the Stigg calls, and entitlement snapshots. */
const storedFor = (page: Page, customerId: string) =>
  page.evaluate(async (customerId) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('gatehouse');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const countNaming = (store: string) =>
      new Promise<number>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAllKeys();
        request.onsuccess = () => resolve(request.result.filter((key) => JSON.stringify(key).includes(customerId)).length);
        request.onerror = () => reject(request.error);
      });
    const counts = { answers: await countNaming('graphcache'), snapshots: await countNaming('snapshots') };
    db.close();
    return counts;
  }, customerId);

test('signing out with purgeStoredData leaves nothing of that customer in storage, and keeps the others', async ({ page, emulator }) => {
  await openDemo(page, emulator);
  await page.evaluate(async () => {
    await window.stigg.getCustomer();
    await window.stigg.setCustomerId('customer-demo-02');
    await window.stigg.getCustomer();
  });
  await expect.poll(async () => Object.values(await storedFor(page, 'customer-demo-02')).every((count) => count > 0)).toBe(true);

  await page.evaluate(() => window.stigg.clearCustomer({ purgeStoredData: true }));
  await expect.poll(() => storedFor(page, 'customer-demo-02')).toEqual({ answers: 0, snapshots: 0 });
  const kept = await storedFor(page, 'customer-demo-01');
  expect(kept.answers).toBeGreaterThan(0);
  expect(kept.snapshots).toBeGreaterThan(0);
});

test('a reset period crossed while offline starts counting from zero', async ({ page, context, emulator }) => {
  // The page's clock is moved below; workers and the service worker keep real time.
  await page.clock.install();
  await openDemo(page, emulator);
  await emulator.setUsage(CUSTOMER, 'feature-demo-03', 2);
  await page.evaluate(() => window.stigg.refresh());
  const used = await page.evaluate(() => window.stigg.getMeteredEntitlement({ featureId: 'feature-demo-03', options: { requestedUsage: 1 } }));
  expect(used).toMatchObject({ currentUsage: 2, hasAccess: false });
  const periodEnd = Date.parse(used.usagePeriodEnd as unknown as string);

  await context.setOffline(true);
  await page.clock.setSystemTime(periodEnd + 3_600_000);
  const rolled = await page.evaluate(() => window.stigg.getMeteredEntitlement({ featureId: 'feature-demo-03', options: { requestedUsage: 1 } }));
  expect(rolled).toMatchObject({ currentUsage: 0, hasAccess: true, isFallback: false });
  expect(Date.parse(rolled.usagePeriodStart as unknown as string)).toBe(periodEnd);

  // Back online, the server (its clock moved on as far) agrees.
  await emulator.control('clock', 'PUT', { offsetMs: periodEnd + 3_600_000 - Date.now() });
  await context.setOffline(false);
  await page.evaluate(() => window.stigg.refresh());
  expect(await page.evaluate(() => window.stigg.getMeteredEntitlement({ featureId: 'feature-demo-03' }).currentUsage)).toBe(0);
});

test('bad input to every public method gives a clear error or a named fallback, and the client keeps working', async ({ page, emulator }) => {
  await openDemo(page, emulator);
  const outcomes = await page.evaluate(async () => {
    const stigg = window.stigg as unknown as Record<string, (...args: unknown[]) => unknown>;
    const settle = async (run: () => unknown) => {
      try {
        const value = await run();
        return { value: JSON.parse(JSON.stringify(value ?? null)) };
      } catch (error) {
        return { error: (error as Error).message };
      }
    };
    return {
      booleanNoId: await settle(() => stigg.getBooleanEntitlement!({})),
      numericNumberId: await settle(() => stigg.getNumericEntitlement!({ featureId: 42 })),
      meteredNegative: await settle(() => stigg.getMeteredEntitlement!({ featureId: 'feature-demo-03', options: { requestedUsage: -5 } })),
      meteredNull: await settle(() => stigg.getMeteredEntitlement!(null)),
      subscriptionUnknown: await settle(() => stigg.getSubscription!({ subscriptionId: 'no-such-subscription' })),
      subscriptionMissing: await settle(() => stigg.getSubscription!({})),
      estimateWrongType: await settle(() => stigg.estimateSubscription!({ customerId: 'customer-demo-01', planId: 42 })),
      checkoutUnknownPlan: await settle(() => stigg.getCheckoutState!({ planId: 'plan-nope' })),
      setResourceNumber: await settle(() => stigg.setResource!(7)),
      setCustomerNumber: await settle(() => stigg.setCustomerId!(7)),
      recordUsageBad: await settle(() => stigg.recordUsage!({ featureId: 'feature-demo-03', value: 'lots' })),
      listenerNotFunction: await settle(() => stigg.addListener!('entitlementsUpdated', 'nope')),
    };
  });
  const fallback = { isFallback: true, hasAccess: false, accessDeniedReason: 'Unknown' };
  expect(outcomes.booleanNoId.value).toEqual(fallback);
  expect(outcomes.numericNumberId.value).toEqual({ ...fallback, isUnlimited: false });
  expect(outcomes.meteredNegative.value).toEqual({ ...fallback, isUnlimited: false, currentUsage: 0, requestedUsage: 1 });
  expect(outcomes.meteredNull.value).toEqual({ ...fallback, isUnlimited: false, currentUsage: 0, requestedUsage: 1 });
  expect(outcomes.subscriptionUnknown.error).toMatch(/^Failed to get subscription\. Error: ./);
  expect(outcomes.subscriptionMissing.error).toMatch(/^Failed to get subscription\. Error: ./);
  expect(outcomes.estimateWrongType.error).toMatch(/^Failed to estimate subscription\. Error: ./);
  expect(outcomes.checkoutUnknownPlan.error).toMatch(/^Failed to get checkout details\. Error: ./);
  expect(outcomes.setResourceNumber.error).toBe('resourceId parameter must be a string');
  expect(outcomes.setCustomerNumber.error).toBe('customerId parameter must be a string');
  expect(outcomes.recordUsageBad.error).toBe('Failed to record usage. Error: value must be a positive number');
  expect(outcomes.listenerNotFunction.error).toBe('addListener("entitlementsUpdated") needs a function');
  // Still working.
  expect(await page.evaluate(() => window.stigg.getNumericEntitlement({ featureId: 'feature-demo-01' }))).toMatchObject({ isFallback: false, value: 100 });
});
