// What the engine decides when a fresh snapshot arrives: whether its content changed
// (tabs are told about changes only), and which usage recorded on this device the server
// has now counted. Engine-only rules, kept apart from the table so pages never load them.
import type { EntitlementSnapshot } from './model';
import { isPending, type LocalUsageRecord, type SnapshotRecord } from './table';

/** Whether two snapshots carry the same entitlements (the broadcast-on-change test). */
export function sameSnapshot(a: EntitlementSnapshot | undefined, b: EntitlementSnapshot): boolean {
  return !!a && a.lastUpdate === b.lastUpdate && stableJson(a.entitlements) === stableJson(b.entitlements);
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : inner,
  );
}

/** Local records the server has caught up with (or that name no loaded feature) can go. */
export function settledLocalUsage(record: SnapshotRecord, localUsage: readonly LocalUsageRecord[]): LocalUsageRecord[] {
  const stored = record.snapshot.entitlements;
  return localUsage.filter((usage) => {
    const entitlement = stored[usage.featureId];
    return !entitlement || !isPending(usage, entitlement);
  });
}
