// A decision table as the metering worker sends it to the page: everything but the
// packed entitlements, which the page holds already in the record it sent. So the buffer
// is neither copied back nor kept twice in the page's memory.
import { entitlementsOf } from './build-table';
import { packEntitlements } from './pack-entitlements';
import { isPack } from './packed-entitlements';
import type { DecisionTable, SnapshotRecord } from './table';

export type TableChanges = Omit<DecisionTable, 'entries'>;

export function tableChanges({ entries: _entries, ...changes }: DecisionTable): TableChanges {
  return changes;
}

/** The whole table again, on the page's copy of the entitlements. `record` must be the one the changes were made against. */
export function withChanges(changes: TableChanges, record: SnapshotRecord): DecisionTable {
  return { ...changes, entries: entitlementsOf(record.snapshot) };
}

/** A record's identity that survives a structured clone: its fetch time and content stamps. */
export const recordBasis = (record: SnapshotRecord): string =>
  `${record.fetchedAt}/${record.changedAt ?? '-'}/${record.snapshot.lastUpdate}`;

/**
 * The part of a record the metering worker needs: its metered entitlements. Only they
 * roll over, take local usage or end a period, so a table built from this part has the
 * same changes as one built from the whole. The worker then holds a third of the catalog
 * or less instead of a copy of all of it. A buffer that cannot be read is passed on as it
 * is: the table built from it is null, as from the whole record.
 */
export function meteredPart(record: SnapshotRecord): SnapshotRecord {
  if (!isPack(record.snapshot.packed)) return record;
  const packed = packEntitlements(entitlementsOf(record.snapshot).metered());
  return { ...record, snapshot: { ...record.snapshot, packed } };
}
