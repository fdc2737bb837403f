// What the engine decides when a fresh snapshot arrives: whether its content changed
// (tabs are told about changes only), and which usage recorded on this device the server
// has now counted. Engine-only rules, kept apart from the table so pages never load them.
import type { EntitlementSnapshot } from './model';
import { samePack } from './same-pack';
import { entitlementsOf } from './build-table';
import { isPending } from './local-usage';
import type { LocalUsageRecord, SnapshotRecord } from './table';

/**
 * Whether two snapshots carry the same entitlements (the broadcast-on-change test).
 * Packing is deterministic, so equal answers give equal bytes; the same entitlements in
 * another order cost one extra broadcast, no more.
 */
export function sameSnapshot(a: EntitlementSnapshot | undefined, b: EntitlementSnapshot): boolean {
  return !!a && a.lastUpdate === b.lastUpdate && samePack(a.packed, b.packed);
}

/** Local records the server has caught up with (or that name no loaded feature) can go. */
export function settledLocalUsage(record: SnapshotRecord, localUsage: readonly LocalUsageRecord[]): LocalUsageRecord[] {
  const stored = entitlementsOf(record.snapshot);
  return localUsage.filter((usage) => {
    const entitlement = stored.get(usage.featureId);
    return !entitlement || !isPending(usage, entitlement);
  });
}
