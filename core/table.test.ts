import { describe, expect, it, vi } from 'vitest';
import { getMeteredEntitlement } from './results';
import { buildDecisionTable, entitlementsOf } from './build-table';
import { provenanceOf, recordChanged, type LocalUsageRecord, type SnapshotRecord } from './table';
import { toSnapshot } from './wire';
import { GUIDE_NOW, feature03, guideEntitlements } from './test/wire-fixtures';
import { sameSnapshot, settledLocalUsage } from './snapshot-arrival';
import { entitlementMap, snapshotWith, tableMap } from './test/packed';

const record: SnapshotRecord = { partitionKey: 'p', snapshot: toSnapshot(guideEntitlements, 0), fetchedAt: GUIDE_NOW - 1000 };
const SEPTEMBER = Date.parse('2022-09-01T00:00:00.000Z');
/** A record as the engine makes it: against the server's usage (0 in the fixtures) plus what was recorded before. */
const usage = (amount: number, recordedAt: number, featureId = 'feature-demo-03', expectedUsage = amount): LocalUsageRecord => ({
  id: `u${recordedAt}`,
  partitionKey: 'p',
  featureId,
  amount,
  recordedAt,
  expectedUsage,
  periodStart: SEPTEMBER,
});
const build = (localUsage: LocalUsageRecord[], now = GUIDE_NOW, cacheMaxAgeMs = 86_400_000) =>
  buildDecisionTable({ record, localUsage, now, cacheMaxAgeMs, origin: 'cache' });

describe('decision table', () => {
  it('adds pending local usage to the server figure', () => {
    const table = build([usage(1, GUIDE_NOW - 10), usage(1, GUIDE_NOW - 5, 'feature-demo-03', 2)])!;
    expect(tableMap(table)['feature-demo-03']!.currentUsage).toBe(2);
    expect(getMeteredEntitlement({ table, now: GUIDE_NOW }, 'feature-demo-03', { requestedUsage: 1 }).hasAccess).toBe(false);
    expect(provenanceOf(table, 'feature-demo-03', GUIDE_NOW, 60_000)).toEqual({ source: 'local-usage', fetchedAt: record.fetchedAt, ageMs: 1000, localUsage: 2 });
    expect(provenanceOf(table, 'feature-demo-01', GUIDE_NOW, 60_000).source).toBe('cache');
    const live = { ...table, origin: 'network' as const };
    expect(provenanceOf(live, 'feature-demo-01', GUIDE_NOW, 60_000).source).toBe('network');
    expect(provenanceOf(live, 'feature-demo-01', GUIDE_NOW + 60_000, 60_000).source).toBe('cache');
  });

  it('stops counting local usage once the server has caught up, whatever the record’s device time', () => {
    const stored = entitlementMap(record.snapshot)['feature-demo-03']!;
    const counted1: SnapshotRecord = {
      ...record,
      snapshot: { ...record.snapshot, packed: snapshotWith(Object.values({ ...entitlementMap(record.snapshot), 'feature-demo-03': { ...stored, currentUsage: 1 } }), 0).packed },
    };
    const first = usage(1, GUIDE_NOW + 86_400_000);
    const second = usage(1, GUIDE_NOW - 86_400_000, 'feature-demo-03', 2);
    const table = buildDecisionTable({ record: counted1, localUsage: [first, second], now: GUIDE_NOW, cacheMaxAgeMs: 86_400_000, origin: 'cache' })!;
    expect(tableMap(table)['feature-demo-03']!.currentUsage).toBe(2);
    expect(settledLocalUsage(counted1, [first, second])).toEqual([first]);
    // Records from before this rule (no expectedUsage) count as settled.
    const legacy: LocalUsageRecord = { id: 'old', partitionKey: 'p', featureId: 'feature-demo-03', amount: 1, recordedAt: GUIDE_NOW };
    expect(tableMap(build([legacy])!)['feature-demo-03']!.currentUsage).toBe(0);
  });

  it('decodes only the metered entitlements whose period has ended (a catalog can hold 50,000)', () => {
    const entries = entitlementsOf(record.snapshot);
    const decoded = vi.spyOn(entries, 'meteredAt');
    const all = vi.spyOn(entries, 'all');
    expect(build([])!.changed).toEqual({});
    expect(decoded).not.toHaveBeenCalled();
    const october = build([], Date.parse('2022-10-05T00:00:00Z'), 90 * 86_400_000)!;
    expect(Object.keys(october.changed)).toEqual(['feature-demo-03']);
    expect(decoded).toHaveBeenCalledTimes(1);
    expect(all).not.toHaveBeenCalled();
  });

  it('ignores local usage for features that are not metered', () => {
    expect(build([usage(5, GUIDE_NOW, 'feature-demo-01')])!.localUsage).toEqual({});
  });

  it('drops local usage from a period that has ended', () => {
    const october = Date.parse('2022-10-05T00:00:00Z');
    const table = build([usage(2, GUIDE_NOW)], october, 90 * 86_400_000)!;
    expect(tableMap(table)['feature-demo-03']!.currentUsage).toBe(0);
    expect(table.validUntil).toBe(Date.parse('2022-11-01T00:00:00Z'));
  });

  it('refuses to serve data older than the maximum age', () => {
    expect(build([], record.fetchedAt + 5000, 5000)).toBeNull();
    expect(provenanceOf(null, 'x', 0, 1)).toEqual({ source: 'fallback' });
    expect(build([], record.fetchedAt + 4000, 5000)!.validUntil).toBe(record.fetchedAt + 5000);
  });

  it('recordChanged trusts the engine’s change stamps and compares content without them', () => {
    const stamped = { ...record, changedAt: 5 };
    const sameContentOtherStamp = { ...record, changedAt: 6 };
    expect(recordChanged(stamped, { ...stamped, fetchedAt: 99 })).toBe(false);
    expect(recordChanged(stamped, sameContentOtherStamp)).toBe(true);
    expect(recordChanged(record, { ...record, fetchedAt: 99 })).toBe(false);
    const changed = toSnapshot([guideEntitlements[0], guideEntitlements[1], { ...feature03, currentUsage: 1 }], 0);
    expect(recordChanged(record, { ...record, snapshot: changed })).toBe(true);
    expect(recordChanged(record, { ...record, snapshot: { ...record.snapshot, lastUpdate: record.snapshot.lastUpdate + 1 } })).toBe(true);
    expect(recordChanged(null, record)).toBe(true);
  });

  it('sameSnapshot: an equal answer is the same, a changed figure is not (another order counts as a change: one extra broadcast)', () => {
    const again = toSnapshot(structuredClone(guideEntitlements), 0);
    expect(sameSnapshot(record.snapshot, again)).toBe(true);
    expect(sameSnapshot(record.snapshot, toSnapshot([...guideEntitlements].reverse(), 0))).toBe(false);
    const changed = toSnapshot([guideEntitlements[0], guideEntitlements[1], { ...feature03, currentUsage: 1 }], 0);
    expect(sameSnapshot(record.snapshot, changed)).toBe(false);
    expect(sameSnapshot(undefined, again)).toBe(false);
  });
});
