// Computes a customer's entitlements from its active subscriptions (plan, inherited
// plans, billable quantities, addons), its promotional entitlements and its usage.
import type { CatalogEntitlement, CustomerRecord, SubscriptionRecord } from '../catalog';
import { periodContaining, type PeriodRule, type UsagePeriod } from '../../core/periods';
import type { AccessDeniedReason, EntitlementResetPeriod, ResetPeriodConfiguration } from '../../core/model';
import { apiError } from '../errors';
import type { Lookup } from './lookup';
import { usageKey, type StateData } from '../state';

/** One feature's grant, before usage is applied. */
export interface Grant {
  featureId: string;
  usageLimit: number | null;
  hasUnlimitedUsage: boolean;
  hasSoftLimit: boolean;
  resetPeriod: EntitlementResetPeriod | null;
  resetPeriodConfiguration: ResetPeriodConfiguration | null;
  /** Epoch ms the usage periods count from. */
  anchor: number;
  subscription: SubscriptionRecord | null;
}

/** The entitlement as the GraphQL `Entitlement` type resolves it (dates as epoch ms). */
export interface ComputedEntitlement extends Grant {
  customerId: string;
  resourceId: string | null;
  isGranted: boolean;
  accessDeniedReason: AccessDeniedReason | null;
  currentUsage: number;
  requestedUsage: number;
  entitlementUpdatedAt: number;
  usageUpdatedAt: number | null;
  period: UsagePeriod | null;
}

export function findCustomer(d: StateData, customerId: string): CustomerRecord {
  const c = d.customers.find((x) => x.id === customerId);
  if (!c) throw apiError('CustomerNotFound', `Customer not found: ${customerId}`);
  return c;
}

/** Active subscriptions: the resource's plus the customer-wide ones; customer-wide only without a resource. */
export function activeSubscriptions(d: StateData, customerId: string, resourceIds?: string[]): SubscriptionRecord[] {
  return d.subscriptions.filter(
    (s) =>
      s.customerId === customerId &&
      (s.status === 'ACTIVE' || s.status === 'IN_TRIAL') &&
      (resourceIds === undefined ? !s.resourceId : !s.resourceId || resourceIds.includes(s.resourceId)),
  );
}

function resetConfig(e: Pick<CatalogEntitlement, 'resetPeriod' | 'monthlyAccordingTo' | 'weeklyAccordingTo'>): ResetPeriodConfiguration | null {
  if (e.resetPeriod === 'MONTH') return { monthlyAccordingTo: e.monthlyAccordingTo ?? 'SubscriptionStart' };
  if (e.resetPeriod === 'WEEK') return { weeklyAccordingTo: e.weeklyAccordingTo ?? 'SubscriptionStart' };
  return null;
}

function grantOf(e: CatalogEntitlement, anchor: number, subscription: SubscriptionRecord | null, multiplier = 1): Grant {
  return {
    featureId: e.featureId,
    usageLimit: e.usageLimit === undefined ? null : e.usageLimit * multiplier,
    hasUnlimitedUsage: !!e.hasUnlimitedUsage,
    hasSoftLimit: !!e.hasSoftLimit,
    resetPeriod: e.resetPeriod ?? null,
    resetPeriodConfiguration: resetConfig(e),
    anchor,
    subscription,
  };
}

/** One subscription's grants: inherited plans overridden by descendants, then billable quantities, then addons added. */
export function subscriptionGrants(lookup: Lookup, sub: SubscriptionRecord): Map<string, Grant> {
  const anchor = Date.parse(sub.startDate);
  const grants = new Map<string, Grant>();
  const chain = lookup.planChain(sub.planId);
  for (const plan of chain) for (const e of plan.entitlements) grants.set(e.featureId, grantOf(e, anchor, sub));
  for (const bf of sub.billableFeatures ?? []) {
    const g = grants.get(bf.featureId);
    if (g && g.usageLimit === null && !g.hasUnlimitedUsage) g.usageLimit = bf.quantity;
  }
  for (const { addonId, quantity } of sub.addons ?? []) {
    for (const e of lookup.addon(addonId).entitlements) {
      const add = grantOf(e, anchor, sub, quantity);
      const g = grants.get(e.featureId);
      if (!g) grants.set(e.featureId, add);
      else {
        g.hasUnlimitedUsage ||= add.hasUnlimitedUsage;
        g.usageLimit = (g.usageLimit ?? 0) + (add.usageLimit ?? 0);
      }
    }
  }
  return grants;
}

