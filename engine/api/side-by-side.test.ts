// The official SDK and createStiggApi against the same emulator: every async call must
// give the same result. `__typename` is ignored: Apollo adds it to the official's results,
// Gatehouse leaves it out by design.
import Stigg, { LogLevel } from '@stigg/js-client-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../server/index';
import type { StiggApi } from '../../core/stigg-calls/calls';
import type { ApiContext } from '../../core/stigg-calls/operation';
import { createStiggApi } from './testing/stigg-api';
import { createMemoryStorage } from './testing/memoryStorage';
import { cuttableNetwork, persistAsInProduction } from './testing/offline';

const CUSTOMER = 'customer-demo-01';

let emu: RunningEmulator;
let official: ReturnType<typeof Stigg.initialize>;
let api: StiggApi;
const ctx: ApiContext = { customerId: CUSTOMER };

/** JSON-equal data without `__typename` (Dates become ISO strings on both sides). */
const comparable = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value ?? null, (key, field: unknown) => (key === '__typename' ? undefined : field)));

const ISO_TIME = /^\d{4}-\d\d-\d\dT[\d:.]+Z$/;

/** `mine` with times that are within 5 s of the reference's replaced by them: the emulator stamps some answers with "now". */
function alignTimes(mine: unknown, reference: unknown): unknown {
  if (typeof mine === 'string' && typeof reference === 'string' && ISO_TIME.test(mine) && ISO_TIME.test(reference)) {
    return Math.abs(Date.parse(mine) - Date.parse(reference)) < 5000 ? reference : mine;
  }
  if (Array.isArray(mine) && Array.isArray(reference)) return mine.map((item, i) => alignTimes(item, reference[i]));
  if (mine && reference && typeof mine === 'object' && typeof reference === 'object') {
    return Object.fromEntries(Object.entries(mine).map(([key, field]) => [key, alignTimes(field, (reference as Record<string, unknown>)[key])]));
  }
  return mine;
}

async function same<T>(ours: Promise<T>, theirs: Promise<unknown>): Promise<T> {
  const [mine, reference] = await Promise.all([ours, theirs]);
  const expected = comparable(reference);
  expect(alignTimes(comparable(mine), expected)).toEqual(expected);
  return mine;
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  official = Stigg.initialize({
    apiKey: 'client-demo-key',
    baseUri: emu.url,
    baseEdgeUri: emu.url,
    customerId: CUSTOMER,
    logConfiguration: { logger: console, logLevel: LogLevel.NONE },
  });
  await official.waitForInitialization();
  api = createStiggApi({ baseUri: emu.url, apiKey: 'client-demo-key' });
});

afterAll(async () => {
  await emu?.close();
});

