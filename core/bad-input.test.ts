// The result builders take untrusted input and never throw; each kind of bad input
// has one defined, named outcome.
import { describe, expect, it } from 'vitest';
import { entitlementList, getBooleanEntitlement, getMeteredEntitlement, getNumericEntitlement } from './results';
import { toCachedEntitlement, toSnapshot } from './wire';
import { GUIDE_NOW, feature01, feature03, guideEntitlements } from './test/wire-fixtures';
import { entitlementMap, tableOf } from './test/packed';

const input = { table: tableOf(toSnapshot(guideEntitlements, GUIDE_NOW)), now: GUIDE_NOW };
const meteredFallback = { isFallback: true, hasAccess: false, accessDeniedReason: 'Unknown', isUnlimited: false, currentUsage: 0, requestedUsage: 1 };

describe('bad input to the getters', () => {
  it('missing or non-string featureId gives the fallback', () => {
    for (const featureId of [undefined, null, 42, {}, '']) {
      expect(getBooleanEntitlement(input, featureId)).toEqual({ isFallback: true, hasAccess: false, accessDeniedReason: 'Unknown' });
      expect(getNumericEntitlement(input, featureId)).toMatchObject({ isFallback: true, isUnlimited: false });
      expect(getMeteredEntitlement(input, featureId)).toEqual(meteredFallback);
    }
  });

  it('a featureId naming an Object prototype key is simply not entitled', () => {
    expect(getBooleanEntitlement(input, 'toString')).toEqual({
      hasAccess: false,
      accessDeniedReason: 'NoFeatureEntitlementInSubscription',
      isFallback: false,
    });
  });

  it('negative, NaN or -Infinity requestedUsage gives the fallback, never a grant from the data', () => {
    for (const requestedUsage of [-1, Number.NaN, Number.NEGATIVE_INFINITY, '1']) {
      expect(getMeteredEntitlement(input, 'feature-demo-03', { requestedUsage })).toEqual(meteredFallback);
    }
  });

  it('+Infinity requestedUsage is a denial on a limited feature', () => {
    expect(getMeteredEntitlement(input, 'feature-demo-03', { requestedUsage: Number.POSITIVE_INFINITY })).toMatchObject({
      isFallback: false,
      hasAccess: false,
      accessDeniedReason: 'RequestedUsageExceedingLimit',
    });
  });

  it('options that are not objects are ignored', () => {
    expect(getNumericEntitlement(input, 'feature-demo-01', 'nonsense')).toMatchObject({ hasAccess: true, value: 100 });
    expect(getMeteredEntitlement(input, 'feature-demo-03', 7)).toMatchObject({ hasAccess: true, requestedUsage: 0 });
  });

  it('a malformed per-call fallback keeps only well-typed fields', () => {
    const result = getNumericEntitlement({ table: null, now: 0 }, 'x', {
      fallback: { hasAccess: 'yes', value: 5, isUnlimited: 1, extra: 'leak' },
    });
    expect(result).toEqual({ isFallback: true, hasAccess: false, accessDeniedReason: 'Unknown', isUnlimited: false, value: 5 });
  });

  it('the per-call fallback wins over the global one, which wins over the defaults', () => {
    const fallbacks = { x: { hasAccess: true, value: 3 } };
    expect(getNumericEntitlement({ table: null, fallbacks, now: 0 }, 'x')).toEqual({
      isFallback: true,
      hasAccess: true,
      accessDeniedReason: 'Unknown',
      isUnlimited: false,
      value: 3,
    });
    expect(getNumericEntitlement({ table: null, fallbacks, now: 0 }, 'x', { fallback: { hasAccess: false } })).toEqual({
      isFallback: true,
      hasAccess: false,
      accessDeniedReason: 'Unknown',
      isUnlimited: false,
    });
  });

  it('a getter of the wrong type gives the fallback', () => {
    expect(getBooleanEntitlement(input, 'feature-demo-01').isFallback).toBe(true);
    expect(getNumericEntitlement(input, 'feature-demo-02').isFallback).toBe(true);
    expect(getMeteredEntitlement(input, 'feature-demo-01').isFallback).toBe(true);
  });
});

describe('bad wire data', () => {
  it('null fields map to safe defaults', () => {
    const cached = toCachedEntitlement({
      ...feature03,
      usageLimit: null,
      currentUsage: null,
      hasUnlimitedUsage: null,
      hasSoftLimit: null,
      usagePeriodAnchor: null,
      usagePeriodStart: 'not a date',
      usagePeriodEnd: null,
      resetPeriod: null,
      resetPeriodConfiguration: null,
    });
    expect(cached).toEqual({
      featureId: 'feature-demo-03',
      feature: expect.objectContaining({ id: 'feature-demo-03', meterType: 'Incremental' }),
      usageLimit: null,
      hasUnlimitedUsage: false,
      hasSoftLimit: false,
      currentUsage: 0,
      entitlementUpdatedAt: Date.parse('2022-09-01T00:00:00.000Z'),
      usageUpdatedAt: Date.parse('2022-09-10T00:00:00.000Z'),
    });
  });

  it('entries without a feature id are dropped; an unknown feature type keeps the id without a feature', () => {
    expect(toCachedEntitlement(null)).toBeNull();
    expect(toCachedEntitlement({ ...feature01, feature: null })).toBeNull();
    expect(toCachedEntitlement('junk')).toBeNull();
    const odd = toCachedEntitlement({ ...feature01, feature: { refId: 'odd', featureType: 'COLOR' } });
    expect(odd).toMatchObject({ featureId: 'odd' });
    expect(odd?.feature).toBeUndefined();
    expect(getBooleanEntitlement({ table: tableOf([odd!]), now: 0 }, 'odd')).toEqual({
      isFallback: false,
      hasAccess: false,
      accessDeniedReason: 'NoFeatureEntitlementInSubscription',
      feature: undefined,
    });
  });

  it('a snapshot of junk is empty and dated by its arrival', () => {
    expect(toSnapshot('junk', 123).lastUpdate).toBe(123);
    expect(entitlementMap(toSnapshot('junk', 123))).toEqual({});
    const odd = toSnapshot([null, 1, { feature: {} }], 5);
    expect(odd.lastUpdate).toBe(5);
    expect(entitlementMap(odd)).toEqual({});
  });

  it('lastUpdate is the newest entitlement or usage update', () => {
    expect(toSnapshot(guideEntitlements, 0).lastUpdate).toBe(Date.parse('2022-09-10T00:00:00.000Z'));
  });

  it('getEntitlements of an odd table never throws', () => {
    const table = tableOf(toSnapshot([{ ...feature01, feature: { refId: 'odd', featureType: 'COLOR' } }], 0));
    expect(entitlementList(table)).toEqual([
      { isFallback: false, hasAccess: false, accessDeniedReason: 'NoFeatureEntitlementInSubscription', feature: undefined },
    ]);
  });
});