/** Of two grants for one feature, the more generous wins. */
function better(a: Grant, b: Grant): Grant {
  if (a.hasUnlimitedUsage !== b.hasUnlimitedUsage) return a.hasUnlimitedUsage ? a : b;
  return (b.usageLimit ?? 0) > (a.usageLimit ?? 0) ? b : a;
}

export function periodRule(g: Pick<Grant, 'resetPeriod' | 'resetPeriodConfiguration' | 'anchor'>): PeriodRule | null {
  return g.resetPeriod ? { resetPeriod: g.resetPeriod, configuration: g.resetPeriodConfiguration, anchor: g.anchor } : null;
}

/** Usage of a feature in the period in force at `now`: a value from an earlier period counts as 0. */
export function currentUsage(d: StateData, key: string, period: UsagePeriod | null): { value: number; updatedAt: number | null } {
  const rec = d.usage[key];
  if (!rec) return { value: 0, updatedAt: null };
  const stale = period !== null && rec.periodStart !== period.start;
  return { value: stale ? 0 : rec.value, updatedAt: rec.updatedAt || null };
}

export function customerGrants(lookup: Lookup, d: StateData, customer: CustomerRecord, resourceId: string | null, now: number): Map<string, Grant> {
  const merged = new Map<string, Grant>();
  const offer = (g: Grant) => {
    const prev = merged.get(g.featureId);
    merged.set(g.featureId, prev ? better(prev, g) : g);
  };
  for (const sub of activeSubscriptions(d, customer.id, resourceId ? [resourceId] : undefined)) {
    for (const g of subscriptionGrants(lookup, sub).values()) offer(g);
  }
  for (const p of customer.promotionalEntitlements ?? []) {
    const start = Date.parse(p.startDate ?? customer.createdAt);
    if (p.endDate && Date.parse(p.endDate) <= now) continue;
    if (start > now) continue;
    offer(grantOf(p, start, null));
  }
  return merged;
}

/** Spend so far in the current period on usage-based prices, for budget checks. */
function budgetExceeded(lookup: Lookup, d: StateData, sub: SubscriptionRecord, resourceId: string | null, now: number): boolean {
  if (!sub.budget || sub.budget.hasSoftLimit) return false;
  const grants = subscriptionGrants(lookup, sub);
  let spend = 0;
  for (const plan of lookup.planChain(sub.planId)) {
    for (const price of plan.prices) {
      if (price.billingModel !== 'USAGE_BASED' || !price.featureId || price.billingPeriod !== sub.billingPeriod) continue;
      const g = grants.get(price.featureId);
      const rule = g && periodRule(g);
      const period = rule ? periodContaining(rule, now) : null;
      spend += currentUsage(d, usageKey(sub.customerId, price.featureId, resourceId), period).value * price.amount;
    }
  }
  return spend >= sub.budget.limit;
}

export function computeEntitlements(
  lookup: Lookup,
  d: StateData,
  customerId: string,
  resourceId: string | null,
  now: number,
): ComputedEntitlement[] {
  const customer = findCustomer(d, customerId);
  const result: ComputedEntitlement[] = [];
  for (const g of customerGrants(lookup, d, customer, resourceId, now).values()) {
    const feature = lookup.feature(g.featureId);
    const metered = feature.featureType === 'NUMBER' && feature.meterType !== 'None';
    const rule = feature.meterType === 'Incremental' ? periodRule(g) : null;
    const period = rule ? periodContaining(rule, now) : null;
    const usage = metered ? currentUsage(d, usageKey(customerId, g.featureId, resourceId), period) : { value: 0, updatedAt: null };
    let accessDeniedReason: AccessDeniedReason | null = null;
    if (g.subscription && budgetExceeded(lookup, d, g.subscription, resourceId, now)) accessDeniedReason = 'BudgetExceeded';
    else if (metered && !g.hasUnlimitedUsage && !g.hasSoftLimit && usage.value >= (g.usageLimit ?? 0)) {
      accessDeniedReason = 'RequestedUsageExceedingLimit';
    }
    result.push({
      ...g,
      customerId,
      resourceId,
      isGranted: accessDeniedReason === null,
      accessDeniedReason,
      currentUsage: usage.value,
      requestedUsage: 0,
      entitlementUpdatedAt: d.entitlementsUpdatedAt[customerId] ?? Date.parse(customer.updatedAt),
      usageUpdatedAt: usage.updatedAt,
      period,
    });
  }
  return result;
}
