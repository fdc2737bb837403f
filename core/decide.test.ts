import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, normaliseRequestedUsage } from './decide';
import type { CachedEntitlement } from './model';

const metered = (over: Partial<CachedEntitlement> = {}): CachedEntitlement => ({
  featureId: 'f',
  feature: { id: 'f', featureType: 'NUMBER', meterType: 'Incremental', displayName: 'F' },
  usageLimit: 10,
  hasUnlimitedUsage: false,
  hasSoftLimit: false,
  currentUsage: 4,
  ...over,
});

const entitlement: fc.Arbitrary<CachedEntitlement> = fc.record({
  featureId: fc.constant('f'),
  feature: fc.record({
    id: fc.constant('f'),
    featureType: fc.constantFrom('NUMBER' as const, 'BOOLEAN' as const),
    meterType: fc.constantFrom('None' as const, 'Incremental' as const, 'Fluctuating' as const),
    displayName: fc.constant('F'),
  }),
  usageLimit: fc.option(fc.nat(1000), { nil: null }),
  hasUnlimitedUsage: fc.boolean(),
  hasSoftLimit: fc.boolean(),
  currentUsage: fc.nat(2000),
  accessDeniedReason: fc.constantFrom(undefined, 'BudgetExceeded' as const, 'CustomerNotFound' as const),
});

describe('decide', () => {
  it('is monotonic in requested usage: granting more implies granting less', () => {
    fc.assert(
      fc.property(entitlement, fc.nat(5000), fc.nat(5000), (e, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        if (decide(e, high).hasAccess) expect(decide(e, low).hasAccess).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('denies with a reason whenever it denies, and never gives a reason when it grants', () => {
    fc.assert(
      fc.property(entitlement, fc.nat(5000), (e, requested) => {
        const decision = decide(e, requested);
        expect(decision.hasAccess).toBe(decision.accessDeniedReason === undefined);
      }),
    );
  });

  it('applies the official rules in order', () => {
    expect(decide(undefined)).toEqual({ hasAccess: false, accessDeniedReason: 'NoFeatureEntitlementInSubscription' });
    expect(decide(metered({ feature: undefined }))).toEqual({
      hasAccess: false,
      accessDeniedReason: 'NoFeatureEntitlementInSubscription',
    });
    expect(decide(metered({ accessDeniedReason: 'BudgetExceeded', hasUnlimitedUsage: true }))).toEqual({
      hasAccess: false,
      accessDeniedReason: 'BudgetExceeded',
    });
    // Other server reasons are not honoured: the client decides from the figures.
    expect(decide(metered({ accessDeniedReason: 'CustomerNotFound' })).hasAccess).toBe(true);
    expect(decide(metered({ feature: { id: 'f', featureType: 'BOOLEAN', displayName: 'F' } })).hasAccess).toBe(true);
    expect(decide(metered({ feature: { id: 'f', featureType: 'NUMBER', meterType: 'None', displayName: 'F' } }), 1e9).hasAccess).toBe(true);
    expect(decide(metered({ hasUnlimitedUsage: true }), 1e9).hasAccess).toBe(true);
    expect(decide(metered({ hasSoftLimit: true }), 1e9).hasAccess).toBe(true);
    expect(decide(metered(), 6)).toEqual({ hasAccess: true });
    expect(decide(metered(), 7)).toEqual({ hasAccess: false, accessDeniedReason: 'RequestedUsageExceedingLimit' });
    expect(decide(metered({ usageLimit: null, currentUsage: 0 }), 1).hasAccess).toBe(false);
    expect(decide(metered({ usageLimit: null, currentUsage: 0 }), 0).hasAccess).toBe(true);
  });
});

describe('normaliseRequestedUsage', () => {
  it('defaults a missing value to 0 and keeps valid numbers', () => {
    expect(normaliseRequestedUsage(undefined)).toBe(0);
    expect(normaliseRequestedUsage(null)).toBe(0);
    expect(normaliseRequestedUsage(0)).toBe(0);
    expect(normaliseRequestedUsage(2.5)).toBe(2.5);
    expect(normaliseRequestedUsage(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });

  it('rejects negative, NaN, -Infinity and non-numbers', () => {
    for (const bad of [-1, Number.NaN, Number.NEGATIVE_INFINITY, '3', {}, true]) {
      expect(normaliseRequestedUsage(bad)).toBeNull();
    }
  });
});
