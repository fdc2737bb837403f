// Every entitlement example of the usage guide, reproduced from wire data. Where the
// guide and the official SDK differ, the SDK wins (docs/compat.md lists each case):
// wire enum values (NUMBER, BOOLEAN, MONTH), NoFeatureEntitlementInSubscription for a
// missing feature, and a real denial where the guide's "no access" shows hasAccess: true.
import { describe, expect, it } from 'vitest';
import { entitlementList, getBooleanEntitlement, getMeteredEntitlement, getNumericEntitlement } from './results';
import { toSnapshot } from './wire';
import { GUIDE_NOW, feature03, guideEntitlements } from './test/wire-fixtures';
import { tableOf } from './test/packed';

const input = { table: tableOf(toSnapshot(guideEntitlements, GUIDE_NOW)), now: GUIDE_NOW };
const json = (value: unknown) => JSON.parse(JSON.stringify(value));

const feature01Result = {
  id: 'feature-demo-01',
  featureType: 'NUMBER',
  meterType: 'None',
  units: 'request',
  unitsPlural: 'requests',
  displayName: 'Feature #1',
  description: '',
  isMetered: false,
};
const feature02Result = {
  id: 'feature-demo-02',
  featureType: 'BOOLEAN',
  meterType: 'None',
  displayName: 'Feature #2',
  description: '',
  isMetered: false,
};
const feature03Result = {
  id: 'feature-demo-03',
  featureType: 'NUMBER',
  meterType: 'Incremental',
  units: 'request',
  unitsPlural: 'requests',
  displayName: 'Feature #3',
  description: '',
  isMetered: true,
};
const meteredPeriod = {
  resetPeriod: 'MONTH',
  usagePeriodAnchor: '2022-04-01T00:00:00.000Z',
  usagePeriodStart: '2022-09-01T00:00:00.000Z',
  usagePeriodEnd: '2022-10-01T00:00:00.000Z',
  resetSettings: { nextResetDate: '2022-10-01T00:00:00.000Z', resetPeriod: 'MONTH' },
};

describe('usage guide examples', () => {
  it('getEntitlements lists every entitlement with its own shape', () => {
    const [first, second] = json(entitlementList(input.table));
    expect(first).toEqual({ isFallback: false, hasAccess: true, isUnlimited: false, value: 100, feature: feature01Result });
    expect(second).toEqual({ isFallback: false, hasAccess: true, feature: feature02Result });
  });

  it('boolean feature with access', () => {
    expect(json(getBooleanEntitlement(input, 'feature-demo-02'))).toEqual({
      isFallback: false,
      hasAccess: true,
      feature: feature02Result,
    });
  });

  it('boolean feature without access names NoFeatureEntitlementInSubscription', () => {
    expect(json(getBooleanEntitlement(input, 'feature-not-in-plan'))).toEqual({
      hasAccess: false,
      accessDeniedReason: 'NoFeatureEntitlementInSubscription',
      isFallback: false,
    });
  });

  it('numeric feature with access gives its value', () => {
    expect(json(getNumericEntitlement(input, 'feature-demo-01'))).toEqual({
      isFallback: false,
      hasAccess: true,
      isUnlimited: false,
      value: 100,
      feature: feature01Result,
    });
  });

  it('numeric feature without access', () => {
    expect(json(getNumericEntitlement(input, 'feature-not-in-plan'))).toEqual({
      hasAccess: false,
      accessDeniedReason: 'NoFeatureEntitlementInSubscription',
      isFallback: false,
      isUnlimited: false,
    });
  });

  it('metered feature with access, with its usage period', () => {
    const result = getMeteredEntitlement(input, 'feature-demo-03');
    expect(result.usagePeriodEnd).toBeInstanceOf(Date);
    expect(json(result)).toEqual({
      isFallback: false,
      hasAccess: true,
      isUnlimited: false,
      usageLimit: 2,
      currentUsage: 0,
      requestedUsage: 0,
      ...meteredPeriod,
      feature: feature03Result,
    });
  });

  it('metered feature without access once the limit is used up', () => {
    const used = { table: tableOf(toSnapshot([{ ...feature03, currentUsage: 2 }], GUIDE_NOW)), now: GUIDE_NOW };
    expect(json(getMeteredEntitlement(used, 'feature-demo-03', { requestedUsage: 1 }))).toEqual({
      isFallback: false,
      hasAccess: false,
      accessDeniedReason: 'RequestedUsageExceedingLimit',
      isUnlimited: false,
      usageLimit: 2,
      currentUsage: 2,
      requestedUsage: 1,
      ...meteredPeriod,
      feature: feature03Result,
    });
  });

  it('proactive check of 10 units against a limit of 2 is denied', () => {
    const result = getMeteredEntitlement(input, 'feature-demo-03', { requestedUsage: 10 });
    expect(result).toMatchObject({ hasAccess: false, requestedUsage: 10, usageLimit: 2, currentUsage: 0 });
    expect(result.accessDeniedReason).toBe('RequestedUsageExceedingLimit');
  });

  it('proactive check within the limit is granted', () => {
    const result = getMeteredEntitlement(input, 'feature-demo-03', { requestedUsage: 2 });
    expect(result).toMatchObject({ hasAccess: true, requestedUsage: 2 });
  });
});
