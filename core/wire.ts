// Mapping from the wire entitlement (GraphQL `EntitlementFragment`, edge JSON) to the
// cached form. Wire data is untrusted: every field is checked, nulls and junk are
// dropped, and nothing here throws.
import {
  AccessDeniedReason,
  EntitlementResetPeriod,
  FeatureType,
  MeterType,
  MonthlyAccordingTo,
  WeeklyAccordingTo,
  type CachedEntitlement,
  type EntitlementSnapshot,
  type ResetPeriodConfiguration,
} from './model';
import { packEntitlements } from './pack-entitlements';

type Loose = Record<string, unknown>;

const isRecord = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function oneOf<T extends string>(values: Record<string, T>, value: unknown): T | undefined {
  return typeof value === 'string' && (Object.values(values) as string[]).includes(value) ? (value as T) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** An ISO string or epoch ms to epoch ms; anything unparseable to undefined. */
function toEpochMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value === '') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function toResetPeriodConfiguration(value: unknown): ResetPeriodConfiguration | undefined {
  if (!isRecord(value)) return undefined;
  const monthly = oneOf(MonthlyAccordingTo, value.monthlyAccordingTo);
  if (monthly) return { monthlyAccordingTo: monthly };
  const weekly = oneOf(WeeklyAccordingTo, value.weeklyAccordingTo);
  if (weekly) return { weeklyAccordingTo: weekly };
  const yearly = text(value.yearlyAccordingTo);
  return yearly ? { yearlyAccordingTo: yearly } : undefined;
}

function toFeature(value: unknown): CachedEntitlement['feature'] {
  if (!isRecord(value)) return undefined;
  const id = text(value.refId);
  const featureType = oneOf(FeatureType, value.featureType);
  if (!id || !featureType) return undefined;
  const feature: NonNullable<CachedEntitlement['feature']> = {
    id,
    featureType,
    displayName: typeof value.displayName === 'string' ? value.displayName : id,
    description: typeof value.description === 'string' ? value.description : '',
  };
  const meterType = oneOf(MeterType, value.meterType);
  if (meterType) feature.meterType = meterType;
  const units = text(value.featureUnits);
  if (units) feature.units = units;
  const unitsPlural = text(value.featureUnitsPlural);
  if (unitsPlural) feature.unitsPlural = unitsPlural;
  return feature;
}

/** One wire entitlement to its cached form, or null when it names no feature. */
export function toCachedEntitlement(wire: unknown): CachedEntitlement | null {
  if (!isRecord(wire)) return null;
  const feature = toFeature(wire.feature);
  const featureId = feature?.id ?? (isRecord(wire.feature) ? text(wire.feature.refId) : undefined);
  if (!featureId) return null;

  const cached: CachedEntitlement = {
    featureId,
    usageLimit: finiteNumber(wire.usageLimit) ?? null,
    hasUnlimitedUsage: wire.hasUnlimitedUsage === true,
    hasSoftLimit: wire.hasSoftLimit === true,
    currentUsage: finiteNumber(wire.currentUsage) ?? 0,
  };
  if (feature) cached.feature = feature;
  const reason = oneOf(AccessDeniedReason, wire.accessDeniedReason);
  if (reason) cached.accessDeniedReason = reason;
  const resetPeriod = oneOf(EntitlementResetPeriod, wire.resetPeriod);
  if (resetPeriod) cached.resetPeriod = resetPeriod;
  const configuration = toResetPeriodConfiguration(wire.resetPeriodConfiguration);
  if (configuration) cached.resetPeriodConfiguration = configuration;

  const times = {
    usagePeriodAnchor: toEpochMs(wire.usagePeriodAnchor),
    usagePeriodStart: toEpochMs(wire.usagePeriodStart),
    usagePeriodEnd: toEpochMs(wire.usagePeriodEnd),
    entitlementUpdatedAt: toEpochMs(wire.entitlementUpdatedAt),
    usageUpdatedAt: toEpochMs(wire.usageUpdatedAt),
  };
  for (const [key, ms] of Object.entries(times) as [keyof typeof times, number | undefined][]) {
    if (ms !== undefined) cached[key] = ms;
  }
  return cached;
}

/**
 * A wire entitlement list to a snapshot. `lastUpdate` is the newest update time in the
 * set; an empty or timeless set counts as current (`receivedAt`), as the official SDK does.
 */
export function toSnapshot(wireList: unknown, receivedAt: number): EntitlementSnapshot {
  const entitlements: CachedEntitlement[] = [];
  let lastUpdate = -Infinity;
  for (const wire of Array.isArray(wireList) ? wireList : []) {
    const cached = toCachedEntitlement(wire);
    if (!cached) continue;
    entitlements.push(cached);
    lastUpdate = Math.max(lastUpdate, cached.entitlementUpdatedAt ?? -Infinity, cached.usageUpdatedAt ?? -Infinity);
  }
  return { packed: packEntitlements(entitlements), lastUpdate: Number.isFinite(lastUpdate) ? lastUpdate : receivedAt };
}

/** The entitlement list inside a GraphQL or edge answer body (`{data: {entitlements}}`). */
export function entitlementsFromBody(body: unknown): unknown[] | null {
  if (!isRecord(body) || !isRecord(body.data)) return null;
  const list = body.data.entitlements;
  return Array.isArray(list) ? list : null;
}

/** The same from an answer's text, as it came over the wire; null when it is not JSON. */
export function entitlementsFromText(text: string): unknown[] | null {
  try {
    return entitlementsFromBody(JSON.parse(text));
  } catch {
    return null;
  }
}

/** An answer's text, as it came over the wire, to its snapshot; null when it is not an entitlements answer. */
export function snapshotFromText(text: string, receivedAt: number): EntitlementSnapshot | null {
  const list = entitlementsFromText(text);
  return list && toSnapshot(list, receivedAt);
}
