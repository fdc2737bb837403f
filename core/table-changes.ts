// A decision table as the metering worker sends it to the page: only the entitlements
// that differ from the record it was built from (rolled over, or with local usage
// added), usually none. The page holds that record already, so the table's other
// entries need not be copied across, nor kept twice in the page's memory.
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
