// Semantics at the GraphQL level, through the official SDK's own operation documents.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './index';
import { CLIENT_KEY, control, gql, reportUsage, sdkOp, SERVER_KEY } from './testing/client';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
beforeEach(() => control(emu.url, 'POST', 'reset'));

const DAY = 86_400_000;
async function entitlements(customerId: string, resourceId?: string) {
  const r = await sdkOp(emu.url, 'GetEntitlements', { query: { customerId, resourceId } });
  expect(r.errors).toBeUndefined();
  return new Map<string, any>(r.data.entitlements.map((e: any) => [e.feature.refId, e]));
}

describe('entitlements', () => {
  it('merges the plan, its inherited plan and addons', async () => {
    const e = await entitlements('customer-demo-01');
    expect(e.get('feature-demo-01')).toMatchObject({ usageLimit: 100, isGranted: true });
    expect(e.get('feature-demo-02')).toMatchObject({ isGranted: true });
    expect(e.get('feature-demo-03')).toMatchObject({ usageLimit: 2, resetPeriod: 'MONTH', resetPeriodConfiguration: { __typename: 'MonthlyResetPeriodConfig', monthlyAccordingTo: 'SubscriptionStart' } });
    expect(e.get('feature-demo-05')!.usageLimit).toBe(30); // addon: 10 per unit × 3
    expect(e.has('feature-demo-04')).toBe(false);
  });

  it('scopes by resource: the resource subscription plus customer-wide ones', async () => {
    const e = await entitlements('customer-demo-01', 'resource-01');
    expect(e.get('feature-demo-04')).toMatchObject({ usageLimit: 3, resourceId: 'resource-01' }); // billable quantity
    expect(e.get('feature-demo-03')!.usageLimit).toBe(50); // Team beats Pro
    const list = await sdkOp(emu.url, 'GetActiveSubscriptionsList', { input: { customerId: 'customer-demo-01', resourceIds: ['resource-01', 'resource-02'] } });
    expect(list.data.getActiveSubscriptions.map((s: any) => s.plan.planId)).toEqual(['plan-stigg-team']);
  });

  it('applies promotional entitlements', async () => {
    const e = await entitlements('customer-demo-02');
    expect(e.get('feature-demo-03')!.usageLimit).toBe(5);
  });

  it('counts usage in the current period and resets it across the clock offset', async () => {
    const r1 = await reportUsage(emu.url, { customerId: 'customer-demo-01', featureId: 'feature-demo-03', value: 2 });
    expect(r1.data.reportUsage.currentUsage).toBe(2);
    let f3 = (await entitlements('customer-demo-01')).get('feature-demo-03');
    expect(f3).toMatchObject({ currentUsage: 2, isGranted: false, accessDeniedReason: 'RequestedUsageExceedingLimit' });
    expect(Date.parse(f3.usageUpdatedAt)).toBeGreaterThan(Date.now() - 60_000);
    const end = Date.parse(f3.usagePeriodEnd);
    expect(new Date(Date.parse(f3.usagePeriodStart)).getUTCDate()).toBe(20); // anchored on the subscription start
    await control(emu.url, 'PUT', 'clock', { offsetMs: end - Date.now() + DAY });
    f3 = (await entitlements('customer-demo-01')).get('feature-demo-03');
    expect(f3).toMatchObject({ currentUsage: 0, isGranted: true });
    expect(Date.parse(f3.usagePeriodStart)).toBe(end);
    const r2 = await reportUsage(emu.url, { customerId: 'customer-demo-01', featureId: 'feature-demo-03', value: 1 });
    expect(r2.data.reportUsage.currentUsage).toBe(1);
    const r3 = await reportUsage(emu.url, { customerId: 'customer-demo-01', featureId: 'feature-demo-03', value: 7, updateBehavior: 'SET' });
    expect(r3.data.reportUsage.currentUsage).toBe(7);
  });

  it('denies with BudgetExceeded once usage-based spend reaches the budget', async () => {
    expect((await entitlements('customer-demo-03')).get('feature-demo-03')!.isGranted).toBe(true);
    await reportUsage(emu.url, { customerId: 'customer-demo-03', featureId: 'feature-demo-03', value: 2 });
    const e = await entitlements('customer-demo-03');
    expect(e.get('feature-demo-03')).toMatchObject({ isGranted: false, accessDeniedReason: 'BudgetExceeded', hasUnlimitedUsage: true });
  });

  it('answers an unknown customer with a CustomerNotFound error', async () => {
    const r = await sdkOp(emu.url, 'GetEntitlements', { query: { customerId: 'nobody' } });
    expect(r.errors![0]).toMatchObject({ message: 'Customer not found: nobody', extensions: { code: 'CustomerNotFound' } });
    const edge = await fetch(`${emu.url}/v1/c/nobody/entitlements.json`, { headers: { 'X-API-KEY': CLIENT_KEY } });
    expect(edge.status).toBe(404);
  });
});

