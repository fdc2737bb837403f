// Local usage against the server's own figures, never against clocks. A record made on
// this device carries what the server had told when it was made: the usage it expected
// the server to reach once the unit is counted (the effective usage after the unit) and
// the usage period it was recorded in. It stays pending until the server's usage in that
// period reaches that figure, or the server has moved past the period. The device's
// clock never decides: it may be hours or a day off the server's (see docs/compat.md).
import type { CachedEntitlement } from './model';

/** Usage consumed on this device that the server may not have counted yet. */
export interface LocalUsageRecord {
  id: string;
  partitionKey: string;
  featureId: string;
  amount: number;
  /** Device time of the record: for display only, never compared with server stamps. */
  recordedAt: number;
  /**
   * The usage the server reaches once it has counted this unit: the effective usage
   * (server figure plus pending local usage) when it was recorded, plus `amount`.
   * Absent on records written before this rule: those count as settled (the next answer prunes them).
   */
  expectedUsage?: number | undefined;
  /** The usage period (its start, server time) the unit counts against; absent for periodless entitlements. */
  periodStart?: number | undefined;
}

/** Where a record stands against a server entitlement (as stored, not rolled over). */
export function isPending(record: LocalUsageRecord, server: CachedEntitlement): boolean {
  if (record.expectedUsage === undefined) return false;
  const serverPeriod = server.usagePeriodStart;
  if (record.periodStart !== undefined && serverPeriod !== undefined) {
    // The server is in a later period: its usage restarted, this unit no longer counts.
    if (serverPeriod > record.periodStart) return false;
    // The server has not reached the period this unit was recorded in (the device rolled over first).
    if (serverPeriod < record.periodStart) return true;
  }
  return server.currentUsage < record.expectedUsage;
}

/**
 * Whether a pending record counts in an entitlement's current period (as rolled over
 * locally): a unit of an earlier period does not.
 */
export function countsInPeriod(record: LocalUsageRecord, current: CachedEntitlement): boolean {
  return record.periodStart === undefined || current.usagePeriodStart === undefined || record.periodStart === current.usagePeriodStart;
}

/** The server-relative facts a new record carries, from the effective entitlement it was checked against. */
export function newRecordBase(effective: CachedEntitlement | undefined, amount: number): Pick<LocalUsageRecord, 'expectedUsage' | 'periodStart'> {
  if (!effective) return { expectedUsage: amount };
  const base: Pick<LocalUsageRecord, 'expectedUsage' | 'periodStart'> = { expectedUsage: effective.currentUsage + amount };
  if (effective.usagePeriodStart !== undefined) base.periodStart = effective.usagePeriodStart;
  return base;
}
