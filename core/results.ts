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
  ResetSettings,
} from './model';
import { rolledOver } from './rollover';
import { tableEntitlement, tableEntitlements, type DecisionTable } from './table';

/** What a getter reads: the current partition's entitlements, or null when none is loaded. */
export interface EvaluationInput {
  table: DecisionTable | null;
  fallbacks?: EntitlementsFallback | undefined;
  now: number;
}

interface GetterOptions {
  requestedUsage?: unknown;
  fallback?: unknown;
}

const NO_OPTIONS: GetterOptions = Object.freeze({});

function optionsOf(options: unknown): GetterOptions {
  return typeof options === 'object' && options !== null ? (options as GetterOptions) : NO_OPTIONS;
}

function lookup(table: EvaluationInput['table'], featureId: unknown): CachedEntitlement | undefined {
  return typeof featureId === 'string' && table ? tableEntitlement(table, featureId) : undefined;
}

/**
 * The parts of a result that depend only on the entitlement, made once per cached
 * entitlement rather than once per call: getters run in hot paths. Shared objects are
 * frozen so no caller can change another's answer; Dates are shared as the official
 * SDK shares its cached ones.
 */
interface ResultParts {
  plainFeature?: EntitlementFeature;
  meteredFeature?: EntitlementFeature;
  dates?: { anchor?: Date; start?: Date; end?: Date; resetSettings?: ResetSettings };
}
const partsCache = new WeakMap<CachedEntitlement, ResultParts>();

function partsOf(entitlement: CachedEntitlement): ResultParts {
  let parts = partsCache.get(entitlement);
  if (!parts) partsCache.set(entitlement, (parts = {}));
  return parts;
}

function featureResult(entitlement: CachedEntitlement, isMetered: boolean): EntitlementFeature | undefined {
  if (!entitlement.feature) return undefined;
  const parts = partsOf(entitlement);
  if (isMetered) return (parts.meteredFeature ??= Object.freeze({ ...entitlement.feature, isMetered }));
  return (parts.plainFeature ??= Object.freeze({ ...entitlement.feature, isMetered }));
}

const toDate = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

function datesOf(entitlement: CachedEntitlement): NonNullable<ResultParts['dates']> {
  const parts = partsOf(entitlement);
  if (parts.dates) return parts.dates;
  const { feature, resetPeriod, usagePeriodEnd } = entitlement;
  const end = toDate(usagePeriodEnd);
  const hasResetSettings = feature?.meterType === 'Incremental' && resetPeriod && end;
  return (parts.dates = {
    anchor: toDate(entitlement.usagePeriodAnchor),
    start: toDate(entitlement.usagePeriodStart),
    end,
    resetSettings: hasResetSettings ? Object.freeze({ nextResetDate: end, resetPeriod }) : undefined,
  });
}

function booleanResult(entitlement: CachedEntitlement, decision: Decision): BooleanEntitlement {
  return {
    isFallback: false,
    hasAccess: decision.hasAccess,
    accessDeniedReason: decision.accessDeniedReason,
    feature: featureResult(entitlement, false),
  };
}

function numericResult(entitlement: CachedEntitlement, decision: Decision): NumericEntitlement {
  return {
    isFallback: false,
    hasAccess: decision.hasAccess,
    accessDeniedReason: decision.accessDeniedReason,
    isUnlimited: entitlement.hasUnlimitedUsage,
    value: entitlement.usageLimit ?? undefined,
    feature: featureResult(entitlement, false),
  };
}

function meteredResult(entitlement: CachedEntitlement, decision: Decision, requestedUsage: number): MeteredEntitlement {
  const dates = datesOf(entitlement);
  return {
    isFallback: false,
    hasAccess: decision.hasAccess,
    accessDeniedReason: decision.accessDeniedReason,
    isUnlimited: entitlement.hasUnlimitedUsage,
    usageLimit: entitlement.usageLimit ?? undefined,
    currentUsage: entitlement.currentUsage,
    requestedUsage,
    resetPeriod: entitlement.resetPeriod,
    usagePeriodAnchor: dates.anchor,
    usagePeriodStart: dates.start,
    usagePeriodEnd: dates.end,
    resetSettings: dates.resetSettings,
    feature: featureResult(entitlement, true),
  };
}

/** A featureId that cannot name a feature gets the fallback: there is nothing to decide on. */
const isFeatureId = (featureId: unknown): featureId is string => typeof featureId === 'string' && featureId !== '';

export function getBooleanEntitlement(input: EvaluationInput, featureId: unknown, options?: unknown): BooleanEntitlement {
  const perCall = optionsOf(options).fallback;
  if (!input.table || !isFeatureId(featureId)) return fallbackResult('boolean', featureId, perCall, input.fallbacks);
  const entitlement = lookup(input.table, featureId);
  const decision = decide(entitlement);
  if (!entitlement) return { ...decision, isFallback: false };
  if (entitlement.feature && entitlement.feature.featureType !== 'BOOLEAN') {
    return fallbackResult('boolean', featureId, perCall, input.fallbacks);
  }
  return booleanResult(entitlement, decision);
}