describe('pricing', () => {
  it('estimates flat + per-unit + addon prices with a fixed discount and tax', async () => {
    const r = await sdkOp(emu.url, 'EstimateSubscription', {
      input: { customerId: 'customer-demo-02', planId: 'plan-stigg-team', billingPeriod: 'ANNUALLY', billableFeatures: [{ featureId: 'feature-demo-04', quantity: 3 }], addons: [{ addonId: 'addon-stigg-storage', quantity: 2 }], promotionCode: 'FIVEOFF', billingInformation: { taxPercentage: 10 } },
    });
    const e = r.data.estimateSubscription;
    expect(e.subTotal.amount).toBe(390); // 200 + 3 × 50 + 2 × 20
    expect(e.discount).toMatchObject({ type: 'FIXED', value: 5 });
    expect(e.totalExcludingTax.amount).toBe(385);
    expect(e.tax.amount).toBe(38.5);
    expect(e.total.amount).toBe(423.5);
    expect(Date.parse(e.billingPeriodRange.end) - Date.parse(e.billingPeriodRange.start)).toBeGreaterThanOrEqual(365 * DAY);
  });

  it('prorates an update by the elapsed part of the billing period', async () => {
    const r = await sdkOp(emu.url, 'EstimateSubscriptionUpdate', { input: { subscriptionId: 'subscription-plan-stigg-team-resource-01', billableFeatures: [{ featureId: 'feature-demo-04', quantity: 5 }] } });
    const e = r.data.estimateSubscriptionUpdate;
    const start = Date.parse(e.billingPeriodRange.start);
    const end = Date.parse(e.billingPeriodRange.end);
    const fraction = (end - Date.parse(e.proration.prorationDate)) / (end - start);
    expect(e.proration.credit.amount).toBeCloseTo(-35 * fraction, 1); // old: 20 + 3 × 5
    expect(e.proration.debit.amount).toBeCloseTo(45 * fraction, 1); // new: 20 + 5 × 5
    expect(e.proration.netAmount.amount).toBeCloseTo(10 * fraction, 1);
    expect(e.subscription.subTotal.amount).toBe(45);
  });

  it('rejects a per-unit plan without quantities and an unknown promotion code', async () => {
    const a = await sdkOp(emu.url, 'EstimateSubscription', { input: { customerId: 'customer-demo-01', planId: 'plan-stigg-team' } });
    expect(a.errors![0]!.message).toMatch(/billableFeatures/);
    const b = await sdkOp(emu.url, 'EstimateSubscription', { input: { customerId: 'customer-demo-01', planId: 'plan-stigg-pro', promotionCode: 'NOPE' } });
    expect(b.errors![0]!.extensions!.code).toBe('PromotionCodeNotFound');
  });

  it('applies a subscription, replacing the one on the same product', async () => {
    const r = await sdkOp(emu.url, 'ApplySubscription', { input: { customerId: 'customer-demo-02', planId: 'plan-stigg-pro', billingPeriod: 'MONTHLY' } });
    expect(r.data.applySubscription.subscription.plan.refId).toBe('plan-stigg-pro');
    const subs = await sdkOp(emu.url, 'GetActiveSubscriptions', { input: { customerId: 'customer-demo-02' } });
    expect(subs.data.getActiveSubscriptions.map((s: any) => s.plan.refId)).toEqual(['plan-stigg-pro']);
    expect((await entitlements('customer-demo-02')).get('feature-demo-03')!.usageLimit).toBe(5); // promo 5 beats Pro's 2
  });
});

