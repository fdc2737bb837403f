// Catalog and state records mapped to the objects the GraphQL types resolve. Nested objects
// that could recurse (customer ⇄ subscription) are thunks; graphql-js calls them lazily.
import type { CatalogAddon, CatalogEntitlement, CatalogFeature, CatalogPlan, CatalogPrice, CustomerRecord, SubscriptionRecord } from '../catalog';
import type { ComputedEntitlement } from '../domain/entitlements';
import { activeSubscriptions } from '../domain/entitlements';
import type { Lookup } from '../domain/lookup';
import { billingPeriodOf, pricesFor, recurringCharge, totals, type Money } from '../domain/pricing';
import type { Store } from '../state';

export interface Ctx {
  store: Store;
  lookup: Lookup;
}

export function featureObj(f: CatalogFeature) {
  return {
    refId: f.id,
    featureType: f.featureType,
    meterType: f.meterType,
    featureUnits: f.units ?? null,
    featureUnitsPlural: f.unitsPlural ?? null,
    displayName: f.displayName,
    description: f.description ?? null,
    additionalMetaData: f.metadata ?? null,
  };
}

function packageEntitlementObj({ lookup }: Ctx, e: CatalogEntitlement) {
  return {
    featureId: e.featureId,
    usageLimit: e.usageLimit ?? null,
    hasUnlimitedUsage: !!e.hasUnlimitedUsage,
    hasSoftLimit: !!e.hasSoftLimit,
    resetPeriod: e.resetPeriod ?? null,
    hiddenFromWidgets: e.hiddenFromWidgets ?? [],
    isCustom: false,
    displayNameOverride: e.displayNameOverride ?? null,
    feature: featureObj(lookup.feature(e.featureId)),
  };
}

function priceObj({ lookup }: Ctx, p: CatalogPrice) {
  return {
    billingModel: p.billingModel,
    billingPeriod: p.billingPeriod,
    billingCadence: 'RECURRING',
    billingCountryCode: p.billingCountryCode ?? null,
    price: { amount: p.amount, currency: p.currency },
    feature: p.featureId ? featureObj(lookup.feature(p.featureId)) : null,
  };
}

function countryPrices(prices: CatalogPrice[], country?: string | null): CatalogPrice[] {
  return (['MONTHLY', 'ANNUALLY'] as const).flatMap((period) => pricesFor(prices, period, country));
}

export function addonObj(ctx: Ctx, a: CatalogAddon, country?: string | null) {
  return {
    id: a.id,
    refId: a.id,
    displayName: a.displayName,
    description: a.description ?? null,
    additionalMetaData: a.metadata ?? null,
    entitlements: a.entitlements.map((e) => packageEntitlementObj(ctx, e)),
    prices: countryPrices(a.prices, country).map((p) => priceObj(ctx, p)),
    overagePrices: [],
    pricingType: a.pricingType,
    dependencies: [],
  };
}

export function productObj(ctx: Ctx, productId: string) {
  const p = ctx.lookup.catalog.products.find((x) => x.id === productId);
  return {
    refId: productId,
    displayName: p?.displayName ?? productId,
    description: p?.description ?? null,
    additionalMetaData: p?.metadata ?? null,
    productSettings: { downgradePlan: null },
  };
}

export function planObj(ctx: Ctx, plan: CatalogPlan, country?: string | null): Record<string, unknown> {
  const chain = ctx.lookup.planChain(plan.id);
  const own = new Set(plan.entitlements.map((e) => e.featureId));
  const inherited = new Map<string, CatalogEntitlement>();
  for (const p of chain.slice(0, -1)) for (const e of p.entitlements) if (!own.has(e.featureId)) inherited.set(e.featureId, e);
  return {
    id: plan.id,
    refId: plan.id,
    displayName: plan.displayName,
    description: plan.description ?? null,
    versionNumber: 1,
    additionalMetaData: plan.metadata ?? null,
    hiddenFromWidgets: plan.hidden ? ['PAYWALL'] : [],
    product: productObj(ctx, plan.productId),
    basePlan: () => (plan.basePlanId ? planObj(ctx, ctx.lookup.plan(plan.basePlanId), country) : null),
    entitlements: plan.entitlements.map((e) => packageEntitlementObj(ctx, e)),
    inheritedEntitlements: [...inherited.values()].map((e) => packageEntitlementObj(ctx, e)),
    compatibleAddons: (plan.compatibleAddonIds ?? []).map((id) => addonObj(ctx, ctx.lookup.addon(id), country)),
    compatiblePackageGroups: [],
    prices: countryPrices(plan.prices, country).map((p) => priceObj(ctx, p)),
    overagePrices: [],
    pricingType: plan.pricingType,
    defaultTrialConfig: null,
  };
}

