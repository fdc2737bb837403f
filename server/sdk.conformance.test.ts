// The official SDK, unmodified, pointed at the emulator: every call of the usage guide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stigg from '@stigg/js-client-sdk';
import { startEmulator, type RunningEmulator } from './index';
import { CLIENT_KEY, control } from './testing/client';

let emu: RunningEmulator;
let stigg: ReturnType<typeof Stigg.initialize>;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  stigg = Stigg.initialize({ apiKey: CLIENT_KEY, baseUri: emu.url, baseEdgeUri: emu.url, customerId: 'customer-demo-01' });
  await stigg.waitForInitialization();
});
afterAll(async () => {
  await emu.close();
});

describe('official SDK against the emulator', () => {
  it('loads the guide entitlements', async () => {
    const list = await stigg.getEntitlements();
    const byId = new Map(list.map((e) => [e.feature?.id, e]));
    expect(byId.get('feature-demo-01')).toMatchObject({ isFallback: false, hasAccess: true, isUnlimited: false, value: 100 });
    expect(byId.get('feature-demo-02')).toMatchObject({ isFallback: false, hasAccess: true });
    expect(stigg.getNumericEntitlement({ featureId: 'feature-demo-01' })).toMatchObject({
      isFallback: false,
      hasAccess: true,
      value: 100,
      feature: { id: 'feature-demo-01', featureType: 'NUMBER', meterType: 'None', units: 'request', unitsPlural: 'requests', displayName: 'Feature #1', isMetered: false },
    });
    expect(stigg.getBooleanEntitlement({ featureId: 'feature-demo-02' })).toMatchObject({
      isFallback: false,
      hasAccess: true,
      feature: { id: 'feature-demo-02', featureType: 'BOOLEAN', displayName: 'Feature #2' },
    });
    const metered = stigg.getMeteredEntitlement({ featureId: 'feature-demo-03' });
    expect(metered).toMatchObject({ isFallback: false, hasAccess: true, usageLimit: 2, currentUsage: 0, resetPeriod: 'MONTH', feature: { isMetered: true, meterType: 'Incremental' } });
    expect(metered.usagePeriodEnd!.getTime() - metered.usagePeriodStart!.getTime()).toBeGreaterThanOrEqual(28 * 86_400_000);
    expect(stigg.getMeteredEntitlement({ featureId: 'feature-demo-03', options: { requestedUsage: 10 } })).toMatchObject({
      hasAccess: false,
      accessDeniedReason: 'RequestedUsageExceedingLimit',
    });
    expect(stigg.getBooleanEntitlement({ featureId: 'no-such-feature' })).toMatchObject({ hasAccess: false, isFallback: false, accessDeniedReason: 'NoFeatureEntitlementInSubscription' });
  });

  it('reads the edge, not GraphQL, for entitlements', async () => {
    const { counts } = await control(emu.url, 'GET', 'requests');
    expect(counts['GET /v1/c/customer-demo-01/entitlements.json']).toBeGreaterThanOrEqual(1);
    expect(counts['GET /v1/config/client-sdk-configuration.json']).toBe(1);
  });

  it('gets the paywall', async () => {
    const paywall = await stigg.getPaywall();
    expect(paywall.plans.map((p) => p.id)).toEqual(['plan-stigg-starter', 'plan-stigg-pro', 'plan-stigg-team']);
    const [starter, pro] = paywall.plans;
    expect(starter).toMatchObject({ displayName: 'Starter', description: 'For getting started', pricingType: 'FREE', product: { id: 'product-stigg', displayName: 'Stigg' } });
    expect(starter!.entitlements[0]).toMatchObject({ usageLimit: 100, displayNameOverride: 'Awesome feature #1', feature: { id: 'feature-demo-01', metadata: { key: 'value' } } });
    expect(pro!.pricePoints.map((p) => [p.billingPeriod, p.amount, p.currency])).toEqual([
      ['MONTHLY', 12, 'USD'],
      ['ANNUALLY', 120, 'USD'],
    ]);
    expect(pro!.inheritedEntitlements.map((e) => e.feature?.id)).toEqual(['feature-demo-01', 'feature-demo-02']);
    expect(pro!.basePlan).toEqual({ id: 'plan-stigg-starter', displayName: 'Starter' });
    const de = await stigg.getPaywall({ billingCountryCode: 'DE', includeHiddenPlans: true });
    expect(de.plans.map((p) => p.id)).toContain('plan-stigg-payg');
    expect(de.plans[1]!.pricePoints[0]).toMatchObject({ amount: 11, currency: 'EUR' });
  });

  it('gets the customer, portal, subscriptions and coupons', async () => {
    const customer = await stigg.getCustomer();
    expect(customer).toMatchObject({ id: 'customer-demo-01', name: 'First customer', metadata: { example: 'test' } });
    const portal = await stigg.getCustomerPortal();
    expect(portal.subscriptions.map((s) => s.planName)).toEqual(['Pro']);
    expect(portal.entitlements.length).toBeGreaterThanOrEqual(3);
    const list = await stigg.getActiveSubscriptionsList();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ subscriptionId: 'subscription-plan-stigg-pro-28a241', status: 'ACTIVE', plan: { planId: 'plan-stigg-pro', displayName: 'Pro' }, addons: [{ quantity: 3, addon: { addonId: 'addon-stigg-storage' } }] });
    const scoped = await stigg.getActiveSubscriptionsList({ resourceId: 'resource-01' });
    expect(scoped.map((s) => s.subscriptionId)).toEqual(['subscription-plan-stigg-team-resource-01']);
    const full = await stigg.getActiveSubscriptions();
    expect(full[0]).toMatchObject({ id: 'subscription-plan-stigg-pro-28a241', plan: { id: 'plan-stigg-pro' }, price: { amount: 18, billingPeriod: 'MONTHLY' } });
    const sub = await stigg.getSubscription({ subscriptionId: 'subscription-plan-stigg-pro-28a241' });
    expect(sub).toMatchObject({ id: 'subscription-plan-stigg-pro-28a241', status: 'ACTIVE', pricingType: 'PAID', metadata: { lorem: 'ipsum' } });
    expect(sub.plan.inheritedEntitlements.map((e) => e.feature?.id)).toEqual(['feature-demo-01', 'feature-demo-02']);
    const coupons = await stigg.getCoupons();
    expect(coupons.find((c) => c.id === 'coupon-stigg-50')).toMatchObject({ percentOff: 50, discountValue: 50 });
    expect(coupons.map((c) => c.id)).not.toContain('coupon-expired');
  });

  it('estimates a new subscription and an update', async () => {
    const estimate = await stigg.estimateSubscription({
      customerId: 'customer-demo-01',
      planId: 'plan-stigg-team',
      billingPeriod: 'MONTHLY' as never,
      billableFeatures: [{ featureId: 'feature-demo-04', quantity: 2 }],
      addons: [{ addonId: 'addon-stigg-storage', quantity: 1 }],
      promotionCode: 'STIGG50',
      billingInformation: { taxPercentage: 17 },
    });
    // 20 flat + 2 seats × 5 + 1 addon × 2 = 32; 50% off = 16; 17% tax = 2.72
    expect(estimate.subTotal).toEqual({ amount: 32, currency: 'USD' });
    expect(estimate.totalExcludingTax.amount).toBe(16);
    expect(estimate.tax?.amount).toBe(2.72);
    expect(estimate.total.amount).toBe(18.72);
    expect(estimate.discount).toMatchObject({ type: 'PERCENTAGE', value: 50, durationType: 'REPEATING', durationInMonths: 3 });
    const update = await stigg.estimateSubscriptionUpdate({
      subscriptionId: 'subscription-plan-stigg-pro-28a241',
      addons: [{ addonId: 'addon-stigg-storage', quantity: 5 }],
    });
    expect(update.proration!.debit.amount).toBeGreaterThanOrEqual(0);
    expect(update.proration!.netAmount.amount).toBeCloseTo(update.proration!.debit.amount + update.proration!.credit.amount, 2);
    expect(update.subscription!.subTotal.amount).toBe(22);
    const preview = await stigg.previewSubscription({ customerId: 'customer-demo-02', planId: 'plan-stigg-pro', billingPeriod: 'ANNUALLY' as never });
    expect(preview.recurringInvoice!.total.amount).toBe(120);
  });

  it('reads checkout state, applies a subscription and waits for a checkout', async () => {
    const state = await stigg.getCheckoutState({ planId: 'plan-stigg-team' });
    expect(state.plan.id).toBe('plan-stigg-team');
    expect(state.activeSubscription?.id).toBe('subscription-plan-stigg-pro-28a241');

    const checkout = await control(emu.url, 'POST', 'checkouts', { customerId: 'customer-demo-01', planId: 'plan-stigg-team', billableFeatures: [{ featureId: 'feature-demo-04', quantity: 4 }], delayMs: 300 });
    const g = globalThis as { window?: unknown };
    g.window = { location: { href: `http://app.test/success${checkout.successUrlQuery}`, search: checkout.successUrlQuery } };
    try {
      const started = Date.now();
      await stigg.waitForCheckoutCompleted({ timeoutMs: 5000 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    } finally {
      delete g.window;
    }
    expect(stigg.getNumericEntitlement({ featureId: 'feature-demo-04' })).toMatchObject({ hasAccess: true, value: 4 });

    const applied = await stigg.applySubscription({ planId: 'plan-stigg-pro', billingPeriod: 'MONTHLY' as never });
    expect(applied.subscription?.plan.id).toBe('plan-stigg-pro');
    await stigg.refresh();
    expect(stigg.getNumericEntitlement({ featureId: 'feature-demo-04' }).hasAccess).toBe(false);
  });

  it('reports tracked checks, then clears and switches customers', async () => {
    stigg.getBooleanEntitlement({ featureId: 'feature-demo-02', options: { shouldTrack: true } } as never);
    await expect.poll(async () => (await control(emu.url, 'GET', 'entitlement-checks')).checks.length, { timeout: 3000 }).toBeGreaterThan(0);
    await stigg.setCustomerId('customer-demo-02');
    expect(stigg.getNumericEntitlement({ featureId: 'feature-demo-01' }).value).toBe(100);
    expect(stigg.getMeteredEntitlement({ featureId: 'feature-demo-03' })).toMatchObject({ hasAccess: true, usageLimit: 5 });
    await stigg.setResource('resource-01');
    stigg.clearResource();
    stigg.clearCustomer();
    expect(stigg.getBooleanEntitlement({ featureId: 'feature-demo-02' }).isFallback).toBe(true);
  });
});