describe('auth and malformed requests', () => {
  it('refuses unknown keys and server-only calls with the client key', async () => {
    const bad = await gql(emu.url, '{ sdkConfiguration { sentryDsn } }', {}, 'nope');
    expect(bad.status).toBe(401);
    expect(bad.errors![0]!.message).toMatch(/unknown API key/);
    const client = await reportUsage(emu.url, { customerId: 'customer-demo-01', featureId: 'feature-demo-03', value: 1 }, CLIENT_KEY);
    expect(client.errors![0]!.message).toMatch(/server API key/);
    const server = await sdkOp(emu.url, 'GetSdkConfiguration', {}, SERVER_KEY);
    expect(server.data.sdkConfiguration.isWidgetWatermarkEnabled).toBe(false);
  });

  it('answers bad JSON, unknown fields and wrong variable types with errors, then keeps serving', async () => {
    const res = await fetch(`${emu.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-API-KEY': CLIENT_KEY }, body: '{"query": ' });
    expect(res.status).toBe(400);
    const unknown = await gql(emu.url, '{ noSuchField }');
    expect(unknown.errors![0]!.message).toMatch(/noSuchField/);
    const wrong = await sdkOp(emu.url, 'GetEntitlements', { query: { customerId: 42 } });
    expect(wrong.errors![0]!.message).toMatch(/customerId/);
    expect((await entitlements('customer-demo-01')).size).toBeGreaterThan(0);
  });

  it('counts each operation of a batched array', async () => {
    await control(emu.url, 'DELETE', 'requests');
    const body = [1, 2].map(() => ({ operationName: 'GetSdkConfiguration', query: 'query GetSdkConfiguration { sdkConfiguration { sentryDsn } }', variables: {} }));
    const res = await fetch(`${emu.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-API-KEY': CLIENT_KEY }, body: JSON.stringify(body) });
    expect(((await res.json()) as unknown[]).length).toBe(2);
    expect(await control(emu.url, 'GET', 'requests')).toEqual({ total: 2, counts: { GetSdkConfiguration: 2 } });
  });
});

describe('every SDK read operation', () => {
  const since = new Date(Date.now() - 40 * DAY).toISOString();
  const calls: [string, Record<string, unknown>][] = [
    ['GetSdkConfiguration', {}],
    ['GetPaywall', { input: { customerId: 'customer-demo-01', resourceId: 'resource-01' } }],
    ['GetMockPaywall', { input: {} }],
    ['GetCustomerById', { input: { customerId: 'customer-demo-01' } }],
    ['GetSubscription', { input: { subscriptionId: 'subscription-plan-stigg-pro-28a241' } }],
    ['GetCoupons', {}],
    ['GetCustomerPortalByRefId', { input: { customerId: 'customer-demo-01', resourceId: 'resource-01' } }],
    ['GetCheckoutState', { input: { customerId: 'customer-demo-01', planId: 'plan-stigg-team' } }],
    ['PreviewSubscription', { input: { customerId: 'customer-demo-01', planId: 'plan-stigg-pro', addons: [{ addonId: 'addon-stigg-storage', quantity: 1 }] } }],
    ['GetUsageHistory', { usageHistoryInput: { customerRefId: 'customer-demo-01', featureRefId: 'feature-demo-03', startDate: since } }],
    ['GetUsageHistoryV2', { input: { customerId: 'customer-demo-01', featureId: 'feature-demo-03', startDate: since } }],
    ['ReportEntitlementCheckRequested', { entitlementCheckRequested: { customerId: 'customer-demo-01', featureId: 'feature-demo-02', entitlementCheckResult: { hasAccess: true } } }],
  ];
  it.each(calls)('%s answers data without errors', async (name, variables) => {
    const r = await sdkOp(emu.url, name, variables);
    expect(r.errors).toBeUndefined();
    expect(Object.values(r.data)[0]).not.toBeNull();
  });
});