export function entitlementObj(ctx: Ctx, e: ComputedEntitlement) {
  const hasPeriod = e.period !== null;
  return {
    isGranted: e.isGranted,
    accessDeniedReason: e.accessDeniedReason,
    customerId: e.customerId,
    resourceId: e.resourceId,
    usageLimit: e.usageLimit,
    hasUnlimitedUsage: e.hasUnlimitedUsage,
    hasSoftLimit: e.hasSoftLimit,
    currentUsage: e.currentUsage,
    requestedUsage: e.requestedUsage,
    entitlementUpdatedAt: e.entitlementUpdatedAt,
    usageUpdatedAt: e.usageUpdatedAt,
    usagePeriodAnchor: hasPeriod ? e.anchor : null,
    usagePeriodStart: e.period?.start ?? null,
    usagePeriodEnd: e.period?.end ?? null,
    nextResetDate: e.period?.end ?? null,
    resetPeriod: hasPeriod ? e.resetPeriod : null,
    resetPeriodConfiguration: hasPeriod ? e.resetPeriodConfiguration : null,
    feature: featureObj(ctx.lookup.feature(e.featureId)),
    hiddenFromWidgets: [],
    displayNameOverride: null,
  };
}

export function subscriptionCharge(ctx: Ctx, s: SubscriptionRecord) {
  const charge = recurringCharge(ctx.lookup, s);
  return totals(charge, s.couponId ? ctx.lookup.coupon(s.couponId) : null, null);
}

export function subscriptionObj(ctx: Ctx, s: SubscriptionRecord): Record<string, unknown> {
  const plan = ctx.lookup.plan(s.planId);
  const start = Date.parse(s.startDate);
  const t = subscriptionCharge(ctx, s);
  const planPrices = pricesFor(plan.prices, s.billingPeriod);
  return {
    id: s.id,
    subscriptionId: s.id,
    refId: s.id,
    startDate: start,
    status: s.status,
    currentBillingPeriodEnd: billingPeriodOf(s.billingPeriod, start, ctx.store.now()).end,
    additionalMetaData: s.metadata ?? null,
    paymentCollection: 'NOT_REQUIRED',
    resource: s.resourceId ? { resourceId: s.resourceId } : null,
    prices: planPrices.map((p) => ({
      usageLimit: p.featureId ? (s.billableFeatures?.find((b) => b.featureId === p.featureId)?.quantity ?? null) : null,
      price: priceObj(ctx, p),
    })),
    totalPrice: { subTotal: t.subTotal, total: t.total, addonsTotal: null },
    pricingType: plan.pricingType,
    plan: () => planObj(ctx, plan),
    addons: (s.addons ?? []).map((a) => ({ id: `${s.id}-${a.addonId}`, quantity: a.quantity, addon: addonObj(ctx, ctx.lookup.addon(a.addonId)) })),
    scheduledUpdates: [],
    futureUpdates: [],
    latestInvoice: invoiceObj(s, t.total),
    customer: () => customerObj(ctx, ctx.store.data.customers.find((c) => c.id === s.customerId)!),
  };
}

/**
 * The subscription's latest invoice, paid. Its payment and PDF URLs are under a reserved
 * host (billing.emulator.invalid), so tests can search storage for them: they must never be stored.
 */
function invoiceObj(s: SubscriptionRecord, { amount: total, currency }: Money): Record<string, unknown> {
  const link = `https://billing.emulator.invalid/invoices/${encodeURIComponent(s.id)}`;
  return {
    billingId: `in_${s.id}`,
    status: 'PAID',
    createdAt: Date.parse(s.startDate),
    updatedAt: Date.parse(s.startDate),
    errorMessage: null,
    requiresAction: false,
    paymentSecret: null,
    paymentUrl: `${link}/pay`,
    pdfUrl: `${link}/pdf`,
    billingReason: 'BILLING_CYCLE',
    currency,
    subTotal: total,
    subTotalExcludingTax: total,
    total,
    totalExcludingTax: total,
    tax: 0,
    amountDue: 0,
  };
}

export function customerObj(ctx: Ctx, c: CustomerRecord): Record<string, unknown> {
  const now = ctx.store.now();
  const subs = activeSubscriptions(ctx.store.data, c.id, ctx.store.data.subscriptions.flatMap((s) => (s.resourceId ? [s.resourceId] : [])));
  return {
    id: c.id,
    refId: c.id,
    customerId: c.id,
    name: c.name ?? null,
    email: c.email ?? null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    additionalMetaData: c.metadata ?? null,
    hasPaymentMethod: !!c.paymentMethod,
    hasActiveSubscription: subs.length > 0,
    defaultPaymentMethodLast4Digits: c.paymentMethod?.last4 ?? null,
    defaultPaymentExpirationMonth: c.paymentMethod?.expirationMonth ?? null,
    defaultPaymentExpirationYear: c.paymentMethod?.expirationYear ?? null,
    trialedPlans: [],
    eligibleForTrial: [],
    promotionalEntitlements: (c.promotionalEntitlements ?? []).map((p) => ({
      status: p.endDate && Date.parse(p.endDate) <= now ? 'Expired' : 'Active',
      usageLimit: p.usageLimit ?? null,
      featureId: p.featureId,
      hasUnlimitedUsage: !!p.hasUnlimitedUsage,
      hasSoftLimit: !!p.hasSoftLimit,
      resetPeriod: p.resetPeriod ?? null,
      endDate: p.endDate ?? null,
      isVisible: true,
      feature: featureObj(ctx.lookup.feature(p.featureId)),
    })),
    subscriptions: () => subs.map((s) => subscriptionObj(ctx, s)),
  };
}
