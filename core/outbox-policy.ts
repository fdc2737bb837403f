// The outbox of `shouldTrack` entitlement-check reports: which entries to keep when it
// is full, which to send next and which to give up on. Pure, so the drop policy is
// testable and documented in one place (docs/engine.md).
import type { CheckReport } from './protocol';

/** Where an entry goes. Never the customer token: that stays in the engine's memory. */
export interface OutboxTarget {
  apiKey: string;
  customerId: string;
  resourceId?: string | undefined;
  baseUri: string;
  clientName?: string | undefined;
  clientVersion?: string | undefined;
  /** The page sent a customer token with this report; it must not go out without one. */
  needsCustomerToken: boolean;
}

export interface OutboxEntry {
  /** The report's idempotency key; also the storage key, so a report is queued once. */
  id: string;
  partitionKey: string;
  target: OutboxTarget;
  report: CheckReport;
  enqueuedAt: number;
  /** Failed sends so far. */
  attempts: number;
}

export interface OutboxLimits {
  /** Entries kept at most; beyond it the oldest are dropped. */
  maxEntries: number;
  /** Reports per request (the official SDK batches 25). */
  batchSize: number;
  /** Reports older than this are dropped unsent: stale analytics are worth less than space. */
  maxAgeMs: number;
  /** Failed sends after which an entry is dropped. */
  maxAttempts: number;
}

export const DEFAULT_OUTBOX_LIMITS: OutboxLimits = {
  maxEntries: 1_000,
  batchSize: 25,
  maxAgeMs: 7 * 24 * 60 * 60 * 1_000,
  maxAttempts: 20,
};

export interface Admission {
  /** The whole outbox after admission, oldest first. */
  kept: OutboxEntry[];
  /** Incoming entries to persist (new ids only). */
  added: OutboxEntry[];
  /** Entries (stored or incoming) that were dropped. */
  dropped: OutboxEntry[];
}

const byAge = (a: OutboxEntry, b: OutboxEntry) => a.enqueuedAt - b.enqueuedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Adds incoming entries to the outbox. An id already queued is ignored (idempotent
 * enqueue); expired entries go first, then the oldest until the outbox fits its bound.
 */
export function admit(
  existing: readonly OutboxEntry[],
  incoming: readonly OutboxEntry[],
  now: number,
  limits: OutboxLimits = DEFAULT_OUTBOX_LIMITS,
): Admission {
  const ids = new Set(existing.map((entry) => entry.id));
  const added: OutboxEntry[] = [];
  for (const entry of incoming) {
    if (ids.has(entry.id)) continue;
    ids.add(entry.id);
    added.push(entry);
  }
  const all = [...existing, ...added].sort(byAge);
  const fresh = all.filter((entry) => now - entry.enqueuedAt < limits.maxAgeMs);
  const overflow = Math.max(0, fresh.length - limits.maxEntries);
  const kept = fresh.slice(overflow);
  const keptIds = new Set(kept.map((entry) => entry.id));
  return {
    kept,
    added: added.filter((entry) => keptIds.has(entry.id)),
    dropped: all.filter((entry) => !keptIds.has(entry.id)),
  };
}

/**
 * The next request's entries: the oldest entry's partition, up to a batch, skipping
 * partitions that cannot be sent now (e.g. their customer token is not known yet).
 */
export function nextBatch(
  entries: readonly OutboxEntry[],
  canSend: (entry: OutboxEntry) => boolean,
  limits: OutboxLimits = DEFAULT_OUTBOX_LIMITS,
): OutboxEntry[] {
  const first = [...entries].sort(byAge).find(canSend);
  if (!first) return [];
  return entries
    .filter((entry) => entry.partitionKey === first.partitionKey)
    .sort(byAge)
    .slice(0, limits.batchSize);
}

export interface SendOutcome {
  /** Entries to keep, with their attempt counts updated. */
  retry: OutboxEntry[];
  /** Entries to delete: delivered, refused for good, or out of attempts. */
  remove: OutboxEntry[];
}

/** What becomes of a batch after a send: 'ok' and 'permanent' end it, 'transient' retries it. */
export function afterSend(
  batch: readonly OutboxEntry[],
  result: 'ok' | 'permanent' | 'transient',
  limits: OutboxLimits = DEFAULT_OUTBOX_LIMITS,
): SendOutcome {
  if (result !== 'transient') return { retry: [], remove: [...batch] };
  const retry: OutboxEntry[] = [];
  const remove: OutboxEntry[] = [];
  for (const entry of batch) {
    const next = { ...entry, attempts: entry.attempts + 1 };
    (next.attempts >= limits.maxAttempts ? remove : retry).push(next);
  }
  return { retry, remove };
}
