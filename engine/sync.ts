// Keeping a partition's entitlements current: at most one request per interval and one
// in flight per partition however many tabs ask, the edge first (conditional GET) and
// GraphQL when the edge is disabled, failing or skipped, backoff and a breaker on
// failure, the ordering guard, and a broadcast only when the data changed.
import { messageOf } from '../core/messages';
import type { Connection, PrefetchedEntitlements } from '../core/protocol';
import { afterFailure, isCircuitOpen, isDue, mayRequest, NO_FAILURES, type RetryPolicy } from '../core/sync-policy';
import { isOutdatedAnswer, serverOffsetOf } from '../core/answer-order';
import { sameSnapshot, settledLocalUsage } from '../core/snapshot-arrival';
import type { SnapshotRecord } from '../core/table';
import { toSnapshot } from '../core/wire';
import type { Broadcasts } from './broadcasts';
import type { EngineEnvironment } from './environment';
import type { Partitions, PartitionState } from './partitions';
import type { StatusBoard } from './status';
import type { EngineStore } from './storage/engine-store';
import { RequestFailure } from './transport/http';
import { fetchEdgeEntitlements, fetchGraphqlEntitlements, prefetchedAnswer, type EntitlementsAnswer } from './transport/stigg';

export interface SyncLimits {
  /** Deadline of one HTTP request, body included. */
  requestTimeoutMs: number;
  /** Deadline of a whole sync (edge, GraphQL fallback and in-call retries). */
  syncBudgetMs: number;
  /** Attempts within one sync when the backoff is short. */
  attemptsPerSync: number;
  /** After the edge fails, GraphQL is used for at least this long. */
  edgeCooldownMs: number;
  /** An unchanged answer's fetchedAt is written to storage at most this often. */
  persistConfirmationEveryMs: number;
  retryPolicy: RetryPolicy;
}

export interface SyncRequest {
  connection: Connection;
  ttlMs: number;
  force?: boolean | undefined;
  skipEdge?: boolean | undefined;
  prefetched?: PrefetchedEntitlements | undefined;
}

export class EntitlementsSync {
  constructor(
    private readonly env: EngineEnvironment,
    private readonly store: EngineStore,
    private readonly partitions: Partitions,
    private readonly broadcasts: Broadcasts,
    private readonly status: StatusBoard,
    private readonly limits: SyncLimits,
    private readonly isOnline: () => boolean,
  ) {}

  /** The partition's record, fetched first when due; stored data when the network fails. */
  async sync(request: SyncRequest): Promise<SnapshotRecord> {
    const state = await this.partitions.get(request.connection);
    state.ttlMs = request.ttlMs;
    state.askedAt = this.env.now();
    return this.syncState(state, request);
  }

  private async syncState(state: PartitionState, request: SyncRequest): Promise<SnapshotRecord> {
    if (state.inFlight) return state.inFlight;
    const now = this.env.now();
    // A page's first visit fetched the edge answer itself: stored as if the engine had
    // fetched it (the ordering guard applies), and no second request for it. An answer
    // from the future or older than one interval is not taken.
    const prefetched = request.prefetched;
    const fresh =
      !!prefetched &&
      prefetched.receivedAt <= now &&
      now - prefetched.receivedAt < request.ttlMs &&
      (state.record?.fetchedAt ?? -Infinity) < prefetched.receivedAt;
    const answer = prefetched && fresh ? prefetchedAnswer(prefetched) : null;
    if (prefetched && answer) {
      // Not a request in flight: the record is in place at once (apply sets it before it
      // stores it), and a forced sync meanwhile (refresh()) must still go to the network.
      return this.apply(state, state.generation, answer, prefetched.receivedAt).finally(() => this.status.publish());
    }
    const lastHeard = Math.max(state.record?.fetchedAt ?? -Infinity, state.checkedAt ?? -Infinity);
    const due = request.force || isDue(Number.isFinite(lastHeard) ? lastHeard : undefined, request.ttlMs, now);
    if (!due) return this.stored(state, 'no stored entitlements');
    if (!this.isOnline()) return this.stored(state, 'offline, and no entitlements are stored for this customer');
    if (!mayRequest(state.failures, now)) {
      const reason = isCircuitOpen(state.failures, this.limits.retryPolicy) ? 'the circuit breaker is open' : 'backing off';
      return this.stored(state, `${reason} until ${new Date(state.failures.retryAt).toISOString()} (${this.status.lastError ?? 'earlier failures'})`);
    }
    const inFlight = this.fetchWithRetries(state, request).finally(() => {
      if (state.inFlight === inFlight) state.inFlight = null;
      this.status.publish();
    });
    state.inFlight = inFlight;
    this.status.publish();
    return inFlight;
  }

