// Test helpers over packed entitlements: snapshots from plain objects, and back.
import type { CachedEntitlement, EntitlementSnapshot } from '../model';
import { packEntitlements } from '../pack-entitlements';
import { buildDecisionTable, entitlementsOf } from '../build-table';
import { tableEntitlements, type DecisionTable } from '../table';

/** A snapshot's entitlements by feature id. */
export function entitlementMap(snapshot: EntitlementSnapshot): Record<string, CachedEntitlement> {
  return Object.fromEntries([...entitlementsOf(snapshot).all()].map((entitlement) => [entitlement.featureId, entitlement]));
}

/** A table's effective entitlements by feature id. */
export function tableMap(table: DecisionTable): Record<string, CachedEntitlement> {
  return Object.fromEntries(tableEntitlements(table).map((entitlement) => [entitlement.featureId, entitlement]));
}

export function snapshotWith(entitlements: Iterable<CachedEntitlement>, lastUpdate: number): EntitlementSnapshot {
  return { packed: packEntitlements(entitlements), lastUpdate };
}

/** A table serving these entitlements as stored, for getter tests. */
export function tableOf(entitlements: EntitlementSnapshot | Iterable<CachedEntitlement>, now = 0): DecisionTable {
  const snapshot = 'packed' in entitlements ? entitlements : snapshotWith(entitlements, now);
  const record = { partitionKey: 'p', snapshot, fetchedAt: now };
  return buildDecisionTable({ record, localUsage: [], now, cacheMaxAgeMs: Number.POSITIVE_INFINITY, origin: 'cache' })!;
}
