// The decision table: what the synchronous getters read. Built from the stored
// snapshot, the usage recorded on this device and the clock, and dated so the page
// knows when it must be rebuilt (a period end, or the cached data growing too old).
import { isMeteredFeature } from './decide';
import type { CachedEntitlement, EntitlementSnapshot } from './model';
import { countsInPeriod, isPending, type LocalUsageRecord } from './local-usage';
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
  /** Effective entitlements: rolled over to `builtAt` and with local usage added. */
  entitlements: Record<string, CachedEntitlement>;
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

/** Pending local usage per feature, counted within each entitlement's current period. */
function localUsageByFeature(
  entitlements: Record<string, CachedEntitlement>,
  stored: Record<string, CachedEntitlement>,
  records: readonly LocalUsageRecord[],
): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const record of records) {
    const current = entitlements[record.featureId];
    const original = stored[record.featureId];
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
  const stored = record.snapshot.entitlements;
  // Periods are the server's: roll over on its time (the device's clock may be off by hours).
  const offset = record.serverOffsetMs ?? 0;
  const serverNow = now + offset;
  const entitlements: Record<string, CachedEntitlement> = {};
  for (const [featureId, entitlement] of Object.entries(stored)) entitlements[featureId] = rolledOver(entitlement, serverNow);
  const localUsage = localUsageByFeature(entitlements, stored, input.localUsage);
  for (const [featureId, amount] of Object.entries(localUsage)) {
    const entitlement = entitlements[featureId]!;
    entitlements[featureId] = { ...entitlement, currentUsage: entitlement.currentUsage + amount };
  }
  const periodEnd = (nextPeriodEnd(Object.values(stored), serverNow) ?? Number.POSITIVE_INFINITY) - offset;
  return {
    partitionKey: record.partitionKey,
    entitlements,
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
 * existed are compared as JSON (a key-order difference costs one extra update, no more).
 */
export function recordChanged(previous: SnapshotRecord | null | undefined, next: SnapshotRecord): boolean {
  if (previous?.changedAt !== undefined && next.changedAt !== undefined) return previous.changedAt !== next.changedAt;
  return (
    !previous ||
    previous.snapshot.lastUpdate !== next.snapshot.lastUpdate ||
    JSON.stringify(previous.snapshot.entitlements) !== JSON.stringify(next.snapshot.entitlements)
  );
}

/** Stored or fetched data replaces a server bootstrap (core/bootstrap.ts) only when the network confirmed it later. */
export function replacesBootstrap(bootstrap: SnapshotRecord, record: SnapshotRecord): boolean {
  return record.fetchedAt > bootstrap.fetchedAt;
}
