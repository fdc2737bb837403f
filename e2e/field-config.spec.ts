// Configuration and callers cannot hurt the service (issue 14, §4), in real Chromium on
// the published package: timing fields clamped to their bounds (no request storm, no
// timer overflow), partial and throwing loggers harmless, answer bodies capped (over the
// cap the request fails clearly and the stored data stays), wrong arguments named, and
// getters that never throw for hostile arguments. Clients of their own come from the
// package's entry, which the ready-made page exposes as `window.Gatehouse`.
import type { Page } from '@playwright/test';
import { expect, test, type EmulatorHandle } from './fixtures';

async function openReadyMade(page: Page, emulator: EmulatorHandle): Promise<void> {
  await page.goto(`/ready-made/?${new URLSearchParams({ customerId: 'customer-demo-01', emulator: emulator.url })}`);
  await page.waitForFunction(() => window.stigg !== undefined && window.Gatehouse !== undefined);
  await page.evaluate(() => window.stigg.waitForInitialization().then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('cacheTtlMs and initTimeoutMs out of bounds are clamped with a warning: no request storm, no timer overflow', async ({ page, emulator }) => {
  await openReadyMade(page, emulator);
  const started = await page.evaluate(async (url) => {
    const warnings: string[] = [];
    const client = window.Gatehouse!.initialize({
      apiKey: 'client-demo-key',
      baseUri: url,
      baseEdgeUri: url,
      customerId: 'customer-demo-02',
      cacheTtlMs: 1,
      initTimeoutMs: 2 ** 31,
      logConfiguration: { logger: { log() {}, error: (message: string) => warnings.push(message) } },
    });
    (window as unknown as { bounded: unknown }).bounded = client;
    // With initTimeoutMs overflowing a timer, this rejected at once.
    await client.waitForInitialization();
    return { warnings, isFallback: client.getMeteredEntitlement({ featureId: 'feature-demo-03' }).isFallback };
  }, emulator.url);
  expect(started.isFallback).toBe(false);
  expect(started.warnings).toEqual([
    expect.stringMatching(/"cacheTtlMs" is 1, outside 1000 to 86400000 ms: 1000 is used/),
    expect.stringMatching(/"initTimeoutMs" is 2147483648, outside 10 to 600000 ms: 600000 is used/),
  ]);
  // cacheTtlMs: 1 sent about 200 entitlement requests a second; clamped to 1 s, a few in 3 s.
  await emulator.clearRequests();
  await page.waitForTimeout(3_000);
  expect(await emulator.entitlementRequests('customer-demo-02')).toBeLessThanOrEqual(6);
});

test('a partial logger and a throwing logger are harmless: initialization settles, getters answer', async ({ page, emulator }) => {
  await openReadyMade(page, emulator);
  await emulator.setFaults({ errorStatus: 500 });
  const outcomes = await page.evaluate(async (url) => {
    const loggers = {
      noMethods: {},
      noError: { log() {} },
      throwing: {
        log() {
          throw new Error('logger down');
        },
        error() {
          throw new Error('logger down');
        },
      },
    };
    const results: Record<string, unknown> = {};
    for (const [name, logger] of Object.entries(loggers)) {
      const client = window.Gatehouse!.initialize({
        apiKey: 'client-demo-key',
        baseUri: url,
        baseEdgeUri: url,
        customerId: 'customer-demo-03',
        initTimeoutMs: 1_000,
        logConfiguration: { logger: logger as never, logLevel: 'ALL' },
      });
      const pending = new Promise((resolve) => setTimeout(() => resolve('still pending'), 8_000));
      const settled = client.waitForInitialization().then(
        () => 'resolved',
        (error: Error) => error.message,
      );
      results[name] = {
        initialization: await Promise.race([settled, pending]),
        getter: client.getBooleanEntitlement({ featureId: 'feature-demo-02' }),
        badCall: await client.getPaywall({ productId: 5 } as never).then(
          () => 'resolved',
          (error: Error) => error.message,
        ),
      };
    }
    return results;
  }, emulator.url);
  for (const name of ['noMethods', 'noError', 'throwing']) {
    expect(outcomes[name], name).toEqual({
      initialization: expect.stringMatching(/^Failed to load initial entitlements for customer\. Error: /),
      getter: { isFallback: true, hasAccess: false, accessDeniedReason: 'Unknown' },
      badCall: 'Failed to get paywall. Error: productId must be a string, got number',
    });
  }
});

test('an oversized answer body fails the request clearly and the stored data stays, across a reload', async ({ page, emulator }) => {
  await openReadyMade(page, emulator);
  const plans = await page.evaluate(async () => (await window.stigg.getPaywall()).plans.map((plan) => plan.id));
  await emulator.setFaults({ oversizedBodyBytes: 50 * 1024 * 1024 });

  const during = await page.evaluate(async () => {
    const checkout = await window.stigg.getCheckoutState({ planId: 'plan-stigg-pro' }).then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    await window.stigg.refresh().catch(() => undefined);
    return {
      checkout,
      status: window.stigg.getSyncStatus(),
      entitlement: window.stigg.getNumericEntitlement({ featureId: 'feature-demo-01' }),
      plans: (await window.stigg.getPaywall()).plans.map((plan) => plan.id),
    };
  });
  expect(during.checkout).toBe('Failed to get checkout details. Error: the response body exceeds 8388608 bytes');
  expect(during.entitlement).toMatchObject({ isFallback: false, hasAccess: true, value: 100 });
  expect(during.plans).toEqual(plans);
  await expect.poll(() => page.evaluate(() => window.stigg.getSyncStatus()?.lastError ?? '')).toMatch(/exceeds 50331648 bytes/); // the entitlements answer's cap, 48 MiB

  await page.reload();
  await page.waitForFunction(() => window.stigg !== undefined);
  const reloaded = await page.evaluate(async () => {
    await window.stigg.waitForInitialization();
    return window.stigg.getNumericEntitlement({ featureId: 'feature-demo-01' });
  });
  expect(reloaded).toMatchObject({ isFallback: false, value: 100 });
});

test('wrong arguments are named, errors reach the logger as Error objects, getters never throw on hostile arguments', async ({ page, emulator }) => {
  await openReadyMade(page, emulator);
  const outcomes = await page.evaluate(async (url) => {
    const logged: { message: string; isError: boolean; stack: string }[] = [];
    const client = window.Gatehouse!.initialize({
      apiKey: 'client-demo-key',
      baseUri: url,
      baseEdgeUri: url,
      customerId: 'customer-demo-01',
      logConfiguration: {
        logger: {
          log() {},
          error: (message: string, error?: unknown) =>
            logged.push({ message, isError: error instanceof Error, stack: error instanceof Error ? String(error.stack) : '' }),
        },
      },
    });
    await client.waitForInitialization();
    const reject = (run: () => Promise<unknown>) =>
      run().then(
        () => 'resolved',
        (error: Error) => error.message,
      );
    const throwingReads = new Proxy(
      {},
      {
        get() {
          throw new Error('hostile read');
        },
      },
    );
    const throwingGetter = Object.defineProperty({}, 'featureId', {
      get() {
        throw new Error('hostile getter');
      },
    });
    const getters: Record<string, unknown> = {};
    const call = (name: string, run: () => unknown) => {
      try {
        getters[name] = JSON.parse(JSON.stringify(run()));
      } catch (error) {
        getters[name] = `threw ${(error as Error).message}`;
      }
    };
    call('booleanThrowingReads', () => client.getBooleanEntitlement(throwingReads as never));
    call('numericThrowingGetter', () => client.getNumericEntitlement(throwingGetter as never));
    call('meteredThrowingOptions', () => client.getMeteredEntitlement({ featureId: 'feature-demo-03', options: throwingReads as never }));
    call('provenanceNullProto', () => client.getEntitlementProvenance({ featureId: Object.create(null) as string }));
    call('provenanceThrowingReads', () => client.getEntitlementProvenance(throwingReads as never));
    return {
      paywall: await reject(() => client.getPaywall({ productId: 5 } as never)),
      subscription: await reject(() => client.getSubscription({} as never)),
      portal: await reject(() => client.getCustomerPortal({ resourceId: ['r'] } as never)),
      usage: await reject(() => client.fetchUsageHistory({ customerId: 'customer-demo-01', featureId: 'feature-demo-03', startDate: 'yesterday', endDate: 5 } as never)),
      getters,
      logged,
      stillWorking: client.getNumericEntitlement({ featureId: 'feature-demo-01' }),
    };
  }, emulator.url);
  expect(outcomes.paywall).toBe('Failed to get paywall. Error: productId must be a string, got number');
  expect(outcomes.subscription).toBe('Failed to get subscription. Error: subscriptionId is required (a string)');
  expect(outcomes.portal).toBe('Failed to get customer portal details. Error: resourceId must be a string, got an array');
  expect(outcomes.usage).toBe('Failed to fetch usage history. Error: endDate must be a Date or a date string, got number');
  const paywallLog = outcomes.logged.find((entry) => entry.message.includes('Failed to get paywall'));
  expect(paywallLog).toMatchObject({ isError: true, stack: expect.stringContaining('productId must be a string') });

  const fallback = { isFallback: true, hasAccess: false, accessDeniedReason: 'Unknown' };
  expect(outcomes.getters).toEqual({
    booleanThrowingReads: fallback,
    numericThrowingGetter: { ...fallback, isUnlimited: false },
    meteredThrowingOptions: { ...fallback, isUnlimited: false, currentUsage: 0, requestedUsage: 1 },
    provenanceNullProto: { source: 'fallback' },
    provenanceThrowingReads: { source: 'fallback' },
  });
  expect(outcomes.stillWorking).toMatchObject({ isFallback: false, value: 100 });
});
