// The official mapper's facts, one by one, on the rich fixtures.
import { describe, expect, it } from 'vitest';
import * as fixtures from '../testing/fixtures';
import { mapPlan } from './catalog';
import { mapCustomerPortal } from './checkout';
import { plain } from './common';
import { mapCustomer } from './customer';
import { withCustomerMethods } from './customer-methods';
import { mapPaywall } from './paywall';
import { mapSubscriptionPreview, mapSubscriptionPreviewV2 } from './preview';
import { mapSubscription } from './subscription';
import type * as Wire from './wire';

const wire = <T>(value: unknown) => value as T;

describe('catalog', () => {
  const plan = mapPlan(wire<Wire.WirePlan>(fixtures.paidPlan), 3);

  it('numbers plans by their position and keeps paid addons only on paid plans', () => {
    expect(plan.order).toBe(3);
    expect(plan.compatibleAddons.map((a) => a.id)).toEqual(['addon-paid']);
    expect(mapPlan(wire<Wire.WirePlan>(fixtures.freePlan)).compatibleAddons).toEqual([]);
    expect(mapPlan(wire<Wire.WirePlan>(fixtures.freePlan)).inheritedEntitlements).toEqual([]);
  });

  it('maps prices, taking the currency from the tiers when there is no flat price', () => {
    const tiered = plan.pricePoints[1]!;
    expect(tiered).toMatchObject({ pricingModel: 'PER_UNIT', amount: null, currency: 'EUR', isTieredPrice: true, blockSize: 5 });
    expect(tiered.feature).toEqual({ featureId: 'feature-seats', displayName: 'Seats', units: 'seat', unitsPlural: 'seats', unitQuantity: undefined });
  });

  it('maps package entitlements with and without a feature', () => {
    expect(plan.entitlements[1]).toEqual({ usageLimit: 10, hasUnlimitedUsage: false, resetPeriod: 'MONTH' });
    expect(plan.inheritedEntitlements[0]).toMatchObject({ usageLimit: 0, hasUnlimitedUsage: true, feature: { isMetered: false, description: '', units: undefined } });
    expect(plan.compatibleAddons[0]!.entitlements[0]!.isCustom).toBe(true);
  });

  it('drops empty package group options', () => {
    expect(plan.compatiblePackageGroups.map((g) => g.options)).toEqual([{ minItems: undefined, freeItems: 2 }, { minItems: undefined, freeItems: undefined }]);
  });
});

describe('subscriptions and customers', () => {
  const subscription = mapSubscription(wire<Wire.WireSubscription>(fixtures.subscription));

  it('converts the dates the official converts, and only those', () => {
    expect(subscription.currentBillingPeriodEnd).toEqual(new Date('2024-04-01T00:00:00.000Z'));
    expect(subscription.endDate).toBeUndefined();
    expect(subscription.startDate).toBe('2024-03-01T00:00:00.000Z');
    expect(subscription.latestInvoice?.updatedAt).toBeUndefined();
  });

  it('skips null prices and derives the deprecated price from the first one', () => {
    expect(subscription.prices).toHaveLength(2);
    expect(subscription.price).toMatchObject({ amount: 22, grossAmount: 24, currency: 'EUR', feature: { unitQuantity: 4 } });
    expect(subscription.billingId).toBeUndefined();
    expect(subscription.experimentInfo).toEqual({});
  });

  it('keeps __typename only on union values', () => {
    expect(subscription.scheduledUpdates?.[1]?.scheduleVariables).toEqual({ __typename: 'BillingPeriodChangeVariables', billingPeriod: 'ANNUALLY' });
    expect(plain({ __typename: 'A', b: [{ __typename: 'B', c: 1 }] })).toEqual({ b: [{ c: 1 }] });
  });

  it('maps customers, with helpers re-attached off the data', () => {
    const data = mapCustomer(wire<Wire.WireCustomer>(fixtures.customer), wire<Wire.WireSubscription[]>(fixtures.customer.subscriptions));
    expect(data).toMatchObject({
      id: 'customer-1',
      email: undefined,
      paymentMethodDetails: { expirationMonth: 4, expirationYear: null, last4Digits: null },
      trialedPlans: [{ productId: 'product-1', planId: 'plan-pro' }],
      eligibleForTrial: [{ productId: 'product-1', eligible: false }],
      experimentInfo: { groupType: 'VARIANT', groupName: 'Variant group', id: 'exp-1', name: 'Freemium?' },
    });
    expect(data.promotionalEntitlements.map((e) => [e.usageLimit, e.hasExpirationDate, e.expiresAt])).toEqual([
      [0, true, '2025-01-01T00:00:00.000Z'],
      [3, false, null],
    ]);
    const customer = withCustomerMethods(data);
    expect(customer.getActiveTrials().map((s) => s.id)).toEqual(['sub-1', 'sub-2']);
    expect(customer.getActiveSubscriptions()).toEqual([]);
    expect(customer.getActivePromotionalEntitlements()).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(customer))).toEqual(JSON.parse(JSON.stringify(data)));
  });
});

describe('paywall and portal', () => {
  it('fills the deprecated customer subscriptions only without a resource', () => {
    const paywall = mapPaywall(wire<Wire.WirePaywall>(fixtures.paywall));
    expect(paywall.customer?.subscriptions).toHaveLength(1);
    expect(paywall.plans.map((p) => p.order)).toEqual([0, 1]);
    const withResource = mapPaywall(wire<Wire.WirePaywall>({ ...fixtures.paywall, resource: { resourceId: 'r' } }));
    expect(withResource.customer?.subscriptions).toEqual([]);
    expect(withResource.resource).toEqual({ id: 'r' });
  });

  it('passes the portal through, with the resource as {id}', () => {
    const portal = mapCustomerPortal(wire<Wire.WireCustomerPortal>(fixtures.customerPortal));
    expect(portal.resource).toEqual({ id: 'resource-1' });
    expect(portal.entitlements[0]!.resetPeriodConfiguration).toEqual({ __typename: 'MonthlyResetPeriodConfig', monthlyAccordingTo: 'SubscriptionStart' });
  });
});

describe('previews', () => {
  it('maps estimates: tax only with details, null range starts stay null', () => {
    const preview = mapSubscriptionPreview(wire<Wire.WireSubscriptionPreview>(fixtures.subscriptionPreview));
    expect(preview.billingPeriodRange).toEqual({ start: null, end: new Date('2024-04-01T00:00:00.000Z') });
    expect(preview.tax).toEqual({ amount: 10, currency: 'USD' });
    expect(preview.subscription?.tax).toBeUndefined();
    expect(preview.discount).toEqual({ name: 'Half', type: 'PERCENTAGE', value: 50, durationType: 'REPEATING' });
    expect(preview.subscription?.discount).toEqual({ name: null, type: 'FIXED', value: 5, durationType: 'ONCE', durationInMonths: 3 });
    expect(preview).toMatchObject({ isPlanDowngrade: false, hasScheduledUpdates: true, credits: undefined });
  });

  it('maps previews: proration flags and missing invoices', () => {
    const preview = mapSubscriptionPreviewV2(wire<Wire.WireSubscriptionPreviewV2>(fixtures.subscriptionPreviewV2));
    expect(preview.immediateInvoice.proration).toMatchObject({ hasProrations: undefined, prorationDate: new Date('2024-03-10T00:00:00.000Z') });
    expect(preview.recurringInvoice).toMatchObject({ discount: { amount: 2, currency: 'USD' } });
    expect(preview.recurringInvoice).not.toHaveProperty('tax');
    expect(preview.hasScheduledUpdates).toBe(false);
  });
});
