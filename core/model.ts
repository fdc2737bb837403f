// The entitlement model: the enums, the wire entitlement, the cached form Gatehouse
// stores and evaluates, the three getter result shapes and their parameters.
// Cached forms hold epoch milliseconds, not Dates, so they survive structured clone,
// IndexedDB and JSON unchanged; results carry Dates as the official SDK's do.

// The enums are the official ones, generated once from its declarations (core/official/).
export {
  AccessDeniedReason,
  EntitlementResetPeriod,
  FeatureType,
  MeterType,
  MonthlyAccordingTo,
  SubscriptionStatus,
  WeeklyAccordingTo,
  WidgetType,
} from './official/enums';
import type { AccessDeniedReason, EntitlementResetPeriod, FeatureType, MeterType, MonthlyAccordingTo, WeeklyAccordingTo } from './official/enums';

/** The wire `resetPeriodConfiguration` union, flattened: at most one field is set. */
export interface ResetPeriodConfiguration {
  monthlyAccordingTo?: MonthlyAccordingTo | null;
  weeklyAccordingTo?: WeeklyAccordingTo | null;
  yearlyAccordingTo?: string | null;
}

/** `EntitlementFragment` as GraphQL `GetEntitlements` and the edge JSON deliver it. */
export interface WireEntitlement {
  isGranted?: boolean | null;
  accessDeniedReason?: string | null;
  customerId?: string | null;
  resourceId?: string | null;
  usageLimit?: number | null;
  hasUnlimitedUsage?: boolean | null;
  hasSoftLimit?: boolean | null;
  currentUsage?: number | null;
  requestedUsage?: number | null;
  entitlementUpdatedAt?: string | number | null;
  usageUpdatedAt?: string | number | null;
  usagePeriodAnchor?: string | number | null;
  usagePeriodStart?: string | number | null;
  usagePeriodEnd?: string | number | null;
  nextResetDate?: string | number | null;
  resetPeriod?: string | null;
  resetPeriodConfiguration?: (ResetPeriodConfiguration & { __typename?: string }) | null;
  feature?: WireFeature | null;
}

export interface WireFeature {
  featureType?: string | null;
  meterType?: string | null;
  featureUnits?: string | null;
  featureUnitsPlural?: string | null;
  description?: string | null;
  displayName?: string | null;
  refId?: string | null;
}

/** The `feature` object of a result, as the official SDK builds it. */
export interface EntitlementFeature {
  id: string;
  featureType: FeatureType;
  displayName: string;
  description?: string;
  units?: string;
  unitsPlural?: string;
  meterType?: MeterType;
  isMetered?: boolean;
  metadata?: Record<string, string>;
}

/** One feature's entitlement as stored and evaluated. Times are epoch ms. */
export interface CachedEntitlement {
  featureId: string;
  feature?: Omit<EntitlementFeature, 'isMetered' | 'metadata'>;
  usageLimit: number | null;
  hasUnlimitedUsage: boolean;
  hasSoftLimit: boolean;
  accessDeniedReason?: AccessDeniedReason;
  currentUsage: number;
  resetPeriod?: EntitlementResetPeriod;
  resetPeriodConfiguration?: ResetPeriodConfiguration;
  usagePeriodAnchor?: number;
  usagePeriodStart?: number;
  usagePeriodEnd?: number;
  entitlementUpdatedAt?: number;
  usageUpdatedAt?: number;
}

/** Everything known about one partition's entitlements at one moment. */
export interface EntitlementSnapshot {
  /** The entitlements, packed into one buffer (core/packed-entitlements.ts). */
  packed: ArrayBuffer;
  /** max(entitlementUpdatedAt, usageUpdatedAt) over the set; the ordering guard compares it. */
  lastUpdate: number;
}

export interface Decision {
  hasAccess: boolean;
  accessDeniedReason?: AccessDeniedReason;
}

export interface BaseEntitlement {
  hasAccess: boolean;
  isFallback: boolean;
  accessDeniedReason?: AccessDeniedReason;
  feature?: EntitlementFeature;
}
export type BooleanEntitlement = BaseEntitlement;
export interface NumericEntitlement extends BaseEntitlement {
  value?: number;
  isUnlimited: boolean;
}
export interface ResetSettings {
  nextResetDate: Date;
  resetPeriod: EntitlementResetPeriod;
}
export interface MeteredEntitlement extends BaseEntitlement {
  usageLimit?: number;
  isUnlimited: boolean;
  currentUsage: number;
  requestedUsage: number;
  resetPeriod?: EntitlementResetPeriod;
  usagePeriodAnchor?: Date;
  usagePeriodStart?: Date;
  usagePeriodEnd?: Date;
  /** @deprecated kept for drop-in compatibility with the official SDK. */
  resetSettings?: ResetSettings;
}
export type Entitlement = BooleanEntitlement | NumericEntitlement | MeteredEntitlement;

export interface BooleanEntitlementFallback {
  hasAccess: boolean;
}
export interface NumericEntitlementFallback {
  hasAccess: boolean;
  value?: number;
  isUnlimited?: boolean;
}
export interface MeteredEntitlementFallback {
  hasAccess: boolean;
  usageLimit?: number;
  isUnlimited?: boolean;
}
export type EntitlementFallback = BooleanEntitlementFallback | NumericEntitlementFallback | MeteredEntitlementFallback;
export type EntitlementsFallback = Record<string, EntitlementFallback>;

export interface BooleanEntitlementOptions {
  shouldTrack?: boolean;
  fallback?: BooleanEntitlementFallback;
}
export interface NumericEntitlementOptions {
  shouldTrack?: boolean;
  fallback?: NumericEntitlementFallback;
}
export interface MeteredEntitlementOptions {
  requestedUsage?: number;
  shouldTrack?: boolean;
  fallback?: MeteredEntitlementFallback;
}

export interface GetBooleanEntitlement {
  featureId: string;
  options?: BooleanEntitlementOptions;
  resourceId?: string;
}
export interface GetNumericEntitlement {
  featureId: string;
  options?: NumericEntitlementOptions;
  resourceId?: string;
}
export interface GetMeteredEntitlement {
  featureId: string;
  options?: MeteredEntitlementOptions;
  resourceId?: string;
}

export type EntitlementKind = 'boolean' | 'numeric' | 'metered';
