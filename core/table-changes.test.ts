import { describe, expect, it } from 'vitest';
import { buildDecisionTable, entitlementsOf } from './build-table';
import type { LocalUsageRecord, SnapshotRecord } from './table';
import { meteredPart, recordBasis, tableChanges, withChanges } from './table-changes';
import { isMeteredFeature } from './decide';
import { toSnapshot } from './wire';
import { GUIDE_NOW, guideEntitlements } from './test/wire-fixtures';
import { entitlementMap, tableMap } from './test/packed';

const record: SnapshotRecord = { partitionKey: 'p', snapshot: toSnapshot(guideEntitlements, 0), fetchedAt: GUIDE_NOW - 1000, changedAt: 7 };
const usage: LocalUsageRecord = { id: 'u1', partitionKey: 'p', featureId: 'feature-demo-03', amount: 1, recordedAt: GUIDE_NOW - 10, expectedUsage: 1, periodStart: Date.parse('2022-09-01T00:00:00.000Z') };
const table = (now: number, localUsage: LocalUsageRecord[] = []) =>
  buildDecisionTable({ record, localUsage, now, cacheMaxAgeMs: 90 * 86_400_000, origin: 'cache' })!;
/** As the page receives it from the worker: a structured clone. */
const acrossTheBoundary = <T>(value: T): T => structuredClone(value);

describe('table changes', () => {
  it('carry nothing when the table is the record as stored, and rebuild an equal table from the page’s record', () => {
    const built = table(GUIDE_NOW);
    const changes = acrossTheBoundary(tableChanges(built));
    expect(changes.changed).toEqual({});
    const rebuilt = withChanges(changes, record);
    expect(rebuilt).toEqual(built);
    expect(rebuilt.entries).toBe(entitlementsOf(record.snapshot));
    expect('entries' in changes).toBe(false);
  });

  it('carry only the entitlements with local usage added or rolled over into a new period', () => {
    const withUsage = tableChanges(table(GUIDE_NOW, [usage]));
    expect(Object.keys(withUsage.changed)).toEqual(['feature-demo-03']);
    expect(withChanges(acrossTheBoundary(withUsage), record)).toEqual(table(GUIDE_NOW, [usage]));

    const october = Date.parse('2022-10-05T00:00:00Z');
    const rolled = tableChanges(table(october));
    expect(Object.keys(rolled.changed)).toEqual(['feature-demo-03']);
    expect(rolled.changed['feature-demo-03']!.currentUsage).toBe(0);
    expect(withChanges(acrossTheBoundary(rolled), record)).toEqual(table(october));
  });

  it('a record’s basis survives a clone and tells records with other data or another fetch apart', () => {
    const basis = recordBasis(record);
    expect(recordBasis(acrossTheBoundary(record))).toBe(basis);
    expect(recordBasis({ ...record, fetchedAt: record.fetchedAt + 1 })).not.toBe(basis);
    expect(recordBasis({ ...record, changedAt: 8 })).not.toBe(basis);
    expect(recordBasis({ ...record, snapshot: { ...record.snapshot, lastUpdate: record.snapshot.lastUpdate + 1 } })).not.toBe(basis);
  });

  it('built from the metered part alone (as the worker holds it), give the same table against the whole record', () => {
    const part = meteredPart(record);
    const all = Object.values(entitlementMap(record.snapshot));
    expect(Object.keys(entitlementMap(part.snapshot)).sort()).toEqual(all.filter((e) => isMeteredFeature(e.feature)).map((e) => e.featureId).sort());
    expect(Object.keys(entitlementMap(part.snapshot)).length).toBeLessThan(all.length);
    expect(recordBasis(part)).toBe(recordBasis(record));
    const october = Date.parse('2022-10-05T00:00:00Z');
    for (const [now, localUsage] of [[GUIDE_NOW, []], [GUIDE_NOW, [usage]], [october, []], [october, [usage]]] as const) {
      const inWorker = buildDecisionTable({ record: acrossTheBoundary(part), localUsage, now, cacheMaxAgeMs: 90 * 86_400_000, origin: 'cache' })!;
      const changes = acrossTheBoundary(tableChanges(inWorker));
      expect(withChanges(changes, record)).toEqual(table(now, [...localUsage]));
    }
  });

  it('from a damaged buffer, are none: the metered part passes it on and no table is built', () => {
    const damaged: SnapshotRecord = { ...record, snapshot: { ...record.snapshot, packed: new ArrayBuffer(64) } };
    expect(meteredPart(damaged)).toBe(damaged);
    expect(buildDecisionTable({ record: meteredPart(damaged), localUsage: [], now: GUIDE_NOW, cacheMaxAgeMs: 86_400_000, origin: 'cache' })).toBeNull();
  });
});
