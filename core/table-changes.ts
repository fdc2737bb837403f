// A decision table as the metering worker sends it to the page: only the entitlements
// that differ from the record it was built from (rolled over, or with local usage
// added), usually none. The page holds that record already, so the table's other
// entries need not be copied across, nor kept twice in the page's memory.
import { isMeteredFeature } from './decide';
import type { CachedEntitlement } from './model';
import type { DecisionTable, SnapshotRecord } from './table';

export interface TableChanges extends Omit<DecisionTable, 'entitlements'> {
  changed: Record<string, CachedEntitlement>;
}

/** The table's entries that are not the record's own objects. The table must be built from `record`. */
export function tableChanges({ entitlements, ...rest }: DecisionTable, record: SnapshotRecord): TableChanges {
  const stored = record.snapshot.entitlements;
  const changed: Record<string, CachedEntitlement> = {};
  for (const [featureId, entitlement] of Object.entries(entitlements)) {
    if (entitlement !== stored[featureId]) changed[featureId] = entitlement;
  }
  return { ...rest, changed };
}

/** The whole table again, sharing the record's entitlement objects. `record` must be the one the changes were made against. */
export function withChanges({ changed, ...rest }: TableChanges, record: SnapshotRecord): DecisionTable {
  return { ...rest, entitlements: { ...record.snapshot.entitlements, ...changed } };
}

/** A record's identity that survives a structured clone: its fetch time and content stamps. */
export const recordBasis = (record: SnapshotRecord): string =>
  `${record.fetchedAt}/${record.changedAt ?? '-'}/${record.snapshot.lastUpdate}`;

/**
 * The part of a record the metering worker needs: its metered entitlements. Only they
 * roll over, take local usage or end a period, so a table built from this part differs
 * from the record in the same entries as one built from the whole, and `withChanges`
 * against the whole record gives the same table. The worker then holds a third of the
 * catalog or less instead of a copy of all of it.
 */
export function meteredPart(record: SnapshotRecord): SnapshotRecord {
  const metered: Record<string, CachedEntitlement> = {};
  for (const [featureId, entitlement] of Object.entries(record.snapshot.entitlements)) {
    if (isMeteredFeature(entitlement.feature)) metered[featureId] = entitlement;
  }
  return { ...record, snapshot: { ...record.snapshot, entitlements: metered } };
}