  /** Refreshes the partitions that are due (after a reconnect). */
  async refreshDue(): Promise<void> {
    const due = this.partitions
      .current()
      .filter((state) => !state.inFlight && isDue(state.record?.fetchedAt, state.ttlMs, this.env.now()));
    await Promise.all(
      due.map((state) =>
        this.sync({ connection: state.connection, ttlMs: state.ttlMs }).catch((error: unknown) => {
          this.env.log('warn', 'refresh after reconnecting failed', error);
        }),
      ),
    );
  }

  /** A reconnect forgives network failures (they were the disconnection), not a server's Retry-After. */
  forgiveNetworkFailures(): void {
    for (const state of this.partitions.current()) {
      if (state.lastFailureKind !== 'transient') continue;
      state.failures = NO_FAILURES;
      state.edgeRetryAt = 0;
    }
  }

  private stored(state: PartitionState, reason: string): SnapshotRecord {
    if (state.record) return state.record;
    throw new Error(`Gatehouse could not load entitlements: ${reason}`);
  }

  private async fetchWithRetries(state: PartitionState, request: SyncRequest): Promise<SnapshotRecord> {
    const generation = state.generation;
    const deadline = this.env.now() + this.limits.syncBudgetMs;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const answer = await this.fetchOnce(state, request, deadline);
        return this.apply(state, generation, answer);
      } catch (error) {
        if (!(error instanceof RequestFailure)) throw error;
        this.recordFailure(state, error, request.ttlMs);
        const wait = state.failures.retryAt - this.env.now();
        const retry =
          attempt < this.limits.attemptsPerSync &&
          // A throttling server asked for time: the caller gets stored data now, not after it.
          error.kind === 'transient' &&
          !isCircuitOpen(state.failures, this.limits.retryPolicy) &&
          this.env.now() + wait + this.limits.requestTimeoutMs / 2 < deadline &&
          this.isOnline();
        if (!retry) {
          this.scheduleRetry(state);
          if (state.generation === generation && state.record) return state.record;
          throw new Error(`Gatehouse could not load entitlements: ${error.message}`);
        }
        await this.sleep(wait);
        if (state.generation !== generation) throw new Error('Gatehouse discarded a response: the partition was purged');
      }
    }
  }

  private async fetchOnce(state: PartitionState, request: SyncRequest, deadline: number): Promise<EntitlementsAnswer> {
    const { connection } = state;
    const timeout = () => Math.max(1, Math.min(this.limits.requestTimeoutMs, deadline - this.env.now()));
    const useEdge = connection.enableEdge && !request.skipEdge && !request.force && this.env.now() >= state.edgeRetryAt;
    if (useEdge) {
      try {
        return await fetchEdgeEntitlements(this.env, connection, state.record?.etag, timeout());
      } catch (error) {
        if (!(error instanceof RequestFailure)) throw error;
        const cooldown = Math.max(this.limits.edgeCooldownMs, error.retryAfterMs ?? 0);
        state.edgeRetryAt = this.env.now() + cooldown;
        this.env.log('warn', `edge request failed, using GraphQL for ${Math.round(cooldown / 1000)} s`, error.message);
        if (deadline - this.env.now() < 1) throw error;
      }
    }
    return fetchGraphqlEntitlements(this.env, connection, timeout());
  }

  /**
   * Retries by itself when the backoff ends, while a page asked within the last two
   * intervals: a recovered server is noticed within one interval instead of at the tick
   * after. One pending retry per partition; the backoff (capped at the interval) paces it.
   */
  private scheduleRetry(state: PartitionState): void {
    if (state.retryScheduled || state.lastFailureKind === 'permanent') return;
    state.retryScheduled = true;
    this.env.setTimeout(() => {
      state.retryScheduled = false;
      const interested = state.askedAt !== undefined && this.env.now() - state.askedAt < 2 * state.ttlMs;
      if (!interested || !this.isOnline()) return;
      this.syncState(state, { connection: state.connection, ttlMs: state.ttlMs }).catch((error: unknown) =>
        this.env.log('info', 'scheduled entitlements retry failed', messageOf(error)),
      );
    }, Math.max(0, state.failures.retryAt - this.env.now()));
  }

  private recordFailure(state: PartitionState, failure: RequestFailure, ttlMs: number): void {
    const now = this.env.now();
    const next = afterFailure(
      state.failures,
      { kind: failure.kind, now, retryAfterMs: failure.retryAfterMs, random: this.env.random(), intervalMs: ttlMs },
      this.limits.retryPolicy,
    );
    // A refusal (4xx) cannot heal by retrying: wait at least for the next interval.
    state.failures = failure.kind === 'permanent' ? { ...next, retryAt: Math.max(next.retryAt, now + ttlMs) } : next;
    state.lastFailureKind = failure.kind;
    this.status.failed(failure.message);
    this.env.log('warn', 'entitlements request failed', failure.message);
  }

  /** `now`: when the answer arrived (a page's prefetch says so; else now). */
  private async apply(state: PartitionState, generation: number, answer: EntitlementsAnswer, now = this.env.now()): Promise<SnapshotRecord> {
    if (state.generation !== generation) {
      throw new Error('Gatehouse discarded a response: the partition was purged while it was in flight');
    }
    state.failures = NO_FAILURES;
    state.lastFailureKind = undefined;
    state.checkedAt = now;
    this.status.succeeded(now);
    const previous = state.record;
    // What the server's clock says, never the device's: periods roll over and stamps are judged on it.
    const serverOffsetMs = serverOffsetOf(answer.serverTime, now) ?? previous?.serverOffsetMs;
    const serverNow = now + (serverOffsetMs ?? 0);

    if (answer.kind === 'not-modified') {
      if (!previous) throw new Error('Gatehouse got 304 Not Modified without a stored snapshot');
      return this.confirm(state, previous, now, serverOffsetMs);
    }
    const snapshot = answer.kind === 'read' ? answer.snapshot : toSnapshot(answer.entitlements, serverNow);
    // The ordering guard: an answer older than what is stored (a lagging edge) is dropped,
    // unless the stored stamp is one the server's own clock cannot vouch for.
    if (previous && isOutdatedAnswer(previous.snapshot.lastUpdate, snapshot.lastUpdate, serverNow)) {
      this.env.log('info', 'dropped an entitlements answer older than the stored snapshot');
      return previous;
    }
    const unchanged = !!previous && sameSnapshot(previous.snapshot, snapshot);
    if (previous && unchanged && previous.etag === answer.etag) return this.confirm(state, previous, now, serverOffsetMs);
    const changedAt = previous && unchanged ? (previous.changedAt ?? now) : now;
    const record: SnapshotRecord = { partitionKey: state.key, snapshot, fetchedAt: now, etag: answer.etag, changedAt };
    if (serverOffsetMs !== undefined) record.serverOffsetMs = serverOffsetMs;
    state.record = record;
    // A failed write (quota) leaves the confirmation path to retry it.
    state.persistedFetchedAt = (await this.store.saveSnapshot(record)) ? now : undefined;
    if (!unchanged) this.broadcasts.snapshot(record);
    await this.pruneSettledUsage(state, record);
    return record;
  }

  /** The stored data is still current: no parse, and a write only now and then. */
  private async confirm(state: PartitionState, previous: SnapshotRecord, now: number, serverOffsetMs: number | undefined): Promise<SnapshotRecord> {
    const record = { ...previous, fetchedAt: now };
    if (serverOffsetMs !== undefined) record.serverOffsetMs = serverOffsetMs;
    state.record = record;
    if (now - (state.persistedFetchedAt ?? -Infinity) >= this.limits.persistConfirmationEveryMs) {
      state.persistedFetchedAt = (await this.store.saveSnapshot(record)) ? now : undefined;
    }
    return record;
  }

  private async pruneSettledUsage(state: PartitionState, record: SnapshotRecord): Promise<void> {
    const settled = settledLocalUsage(record, state.localUsage);
    if (settled.length === 0) return;
    const ids = new Set(settled.map((usage) => usage.id));
    state.localUsage = state.localUsage.filter((usage) => !ids.has(usage.id));
    await this.store.deleteLocalUsage([...ids]);
    this.broadcasts.localUsage(state.key, state.localUsage);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.env.setTimeout(resolve, Math.max(0, ms)));
  }
}
