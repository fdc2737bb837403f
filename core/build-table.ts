// Building a decision table (core/table.ts) from a stored snapshot, the usage recorded on
// this device and the clock.
import { isMeteredFeature } from './decide';
import type { CachedEntitlement, EntitlementSnapshot } from './model';
import { countsInPeriod, isPending, type LocalUsageRecord } from './local-usage';
import { isPack, readPack, type PackedEntitlements } from './packed-entitlements';
import { rolledOver } from './rollover';
import type { DecisionTable, TableInput } from './table';

/** The reader of a snapshot's packed entitlements; throws when the buffer is not a valid pack. */
export const entitlementsOf = (snapshot: EntitlementSnapshot): PackedEntitlements => readPack(snapshot.packed);

/** Pending local usage per feature, counted within each entitlement's current period. */
function localUsageByFeature(
  changed: Record<string, CachedEntitlement>,
  stored: PackedEntitlements,
  records: readonly LocalUsageRecord[],
): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const record of records) {
    const original = stored.get(record.featureId);
    const current = changed[record.featureId] ?? original;
    if (!current || !original || !isMeteredFeature(current.feature) || !isPending(record, original)) continue;
    if (!countsInPeriod(record, current)) continue;
    totals[record.featureId] = (totals[record.featureId] ?? 0) + record.amount;
  }
  return totals;
}

/**
 * The table for `now`, or null when the data is too old to be served as real, or its
 * packed entitlements cannot be read (damaged storage: as good as nothing stored).
 */
export function buildDecisionTable(input: TableInput): DecisionTable | null {
  const { record, now, cacheMaxAgeMs } = input;
  const expiresAt = record.fetchedAt + cacheMaxAgeMs;
  if (now >= expiresAt || !isPack(record.snapshot.packed)) return null;
  const stored = entitlementsOf(record.snapshot);
  // Periods are the server's: roll over on its time (the device's clock may be off by hours).
  const offset = record.serverOffsetMs ?? 0;
  const serverNow = now + offset;
  // Only metered entitlements roll over, take local usage or end a period; only those
  // whose period has ended are decoded (a catalog can hold 50,000).
  const changed: Record<string, CachedEntitlement> = {};
  let periodEnd = Number.POSITIVE_INFINITY;
  for (let position = 0; position < stored.meteredCount; position += 1) {
    let end = stored.meteredPeriodEnd(position);
    if (end !== undefined && serverNow >= end) {
      const entitlement = stored.meteredAt(position);
      const current = rolledOver(entitlement, serverNow);
      if (current !== entitlement) changed[entitlement.featureId] = current;
      end = current.usagePeriodEnd;
    }
    if (end !== undefined && end < periodEnd) periodEnd = end;
  }
  const localUsage = localUsageByFeature(changed, stored, input.localUsage);
  for (const [featureId, amount] of Object.entries(localUsage)) {
    const entitlement = changed[featureId] ?? stored.get(featureId)!;
    changed[featureId] = { ...entitlement, currentUsage: entitlement.currentUsage + amount };
  }
  return {
    partitionKey: record.partitionKey,
    entries: stored,
    changed,
    localUsage,
    fetchedAt: record.fetchedAt,
    origin: input.origin,
    builtAt: now,
    validUntil: Math.min(periodEnd - offset, expiresAt),
  };
}

