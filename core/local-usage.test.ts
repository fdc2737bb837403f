import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide } from './decide';
import { isPending, newRecordBase, type LocalUsageRecord } from './local-usage';
import type { CachedEntitlement } from './model';
import { settledLocalUsage } from './snapshot-arrival';
import { buildDecisionTable } from './build-table';
import type { SnapshotRecord } from './table';
import { snapshotWith, tableMap } from './test/packed';

const DAY = 86_400_000;
const SERVER_T0 = Date.parse('2026-11-10T12:00:00.000Z');
const PERIOD_START = Date.parse('2026-11-01T00:00:00.000Z');
const PERIOD_END = Date.parse('2026-12-01T00:00:00.000Z');

function entitlement(currentUsage: number, usageLimit: number, usageUpdatedAt: number): CachedEntitlement {
  return {
    featureId: 'f',
    feature: { id: 'f', featureType: 'NUMBER', meterType: 'Incremental', displayName: 'f' },
    isGranted: true,
    usageLimit,
    hasUnlimitedUsage: false,
    hasSoftLimit: false,
    currentUsage,
    usageUpdatedAt,
    usagePeriodStart: PERIOD_START,
    usagePeriodEnd: PERIOD_END,
    usagePeriodAnchor: PERIOD_START,
    resetPeriod: 'MONTH',
  } as CachedEntitlement;
}

function snapshotRecord(e: CachedEntitlement, serverOffsetMs: number): SnapshotRecord {
  return { partitionKey: 'p', snapshot: snapshotWith([e], e.usageUpdatedAt ?? 0), fetchedAt: 0, serverOffsetMs };
}

/** What the engine does for one recordUsage with a limit check (engine/local-usage.ts), on the device's clock. */
function tryRecord(record: SnapshotRecord, local: LocalUsageRecord[], deviceNow: number, id: string): LocalUsageRecord | null {
  const table = buildDecisionTable({ record, localUsage: local, now: deviceNow, cacheMaxAgeMs: Infinity, origin: 'cache' })!;
  const effective = tableMap(table).f;
  if (!decide(effective, 1).hasAccess) return null;
  return { id, partitionKey: 'p', featureId: 'f', amount: 1, recordedAt: deviceNow, ...newRecordBase(effective, 1) };
}

const usageOf = (record: SnapshotRecord, local: LocalUsageRecord[], deviceNow: number) =>
  tableMap(buildDecisionTable({ record, localUsage: local, now: deviceNow, cacheMaxAgeMs: Infinity, origin: 'cache' })!).f!.currentUsage;

describe('local usage against the server, whatever the device clock says (property)', () => {
  it('never exceeds the limit, never counts a unit twice, never loses one, with the device clock up to a day off', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -DAY, max: DAY }), // device clock minus server clock
        fc.integer({ min: 0, max: 5 }), // server usage before
        fc.integer({ min: 1, max: 8 }), // limit
        fc.integer({ min: 0, max: 12 }), // units the app tries to record offline
        fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 4 }), // how many recorded units the server has counted, at each later sync
        fc.boolean(), // whether the engine knows the offset (the server sent a Date header)
        (skew, before, limit, attempts, countedSteps, knowsOffset) => {
          const serverOffset = knowsOffset ? -skew : 0;
          const server = snapshotRecord(entitlement(before, limit, SERVER_T0 - 60_000), serverOffset);
          const deviceNow = SERVER_T0 + skew;
          let local: LocalUsageRecord[] = [];
          for (let i = 0; i < attempts; i += 1) {
            const added = tryRecord(server, local, deviceNow + i, `u${i}`);
            if (added) local = [...local, added];
          }
          const accepted = local.length;
          // Never beyond the limit through local usage, and every free unit is taken.
          expect(accepted).toBe(Math.min(attempts, Math.max(0, limit - before)));
          expect(usageOf(server, local, deviceNow)).toBe(before + accepted);
          // The app's backend reports units; each sync shows the server counting more of them.
          let counted = 0;
          for (const [step, target] of countedSteps.entries()) {
            counted = Math.max(counted, Math.min(accepted, target));
            const arrived = snapshotRecord(entitlement(before + counted, limit, SERVER_T0 + (step + 1) * 1000), serverOffset);
            const settled = new Set(settledLocalUsage(arrived, local).map((r) => r.id));
            local = local.filter((r) => !settled.has(r.id));
            // Counted once: by the server or locally, never both, never neither.
            expect(usageOf(arrived, local, deviceNow + 10_000)).toBe(before + accepted);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a unit of an earlier period stops counting once the server is in the next period', () => {
    const recorded: LocalUsageRecord = { id: 'u', partitionKey: 'p', featureId: 'f', amount: 1, recordedAt: 0, expectedUsage: 3, periodStart: PERIOD_START };
    const next = { ...entitlement(0, 5, SERVER_T0), usagePeriodStart: PERIOD_END, usagePeriodEnd: PERIOD_END + 30 * DAY };
    expect(isPending(recorded, next)).toBe(false);
    expect(isPending(recorded, entitlement(2, 5, SERVER_T0))).toBe(true);
    expect(isPending(recorded, entitlement(3, 5, SERVER_T0))).toBe(false);
  });

  it('rolls over on the server clock: a device a day ahead does not start the next period early', () => {
    const nearEnd = PERIOD_END - 12 * 3_600_000;
    const server = snapshotRecord(entitlement(5, 5, nearEnd - 60_000), -DAY);
    // The device reads a day past the period end; the server says the period still runs.
    expect(usageOf(server, [], nearEnd + DAY)).toBe(5);
    expect(tryRecord(server, [], nearEnd + DAY, 'u')).toBeNull();
  });
});
