// The decision table: what the synchronous getters read. Built from the stored
// snapshot, the usage recorded on this device and the clock, and dated so the page
// knows when it must be rebuilt (a period end, or the cached data growing too old).
// Built by ./build-table.ts; this module holds only what reading one needs, so a page
// that has no data yet loads none of the building.
import type { CachedEntitlement, EntitlementSnapshot } from './model';
import type { LocalUsageRecord } from './local-usage';
import type { PackedEntitlements } from './packed-entitlements';
import { samePack } from './same-pack';

export type { LocalUsageRecord } from './local-usage';

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
  /** The snapshot's entitlements, as stored (a reader of the record's packed buffer). */
  entries: PackedEntitlements;
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

/** A feature's effective entitlement in a table. */
export function tableEntitlement(table: DecisionTable, featureId: string): CachedEntitlement | undefined {
  return Object.hasOwn(table.changed, featureId) ? table.changed[featureId] : table.entries.get(featureId);
}

/** Every effective entitlement in a table (decodes them all: for whole-list reads). */
export function tableEntitlements(table: DecisionTable): CachedEntitlement[] {
  return [...table.entries.all()].map((stored) => table.changed[stored.featureId] ?? stored);
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
