// The access decision, in the official SDK's order of rules.
import { AccessDeniedReason, type CachedEntitlement, type Decision } from './model';

const GRANTED: Decision = { hasAccess: true };

/** True for NUMBER features that count usage (Incremental or Fluctuating meters). */
export function isMeteredFeature(feature: CachedEntitlement['feature']): boolean {
  return feature?.featureType === 'NUMBER' && (feature.meterType === 'Incremental' || feature.meterType === 'Fluctuating');
}

/**
 * Whether `requestedUsage` more units are allowed. `requestedUsage` must already be
 * validated (finite or +Infinity, never negative or NaN): see `normaliseRequestedUsage`.
 */
export function decide(entitlement: CachedEntitlement | undefined, requestedUsage = 0): Decision {
  const feature = entitlement?.feature;
  if (!entitlement || !feature) {
    return { hasAccess: false, accessDeniedReason: AccessDeniedReason.NoFeatureEntitlementInSubscription };
  }
  // BudgetExceeded is the only server-side reason the client honours.
  if (entitlement.accessDeniedReason === AccessDeniedReason.BudgetExceeded) {
    return { hasAccess: false, accessDeniedReason: AccessDeniedReason.BudgetExceeded };
  }
  if (feature.featureType === 'BOOLEAN' || feature.meterType === 'None') {
    return GRANTED;
  }
  if (entitlement.hasUnlimitedUsage || entitlement.hasSoftLimit) return GRANTED;
  const limit = entitlement.usageLimit ?? 0;
  return entitlement.currentUsage + requestedUsage <= limit
    ? GRANTED
    : { hasAccess: false, accessDeniedReason: AccessDeniedReason.RequestedUsageExceedingLimit };
}

/**
 * A caller's `requestedUsage`: undefined or null mean 0; a number ≥ 0 (or +Infinity) is
 * kept; anything else (negative, NaN, -Infinity, a non-number) is invalid and gives null.
 */
export function normaliseRequestedUsage(value: unknown): number | null {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) return null;
  return value;
}
