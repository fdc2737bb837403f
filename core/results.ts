// The three getter results and the entitlement list, built from a table of cached
// entitlements exactly as the official SDK shapes them. Every function here accepts
// untrusted arguments and never throws: bad input gives a fallback or a denial.
import { decide, isMeteredFeature, normaliseRequestedUsage } from './decide';
import { fallbackResult } from './fallback';
import type {
  BooleanEntitlement,
  CachedEntitlement,
  Decision,
  Entitlement,
  EntitlementFeature,
  EntitlementsFallback,
  MeteredEntitlement,
  NumericEntitlement,
} from './model';
import { rolledOver } from './rollover';

/** What a getter reads: the current partition's entitlements, or null when none is loaded. */
export interface EvaluationInput {
  table: Readonly<Record<string, CachedEntitlement>> | null;
  fallbacks?: EntitlementsFallback | undefined;
  now: number;
}

interface GetterOptions {
  requestedUsage?: unknown;
  fallback?: unknown;
}

function optionsOf(options: unknown): GetterOptions {
  return typeof options === 'object' && options !== null ? (options as GetterOptions) : {};
}

function lookup(table: EvaluationInput['table'], featureId: unknown): CachedEntitlement | undefined {
  return typeof featureId === 'string' && table && Object.hasOwn(table, featureId) ? table[featureId] : undefined;
}

function featureResult(entitlement: CachedEntitlement, isMetered: boolean): EntitlementFeature | undefined {
  return entitlement.feature ? { ...entitlement.feature, isMetered } : undefined;
}

const toDate = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

export function booleanResult(entitlement: CachedEntitlement, decision: Decision): BooleanEntitlement {
  return {
    isFallback: false,
    hasAccess: decision.hasAccess,
    accessDeniedReason: decision.accessDeniedReason,
    feature: featureResult(entitlement, false),
  };
}

export function numericResult(entitlement: CachedEntitlement, decision: Decision): NumericEntitlement {
  return {
    isFallback: false,
    hasAccess: decision.hasAccess,
    accessDeniedReason: decision.accessDeniedReason,
    isUnlimited: entitlement.hasUnlimitedUsage,
    value: entitlement.usageLimit ?? undefined,
    feature: featureResult(entitlement, false),
  };
}

export function meteredResult(entitlement: CachedEntitlement, decision: Decision, requestedUsage: number): MeteredEntitlement {
  const { feature, resetPeriod, usagePeriodEnd } = entitlement;
  const hasResetSettings = feature?.meterType === 'Incremental' && resetPeriod && usagePeriodEnd !== undefined;
  return {
    isFallback: false,
    hasAccess: decision.hasAccess,
    accessDeniedReason: decision.accessDeniedReason,
    isUnlimited: entitlement.hasUnlimitedUsage,
    usageLimit: entitlement.usageLimit ?? undefined,
    currentUsage: entitlement.currentUsage,
    requestedUsage,
    resetPeriod,
    usagePeriodAnchor: toDate(entitlement.usagePeriodAnchor),
    usagePeriodStart: toDate(entitlement.usagePeriodStart),
    usagePeriodEnd: toDate(usagePeriodEnd),
    resetSettings: hasResetSettings ? { nextResetDate: new Date(usagePeriodEnd), resetPeriod } : undefined,
    feature: featureResult(entitlement, true),
  };
}

/** A featureId that cannot name a feature gets the fallback: there is nothing to decide on. */
const isFeatureId = (featureId: unknown): featureId is string => typeof featureId === 'string' && featureId !== '';

export function getBooleanEntitlement(input: EvaluationInput, featureId: unknown, options?: unknown): BooleanEntitlement {
  const fallback = () => fallbackResult('boolean', featureId, optionsOf(options).fallback, input.fallbacks);
  if (!input.table || !isFeatureId(featureId)) return fallback();
  const entitlement = lookup(input.table, featureId);
  const decision = decide(entitlement);
  if (!entitlement) return { ...decision, isFallback: false };
  if (entitlement.feature && entitlement.feature.featureType !== 'BOOLEAN') return fallback();
  return booleanResult(entitlement, decision);
}

export function getNumericEntitlement(input: EvaluationInput, featureId: unknown, options?: unknown): NumericEntitlement {
  const fallback = () => fallbackResult('numeric', featureId, optionsOf(options).fallback, input.fallbacks);
  if (!input.table || !isFeatureId(featureId)) return fallback();
  const entitlement = lookup(input.table, featureId);
  const decision = decide(entitlement);
  if (!entitlement) return { ...decision, isFallback: false, isUnlimited: false };
  if (entitlement.feature && entitlement.feature.featureType !== 'NUMBER') return fallback();
  return numericResult(entitlement, decision);
}

export function getMeteredEntitlement(input: EvaluationInput, featureId: unknown, options?: unknown): MeteredEntitlement {
  const { requestedUsage: rawRequested, fallback: perCall } = optionsOf(options);
  const fallback = () => fallbackResult('metered', featureId, perCall, input.fallbacks);
  const requestedUsage = normaliseRequestedUsage(rawRequested);
  if (!input.table || !isFeatureId(featureId) || requestedUsage === null) return fallback();
  const stored = lookup(input.table, featureId);
  const entitlement = stored && rolledOver(stored, input.now);
  const decision = decide(entitlement, requestedUsage);
  if (!entitlement) return { ...decision, currentUsage: 0, isFallback: false, isUnlimited: false, requestedUsage };
  if (entitlement.feature && !isMeteredFeature(entitlement.feature)) return fallback();
  return meteredResult(entitlement, decision, requestedUsage);
}

/** `getEntitlements()`: every loaded entitlement with its own result shape, without rollover. */
export function entitlementList(table: Readonly<Record<string, CachedEntitlement>>): Entitlement[] {
  return Object.values(table).map((entitlement) => {
    const decision = decide(entitlement);
    if (!entitlement.feature || entitlement.feature.featureType === 'BOOLEAN') return booleanResult(entitlement, decision);
    return isMeteredFeature(entitlement.feature)
      ? meteredResult(entitlement, decision, 0)
      : numericResult(entitlement, decision);
  });
}
