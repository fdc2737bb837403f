// The decision table: what the synchronous getters read. Built from the stored
// snapshot, the usage recorded on this device and the clock, and dated so the page
// knows when it must be rebuilt (a period end, or the cached data growing too old).
import { isMeteredFeature } from './decide';
import type { CachedEntitlement, EntitlementSnapshot } from './model';
import { countsInPeriod, isPending, type LocalUsageRecord } from './local-usage';
import { PackedEntitlements, samePack } from './packed-entitlements';
import { nextPeriodEnd, rolledOver } from './rollover';

export type { LocalUsageRecord } from './local-usage';
export { isPending } from './local-usage';

/** A partition's snapshot as the engine stores it. */
export interface SnapshotRecord {
  partitionKey: string;
  snapshot: EntitlementSnapshot;
  /** When the network last confirmed this data (a 304 counts). */
  fetchedAt: number;
  etag?: string | undefined;
  /** When the engine last saw the content change: equal stamps mean equal content, so readers need not compare. */
  changedAt?: number | undefined;
  /**
   * The server's clock minus this device's when the answer arrived (from its `Date`
   * header): usage periods roll over on the server's time, whatever the device's says.
   */
  serverOffsetMs?: number | undefined;
}

export type AnswerSource = 'network' | 'cache' | 'bootstrap' | 'local-usage' | 'fallback';
/** Where a table's data came from: this page's fetch, storage, or the server's bootstrap. */
export type DataOrigin = 'network' | 'cache' | 'bootstrap';

export interface DecisionTable {
  partitionKey: string;
  /** The snapshot's packed entitlements, as stored. */
  packed: ArrayBuffer;
  /**
   * The entitlements that differ from the stored ones at `builtAt`: rolled over, or with
   * local usage added (metered ones only, so usually few). `tableEntitlement` reads both.
   */
  changed: Record<string, CachedEntitlement>;
  /** Local usage added per feature, for provenance. */
  localUsage: Record<string, number>;
  fetchedAt: number;
  /** 'network' when fetched during this page's life, 'cache' when read back from storage, 'bootstrap' when handed over by the app's server. */
  origin: DataOrigin;
  builtAt: number;
  /** When the table must be rebuilt: the next period end, or when the data becomes too old. */
  validUntil: number;
}

export interface TableInput {
  record: SnapshotRecord;
  localUsage: readonly LocalUsageRecord[];
  now: number;
  /** Cached data older than this is no longer served as real data. */
  cacheMaxAgeMs: number;
  origin: DataOrigin;
}

/** The reader of a snapshot's packed entitlements. */
export const entitlementsOf = (snapshot: EntitlementSnapshot): PackedEntitlements => PackedEntitlements.of(snapshot.packed);

/** A feature's effective entitlement in a table. */
export function tableEntitlement(table: DecisionTable, featureId: string): CachedEntitlement | undefined {
  return Object.hasOwn(table.changed, featureId) ? table.changed[featureId] : PackedEntitlements.of(table.packed).get(featureId);
}

/** Every effective entitlement in a table (decodes them all: for whole-list reads). */
export function tableEntitlements(table: DecisionTable): CachedEntitlement[] {
  return [...PackedEntitlements.of(table.packed).all()].map((stored) => table.changed[stored.featureId] ?? stored);
}

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

/** The table for `now`, or null when the data is too old to be served as real. */
export function buildDecisionTable(input: TableInput): DecisionTable | null {
  const { record, now, cacheMaxAgeMs } = input;
  const expiresAt = record.fetchedAt + cacheMaxAgeMs;
  if (now >= expiresAt) return null;
  const stored = entitlementsOf(record.snapshot);
  // Periods are the server's: roll over on its time (the device's clock may be off by hours).
  const offset = record.serverOffsetMs ?? 0;
  const serverNow = now + offset;
  // Only metered entitlements roll over, take local usage or end a period.
  const metered = [...stored.metered()];
  const changed: Record<string, CachedEntitlement> = {};
  for (const entitlement of metered) {
    const current = rolledOver(entitlement, serverNow);
    if (current !== entitlement) changed[entitlement.featureId] = current;
  }
  const localUsage = localUsageByFeature(changed, stored, input.localUsage);
  for (const [featureId, amount] of Object.entries(localUsage)) {
    const entitlement = changed[featureId] ?? stored.get(featureId)!;
    changed[featureId] = { ...entitlement, currentUsage: entitlement.currentUsage + amount };
  }
  const periodEnd = (nextPeriodEnd(metered, serverNow) ?? Number.POSITIVE_INFINITY) - offset;
  return {
    partitionKey: record.partitionKey,
    packed: record.snapshot.packed,
    changed,
    localUsage,
    fetchedAt: record.fetchedAt,
    origin: input.origin,
    builtAt: now,
    validUntil: Math.min(periodEnd, expiresAt),
  };
}

export interface FeatureProvenance {
  source: AnswerSource;
  /** When the network last confirmed the data behind the answer. */
  fetchedAt?: number;
  ageMs?: number;
  /** Units recorded on this device and not yet counted by the server. */
  localUsage?: number;
}

/**
 * Where an answer comes from. Network data stays 'network' while younger than
 * `liveForMs` (the page passes two polling intervals); older, it is served from 'cache'.
 */
export function provenanceOf(table: DecisionTable | null, featureId: string, now: number, liveForMs: number): FeatureProvenance {
  if (!table) return { source: 'fallback' };
  const localUsage = table.localUsage[featureId];
  const ageMs = Math.max(0, now - table.fetchedAt);
  const base = { fetchedAt: table.fetchedAt, ageMs };
  if (localUsage) return { source: 'local-usage', ...base, localUsage };
  if (table.origin === 'bootstrap') return { source: 'bootstrap', ...base };
  return { source: table.origin === 'network' && ageMs < liveForMs ? 'network' : 'cache', ...base };
}

/**
 * Whether a record brings other entitlements than the previous one. The engine stamps
 * each content change, so equal stamps mean equal content; records from before stamps
 * existed are compared by their packed bytes (an order difference costs one extra update, no more).
 */
export function recordChanged(previous: SnapshotRecord | null | undefined, next: SnapshotRecord): boolean {
  if (previous?.changedAt !== undefined && next.changedAt !== undefined) return previous.changedAt !== next.changedAt;
  return (
    !previous ||
    previous.snapshot.lastUpdate !== next.snapshot.lastUpdate ||
    !samePack(previous.snapshot.packed, next.snapshot.packed)
  );
}

/** Stored or fetched data replaces a server bootstrap (core/bootstrap.ts) only when the network confirmed it later. */
export function replacesBootstrap(bootstrap: SnapshotRecord, record: SnapshotRecord): boolean {
  return record.fetchedAt > bootstrap.fetchedAt;
}
