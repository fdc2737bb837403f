import { describe, expect, it } from 'vitest';
import { getMeteredEntitlement } from './results';
import { rolledOver } from './rollover';
import { toSnapshot } from './wire';
import { feature01, feature03 } from './test/wire-fixtures';
import { entitlementMap, tableOf } from './test/packed';

const used = entitlementMap(toSnapshot([{ ...feature03, currentUsage: 2 }], 0))['feature-demo-03']!;

describe('rollover', () => {
  it('keeps usage within the period', () => {
    expect(rolledOver(used, Date.parse('2022-09-30T23:59:59.999Z'))).toBe(used);
  });

  it('counts from zero in the next period once the period has ended', () => {
    const rolled = rolledOver(used, Date.parse('2022-11-03T00:00:00Z'));
    expect(rolled.currentUsage).toBe(0);
    expect(new Date(rolled.usagePeriodStart!).toISOString()).toBe('2022-11-01T00:00:00.000Z');
    expect(new Date(rolled.usagePeriodEnd!).toISOString()).toBe('2022-12-01T00:00:00.000Z');
  });

  it('the getter grants again after the reset', () => {
    const input = { table: tableOf([used]), now: Date.parse('2022-09-20T00:00:00Z') };
    expect(getMeteredEntitlement(input, 'feature-demo-03', { requestedUsage: 1 }).hasAccess).toBe(false);
    const later = { ...input, now: Date.parse('2022-10-02T00:00:00Z') };
    expect(getMeteredEntitlement(later, 'feature-demo-03', { requestedUsage: 1 })).toMatchObject({ hasAccess: true, currentUsage: 0 });
  });

  it('without an anchor the usage resets but the new period is unknown', () => {
    const { usagePeriodAnchor: _a, ...noAnchor } = used;
    const rolled = rolledOver(noAnchor, Date.parse('2022-11-03T00:00:00Z'));
    expect(rolled.currentUsage).toBe(0);
    expect(rolled.usagePeriodEnd).toBeUndefined();
  });

  it('non-metered features never roll over', () => {
    const numeric = entitlementMap(toSnapshot([{ ...feature01, usagePeriodEnd: '2022-01-01T00:00:00Z', currentUsage: 5 }], 0))['feature-demo-01']!;
    expect(rolledOver(numeric, Date.parse('2023-01-01T00:00:00Z'))).toBe(numeric);
  });

  it('a table is valid until the earliest period end still to come, rolled over or not', () => {
    const later = { ...used, featureId: 'later', feature: { ...used.feature!, id: 'later' }, usagePeriodEnd: Date.parse('2022-10-15T00:00:00Z') };
    const plain = entitlementMap(toSnapshot([feature01], 0))['feature-demo-01']!;
    const validUntil = (now: number) => tableOf([plain, later, used], now).validUntil;
    expect(validUntil(Date.parse('2022-09-20T00:00:00Z'))).toBe(Date.parse('2022-10-01T00:00:00Z'));
    expect(validUntil(Date.parse('2022-10-05T00:00:00Z'))).toBe(Date.parse('2022-10-15T00:00:00Z'));
    // Both rolled over into their anchor's month: the period ending November 1st, then December 1st.
    expect(validUntil(Date.parse('2022-10-20T00:00:00Z'))).toBe(Date.parse('2022-11-01T00:00:00Z'));
    expect(validUntil(Date.parse('2022-11-03T00:00:00Z'))).toBe(Date.parse('2022-12-01T00:00:00Z'));
  });
});
