// `offline: true` side by side with the official SDK's offline mode, in the same process:
// the same answers from every async call, fallbacks from the getters, and no engine.
import Stigg from '@stigg/js-client-sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GatehouseClient } from './client';
import { resolveConfiguration } from './config';
import { Evaluation } from './evaluation';

const entitlementsFallback = { 'feature-seats': { hasAccess: true, usageLimit: 5 }, 'feature-export': { hasAccess: false } };
const silent = { log: () => undefined, error: () => undefined };

function officialOffline() {
  return Stigg.initialize({ apiKey: 'client-demo-key', offline: true, customerId: 'customer-demo-01', entitlementsFallback });
}

function gatehouseOffline() {
  const engineStarts = vi.fn(async () => Promise.reject(new Error('an offline client must not start the engine')));
  const { config } = resolveConfiguration({
    offline: true,
    customerId: 'customer-demo-01',
    entitlementsFallback,
    logConfiguration: { logger: silent, logLevel: 'NONE' },
  });
  const client = new GatehouseClient(config, { engine: engineStarts, stored: null, evaluation: new Evaluation() });
  client.start();
  return { client, engineStarts };
}

/** As JSON sees it: dates as strings, helper methods (own on the official's customers, inherited on ours) left out. */
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value ?? null)) as unknown;

const CALLS = [
  ['getPaywall', {}],
  ['getCoupons', undefined],
  ['getCustomer', undefined],
  ['getCustomerPortal', {}],
  ['getCheckoutState', { planId: 'plan-revvenu-basic' }],
  ['applySubscription', { planId: 'plan-revvenu-basic' }],
  ['estimateSubscription', { planId: 'plan-revvenu-basic' }],
  ['estimateSubscriptionUpdate', { subscriptionId: 'subscription-1' }],
  ['previewSubscription', { planId: 'plan-revvenu-basic' }],
  ['getActiveSubscriptions', {}],
  ['getActiveSubscriptionsList', {}],
  ['getSubscription', { subscriptionId: 'subscription-1' }],
  ['fetchUsageHistory', { featureId: 'feature-seats', startDate: new Date(0) }],
  ['getUsageHistoryV2', { featureId: 'feature-seats', startDate: new Date(0) }],
  ['getEntitlements', undefined],
  ['waitForCheckoutCompleted', {}],
  ['refresh', undefined],
] as const;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.parse('2026-11-25T08:00:00.000Z'));
});
afterEach(() => vi.useRealTimers());

describe('offline: true', () => {
  it('answers every async call as the official offline mode does, without starting the engine', async () => {
    const official = officialOffline();
    const { client, engineStarts } = gatehouseOffline();
    await Promise.all([official.waitForInitialization(), client.waitForInitialization()]);
    for (const [method, args] of CALLS) {
      const call = (target: object) => (target as Record<string, (a: unknown) => Promise<unknown>>)[method]!(args);
      const [mine, theirs] = await Promise.all([call(client), call(official)]);
      expect(asJson(mine), method).toEqual(asJson(theirs));
    }
    const customer = await client.getCustomer();
    expect(customer.getActiveSubscriptions()).toEqual([]);
    expect(customer.createdAt).toEqual(new Date('2026-11-25T08:00:00.000Z'));
    expect(engineStarts).not.toHaveBeenCalled();
  });

  it('serves the fallbacks, ignores customer and resource changes, and reports the watermark as the official does', async () => {
    const official = officialOffline();
    const { client, engineStarts } = gatehouseOffline();
    await client.setCustomerId('customer-demo-02');
    await client.setResource('resource-1');
    client.clearResource();
    client.clearCustomer();
    expect(client.getMeteredEntitlement({ featureId: 'feature-seats' })).toMatchObject({ isFallback: true, hasAccess: true, usageLimit: 5 });
    expect(client.getBooleanEntitlement({ featureId: 'feature-export' })).toMatchObject({ isFallback: true, hasAccess: false });
    expect(asJson(await client.getEntitlements('resource-1'))).toEqual(asJson(await official.getEntitlements('resource-1')));
    expect([client.isCustomerLoaded, client.isResourceLoaded, client.isWidgetWatermarkEnabled]).toEqual([
      official.isCustomerLoaded,
      official.isResourceLoaded,
      official.isWidgetWatermarkEnabled,
    ]);
    expect(engineStarts).not.toHaveBeenCalled();
  });

  it('refuses to record usage, with a clear message', async () => {
    const { client } = gatehouseOffline();
    await expect(client.recordUsage({ featureId: 'feature-seats', value: 1 })).rejects.toThrow(
      'Failed to record usage. Error: the client was initialized with offline: true',
    );
  });
});
