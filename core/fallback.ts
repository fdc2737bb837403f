// Fallback results: the per-call fallback, else the global `entitlementsFallback`
// entry, else nothing, spread over the official defaults. Like the official SDK, a
// fallback keeps `accessDeniedReason: 'Unknown'` even when it grants access.
import {
  AccessDeniedReason,
  type BooleanEntitlement,
  type EntitlementKind,
  type EntitlementsFallback,
  type MeteredEntitlement,
  type NumericEntitlement,
} from './model';

export interface FallbackResults {
  boolean: BooleanEntitlement;
  numeric: NumericEntitlement;
  metered: MeteredEntitlement;
}

// The official package exports these three as its default fallback results.
export const BOOLEAN_DEFAULT_FALLBACK_ENTITLEMENT: BooleanEntitlement = {
  isFallback: true,
  hasAccess: false,
  accessDeniedReason: AccessDeniedReason.Unknown,
};
export const NUMERIC_DEFAULT_FALLBACK_ENTITLEMENT: NumericEntitlement = {
  isFallback: true,
  hasAccess: false,
  isUnlimited: false,
  accessDeniedReason: AccessDeniedReason.Unknown,
};
export const METERED_DEFAULT_FALLBACK_ENTITLEMENT: MeteredEntitlement = {
  isFallback: true,
  hasAccess: false,
  isUnlimited: false,
  currentUsage: 0,
  requestedUsage: 1,
  accessDeniedReason: AccessDeniedReason.Unknown,
};
const DEFAULTS: FallbackResults = {
  boolean: BOOLEAN_DEFAULT_FALLBACK_ENTITLEMENT,
  numeric: NUMERIC_DEFAULT_FALLBACK_ENTITLEMENT,
  metered: METERED_DEFAULT_FALLBACK_ENTITLEMENT,
};

// The fields a fallback may set for each kind, with the type each must have. Anything
// else in a caller's fallback object is ignored rather than leaked into results.
const ALLOWED: Record<EntitlementKind, Record<string, 'boolean' | 'number'>> = {
  boolean: { hasAccess: 'boolean' },
  numeric: { hasAccess: 'boolean', value: 'number', isUnlimited: 'boolean' },
  metered: { hasAccess: 'boolean', usageLimit: 'number', isUnlimited: 'boolean' },
};

function sanitise(kind: EntitlementKind, candidate: unknown): Record<string, unknown> | undefined {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) return undefined;
  const picked: Record<string, unknown> = {};
  for (const [key, type] of Object.entries(ALLOWED[kind])) {
    const value = (candidate as Record<string, unknown>)[key];
    if (typeof value === type && !(typeof value === 'number' && Number.isNaN(value))) picked[key] = value;
  }
  return picked;
}

export function fallbackResult<K extends EntitlementKind>(
  kind: K,
  featureId: unknown,
  perCall: unknown,
  global: EntitlementsFallback | undefined,
): FallbackResults[K] {
  const fromGlobal = typeof featureId === 'string' && global && Object.hasOwn(global, featureId) ? global[featureId] : undefined;
  const chosen = sanitise(kind, perCall) ?? sanitise(kind, fromGlobal) ?? {};
  return { ...DEFAULTS[kind], ...chosen };
}

/** `getEntitlements()` before anything has loaded: one fallback entry per configured feature. */
export function fallbackEntitlementList(global: EntitlementsFallback | undefined) {
  return Object.entries(global ?? {}).map(([featureId, fallback]) => ({
    isFallback: true,
    accessDeniedReason: AccessDeniedReason.Unknown,
    feature: { id: featureId },
    ...fallback,
  }));
}
