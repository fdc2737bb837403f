// The durable outbox of `shouldTrack` check reports: each report is written to storage
// before anything is sent, sent in batches while online, and deleted only once the
// server accepted it. A report's id travels as its idempotency key, so a batch resent
// after a lost answer is not counted twice by a server that honours it.
import { partitionKey } from '../core/partition';
import { admit, afterSend, nextBatch, type OutboxEntry, type OutboxLimits } from '../core/outbox-policy';
import type { CheckReport, Connection } from '../core/protocol';
import { afterFailure, mayRequest, NO_FAILURES, type FailureState, type RetryPolicy } from '../core/sync-policy';
import type { EngineEnvironment } from './environment';
import type { EngineStore } from './storage/engine-store';
import { RequestFailure } from './transport/http';
import { sendCheckReports } from './transport/stigg';

export interface OutboxDeps {
  env: EngineEnvironment;
  store: EngineStore;
  limits: OutboxLimits;
  retryPolicy: RetryPolicy;
  requestTimeoutMs: number;
  /** The customer token a page last sent for a partition (never stored). */
  tokenFor(partitionKey: string): string | undefined;
  isOnline(): boolean;
  onFailure(message: string): void;
  /** A backoff after a failed send has ended: the engine flushes again. */
  retryDue(): void;
}

export class Outbox {
  private entries: OutboxEntry[] = [];
  private loading: Promise<void> | null = null;
  private failures: FailureState = NO_FAILURES;
  private flushing: Promise<void> | null = null;
  private retryScheduled = false;
  /** Cancels the send in flight: a send begun before a reconnect may hang on the old network. */
  private sending: AbortController | null = null;

  constructor(private readonly deps: OutboxDeps) {}

  get depth(): number {
    return this.entries.length;
  }

  get failing(): boolean {
    return this.failures.consecutiveFailures > 0;
  }

  /** Queues reports durably (the write completes before this resolves). */
  async enqueue(connection: Connection, reports: readonly CheckReport[]): Promise<{ queued: number; dropped: number }> {
    await this.load();
    const { env, store, limits } = this.deps;
    const now = env.now();
    const key = partitionKey(connection);
    const target = {
      apiKey: connection.apiKey,
      customerId: connection.customerId,
      resourceId: connection.resourceId,
      baseUri: connection.baseUri,
      clientName: connection.clientName,
      clientVersion: connection.clientVersion,
      needsCustomerToken: Boolean(connection.customerToken),
    };
    const incoming = reports.map((report): OutboxEntry => ({ id: report.id, partitionKey: key, target, report, enqueuedAt: now, attempts: 0 }));
    const admission = admit(this.entries, incoming, now, limits);
    this.entries = admission.kept;
    if (admission.dropped.length > 0) {
      env.log('warn', `outbox full or expired: dropped ${admission.dropped.length} check report(s), oldest first`);
      await store.deleteOutbox(admission.dropped.map((entry) => entry.id));
    }
    await store.putOutbox(admission.added);
    return { queued: admission.added.length, dropped: admission.dropped.length };
  }

  /** Sends queued batches until the outbox is empty, offline, or a send fails. One flush at a time. */
  flush(): Promise<void> {
    this.flushing ??= this.sendBatches().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** A reconnect forgives failures that were the disconnection, and sends anew what was in flight. */
  forgiveNetworkFailures(): void {
    this.failures = NO_FAILURES;
    this.sending?.abort();
  }

  async purge(key: string): Promise<void> {
    await this.load();
    this.entries = this.entries.filter((entry) => entry.partitionKey !== key);
  }

  /** Loads entries left by an earlier engine (a reload, a service-worker restart). */
  load(): Promise<void> {
    this.loading ??= this.deps.store.loadOutbox().then((stored) => {
      this.entries = admit(stored, this.entries, this.deps.env.now(), this.deps.limits).kept;
    });
    return this.loading;
  }

  private async sendBatches(): Promise<void> {
    await this.load();
    const { env, store, limits, retryPolicy } = this.deps;
    const canSend = (entry: OutboxEntry) => !entry.target.needsCustomerToken || this.deps.tokenFor(entry.partitionKey) !== undefined;
    while (this.deps.isOnline() && mayRequest(this.failures, env.now())) {
      const batch = nextBatch(this.entries, canSend, limits);
      const first = batch[0];
      if (!first) return;
      let result: 'ok' | 'permanent' | 'transient' = 'ok';
      const sending = new AbortController();
      this.sending = sending;
      try {
        await sendCheckReports(env, first.target, this.deps.tokenFor(first.partitionKey), batch, this.deps.requestTimeoutMs, sending.signal);
        this.failures = NO_FAILURES;
      } catch (error) {
        if (!(error instanceof RequestFailure)) throw error;
        // Cancelled by a reconnect: the batch goes again at once (its ids keep it counted once).
        if (sending.signal.aborted) continue;
        result = error.kind === 'permanent' ? 'permanent' : 'transient';
        this.failures = afterFailure(
          this.failures,
          { kind: error.kind, now: env.now(), retryAfterMs: error.retryAfterMs, random: env.random() },
          retryPolicy,
        );
        this.deps.onFailure(error.message);
        if (result === 'permanent') env.log('warn', `the server refused ${batch.length} check report(s); dropped`, error.message);
      } finally {
        if (this.sending === sending) this.sending = null;
      }
      const outcome = afterSend(batch, result, limits);
      const removed = new Set(outcome.remove.map((entry) => entry.id));
      const retried = new Map(outcome.retry.map((entry) => [entry.id, entry]));
      this.entries = this.entries.filter((entry) => !removed.has(entry.id)).map((entry) => retried.get(entry.id) ?? entry);
      await store.deleteOutbox([...removed]);
      await store.putOutbox(outcome.retry);
      if (result === 'transient') this.scheduleRetry();
      if (result !== 'ok') return;
    }
  }

  /**
   * Sends again by itself when the backoff ends, so reports do not wait for the next sync
   * or reconnect: a send can fail while the network is still coming back. One pending
   * retry at a time; the backoff and the circuit breaker pace it.
   */
  private scheduleRetry(): void {
    if (this.retryScheduled || this.entries.length === 0) return;
    this.retryScheduled = true;
    const { env } = this.deps;
    env.setTimeout(() => {
      this.retryScheduled = false;
      this.deps.retryDue();
    }, Math.max(0, this.failures.retryAt - env.now()));
  }
}