describe('createStiggApi gives the official SDK results', () => {
  it('getPaywall', async () => {
    const paywall = await same(api.getPaywall(ctx), official.getPaywall());
    expect(paywall.plans.length).toBeGreaterThan(0);
    expect(paywall.customer?.createdAt).toBeInstanceOf(Date);
    await same(api.getPaywall(ctx, { productId: 'product-stigg', includeHiddenPlans: true }), official.getPaywall({ productId: 'product-stigg', includeHiddenPlans: true }));
    await same(api.getPaywall(ctx, { resourceId: 'resource-01' }), official.getPaywall({ resourceId: 'resource-01' }));
  });

  it('getCustomer', async () => {
    const customer = await same(api.getCustomer(ctx), official.getCustomer());
    expect(customer.subscriptions.length).toBeGreaterThan(0);
  });

  it('getCustomerPortal', async () => {
    await same(api.getCustomerPortal(ctx), official.getCustomerPortal());
    await same(api.getCustomerPortal(ctx, { resourceId: 'resource-01' }), official.getCustomerPortal({ resourceId: 'resource-01' }));
  });

  it('getActiveSubscriptionsList, with a resource and with resources', async () => {
    await same(api.getActiveSubscriptionsList(ctx), official.getActiveSubscriptionsList());
    await same(api.getActiveSubscriptionsList(ctx, { resourceId: 'resource-01' }), official.getActiveSubscriptionsList({ resourceId: 'resource-01' }));
    const list = await same(
      api.getActiveSubscriptionsList(ctx, { resourceIds: ['resource-01'] } as never),
      official.getActiveSubscriptionsList({ resourceIds: ['resource-01'] } as never),
    );
    expect(list.length).toBeGreaterThan(0);
    await same(
      api.getActiveSubscriptionsList(ctx, { resourceId: ['resource-01', 'resource-02'] }),
      official.getActiveSubscriptionsList({ resourceId: ['resource-01', 'resource-02'] }),
    );
  });

  it('getActiveSubscriptions and getSubscription', async () => {
    const subscriptions = await same(api.getActiveSubscriptions(ctx), official.getActiveSubscriptions());
    await same(api.getActiveSubscriptions(ctx, { resourceId: 'resource-01' }), official.getActiveSubscriptions({ resourceId: 'resource-01' }));
    const subscriptionId = subscriptions[0]!.id;
    const subscription = await same(api.getSubscription(ctx, { subscriptionId }), official.getSubscription({ subscriptionId }));
    expect(subscription.currentBillingPeriodEnd).toBeInstanceOf(Date);
  });

  it('getCoupons', async () => {
    const coupons = await same(api.getCoupons(ctx), official.getCoupons());
    expect(coupons.length).toBeGreaterThan(0);
  });

  it('getCheckoutState', async () => {
    await same(api.getCheckoutState(ctx, { planId: 'plan-stigg-pro' }), official.getCheckoutState({ planId: 'plan-stigg-pro' }));
  });

  it('estimateSubscription, estimateSubscriptionUpdate, previewSubscription', async () => {
    const estimate = { customerId: CUSTOMER, planId: 'plan-stigg-pro', billingPeriod: 'ANNUALLY' as const, promotionCode: 'STIGG50' };
    await same(api.estimateSubscription(ctx, estimate), official.estimateSubscription(estimate as never));
    const update = { subscriptionId: 'subscription-plan-stigg-pro-28a241', addons: [{ addonId: 'addon-stigg-storage', quantity: 5 }] };
    await same(api.estimateSubscriptionUpdate(ctx, update), official.estimateSubscriptionUpdate(update));
    const preview = { customerId: CUSTOMER, planId: 'plan-stigg-pro', billingPeriod: 'MONTHLY' as const };
    await same(api.previewSubscription(ctx, preview), official.previewSubscription(preview as never));
  });

  it('fetchUsageHistory and getUsageHistoryV2', async () => {
    const startDate = new Date(Date.now() - 7 * 86_400_000);
    const endDate = new Date();
    const args = { customerId: CUSTOMER, featureId: 'feature-demo-03', startDate, endDate };
    await same(api.fetchUsageHistory(ctx, args), official.fetchUsageHistory(args));
    await same(api.getUsageHistoryV2(ctx, args), official.getUsageHistoryV2(args));
  });

  it('fails with the same messages', async () => {
    const errorOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: Error) => e.message);
    const mine = await errorOf(api.getSubscription(ctx, { subscriptionId: 'no-such-subscription' }));
    expect(mine).toMatch(/^Failed to get subscription\. Error: /);
    expect(mine).toBe(await errorOf(official.getSubscription({ subscriptionId: 'no-such-subscription' })));
    expect(await errorOf(api.getCustomer({}))).toBe(
      'Failed to get customer. Error: You must set customer ID first, use setCustomerId function or pass it via the constructor',
    );
  });

  it('applySubscription provisions the plan', async () => {
    const result = await api.applySubscription({ customerId: 'customer-demo-02' }, { planId: 'plan-stigg-pro', billingPeriod: 'MONTHLY' });
    expect(result.subscription?.plan.id).toBe('plan-stigg-pro');
    expect(result.subscription?.status).toMatch(/ACTIVE|IN_TRIAL/);
  });
});

describe('offline', () => {
  persistAsInProduction();

  it('serves the last stored answer when the network fails', async () => {
    const storage = createMemoryStorage();
    const network = cuttableNetwork();
    const first = createStiggApi({ baseUri: emu.url, apiKey: 'client-demo-key', fetch: network.fetch, storage });
    const paywall = await first.getPaywall(ctx);
    const customer = await first.getCustomer(ctx);

    network.cut();
    expect(await first.getPaywall(ctx)).toEqual(paywall);
    expect(await first.getCustomer(ctx)).toEqual(customer);

    // A new client (a restarted service worker) rehydrates from the same storage, where
    // payment URLs were never written: they come back null.
    await storage.flushed();
    expect(JSON.stringify(storage.entries)).not.toContain('billing.emulator.invalid');
    const restarted = createStiggApi({ baseUri: emu.url, apiKey: 'client-demo-key', fetch: network.fetch, storage });
    expect(await restarted.getPaywall(ctx)).toEqual(withNullUrls(paywall));
    expect(customer.subscriptions[0]!.latestInvoice?.paymentUrl).toContain('billing.emulator.invalid');
    expect(await restarted.getCustomer(ctx)).toEqual(withNullUrls(customer));

    // Nothing stored for this customer: the network's failure comes through.
    await expect(restarted.getCustomer({ customerId: 'customer-demo-02' })).rejects.toThrow('Failed to get customer. Error: Failed to fetch');
    // Mutations are never answered from storage.
    await expect(restarted.estimateSubscription(ctx, { customerId: CUSTOMER, planId: 'plan-stigg-pro' })).rejects.toThrow(
      'Failed to estimate subscription. Error: Failed to fetch',
    );
  });
});

/** A copy with every payment URL null, as answers read back from storage carry them. */
function withNullUrls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withNullUrls) as T;
  if (!value || typeof value !== 'object' || value instanceof Date) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) copy[key] = key === 'paymentUrl' || key === 'pdfUrl' ? null : withNullUrls(field);
  return Object.assign(Object.create(Object.getPrototypeOf(value)), copy) as T;
}