export function getNumericEntitlement(input: EvaluationInput, featureId: unknown, options?: unknown): NumericEntitlement {
  const perCall = optionsOf(options).fallback;
  if (!input.table || !isFeatureId(featureId)) return fallbackResult('numeric', featureId, perCall, input.fallbacks);
  const entitlement = lookup(input.table, featureId);
  const decision = decide(entitlement);
  if (!entitlement) return { ...decision, isFallback: false, isUnlimited: false };
  if (entitlement.feature && entitlement.feature.featureType !== 'NUMBER') {
    return fallbackResult('numeric', featureId, perCall, input.fallbacks);
  }
  return numericResult(entitlement, decision);
}

export function getMeteredEntitlement(input: EvaluationInput, featureId: unknown, options?: unknown): MeteredEntitlement {
  const { requestedUsage: rawRequested, fallback: perCall } = optionsOf(options);
  const requestedUsage = normaliseRequestedUsage(rawRequested);
  if (!input.table || !isFeatureId(featureId) || requestedUsage === null) {
    return fallbackResult('metered', featureId, perCall, input.fallbacks);
  }
  const stored = lookup(input.table, featureId);
  const entitlement = stored && rolledOver(stored, input.now);
  const decision = decide(entitlement, requestedUsage);
  if (!entitlement) return { ...decision, currentUsage: 0, isFallback: false, isUnlimited: false, requestedUsage };
  if (entitlement.feature && !isMeteredFeature(entitlement.feature)) {
    return fallbackResult('metered', featureId, perCall, input.fallbacks);
  }
  return meteredResult(entitlement, decision, requestedUsage);
}

/** `getEntitlements()`: every loaded entitlement with its own result shape, without rollover. */
function entitlementResult(entitlement: CachedEntitlement): Entitlement {
  const decision = decide(entitlement);
  if (!entitlement.feature || entitlement.feature.featureType === 'BOOLEAN') return booleanResult(entitlement, decision);
  return isMeteredFeature(entitlement.feature) ? meteredResult(entitlement, decision, 0) : numericResult(entitlement, decision);
}

export function entitlementList(table: DecisionTable): Entitlement[] {
  return tableEntitlements(table).map(entitlementResult);
}

/**
 * The `entitlementsUpdated` payload: a Map of every entitlement by feature id, whose
 * results are made when read. A listener that looks up a few features pays for those;
 * one that iterates, for all (a catalog can hold 50,000: that is a long task).
 */
export class EntitlementsMap extends Map<string, Entitlement> {
  #table: DecisionTable | null;

  constructor(table: DecisionTable) {
    super();
    this.#table = table;
  }

  /** Every result, made once, for whatever reads more than one feature. */
  #complete(): this {
    const table = this.#table;
    this.#table = null;
    if (table) for (const entitlement of entitlementList(table)) super.set(entitlement.feature?.id ?? '', entitlement);
    return this;
  }

  #found(key: unknown): CachedEntitlement | undefined {
    const entitlement = typeof key === 'string' && key !== '' && this.#table ? tableEntitlement(this.#table, key) : undefined;
    return entitlement?.feature ? entitlement : undefined;
  }

  override get(key: string): Entitlement | undefined {
    if (!this.#table || key === '') return this.#complete() && super.get(key);
    const entitlement = this.#found(key);
    return entitlement && entitlementResult(entitlement);
  }

  override has(key: string): boolean {
    return !this.#table || key === '' ? this.#complete() && super.has(key) : !!this.#found(key);
  }

  override set(key: string, value: Entitlement): this {
    return this.#complete() && super.set(key, value);
  }

  override delete(key: string): boolean {
    return this.#complete() && super.delete(key);
  }

  override clear(): void {
    this.#complete();
    super.clear();
  }

  override forEach(visit: (value: Entitlement, key: string, map: Map<string, Entitlement>) => void, thisArg?: unknown): void {
    this.#complete();
    super.forEach(visit, thisArg);
  }

  override entries(): MapIterator<[string, Entitlement]> {
    return this.#complete() && super.entries();
  }

  override keys(): MapIterator<string> {
    return this.#complete() && super.keys();
  }

  override values(): MapIterator<Entitlement> {
    return this.#complete() && super.values();
  }

  override [Symbol.iterator](): MapIterator<[string, Entitlement]> {
    return this.entries();
  }

  static {
    // `size` is an accessor of Map.prototype, which TypeScript declares as a property: replaced here.
    const size = Object.getOwnPropertyDescriptor(Map.prototype, 'size')!.get!;
    Object.defineProperty(this.prototype, 'size', {
      get(this: EntitlementsMap) {
        return size.call(this.#complete()) as number;
      },
    });
  }
}
