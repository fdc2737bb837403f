// One partition's entitlements as this page sees them. Data flows one way: stored
// snapshot (warm start) or engine answer or broadcast → evaluation → decision table →
// getters. A closed view ignores everything that arrives later, so a response that was
// in flight when the customer changed can never be applied.
import type { Broadcast, Connection, EngineRequest, PrefetchedEntitlements } from '../core/protocol';
import type { FirstAnswer } from './first-visit';
import { mark } from './timeline';
import { isLocalUsageRecord, isSnapshotRecord } from '../core/records';
import { partitionKey } from '../core/partition';
import { recordChanged, replacesBootstrap, type DataOrigin, type DecisionTable, type LocalUsageRecord, type SnapshotRecord } from '../core/table';
import type { Evaluation } from './evaluation';
import type { buildDecisionTable } from '../core/build-table';

/** What the page needs of the engine link. */
export interface EngineChannel {
  request(body: EngineRequest): Promise<unknown>;
  subscribe(partitionKey: string, listener: (broadcast: Broadcast) => void): () => void;
}

/** Direct, read-only access to what the engine stored, for the warm start. */
export interface StoredData {
  readStoredSnapshot(partitionKey: string): Promise<SnapshotRecord | null>;
  readLocalUsage(partitionKey: string): Promise<LocalUsageRecord[]>;
}

export interface ViewOptions {
  connection: Connection;
  engine: Promise<EngineChannel>;
  /** A first visit's own edge answer (src/first-visit.ts): applied here, then handed to the engine. */
  prefetched?: Promise<FirstAnswer | null> | null | undefined;
  stored: StoredData | null;
  evaluation: Evaluation;
  ttlMs: number;
  cacheMaxAgeMs: number;
  now: () => number;
  /** Called after the table changed; `entitlementsChanged` is false for a clock-only rebuild. */
  onTable: (view: PartitionView, entitlementsChanged: boolean) => void;
}

export class PartitionView {
  readonly key: string;
  table: DecisionTable | null = null;
  private record: SnapshotRecord | null = null;
  private origin: DataOrigin = 'cache';
  /** The server's bootstrap while it is what this view serves. */
  private bootstrap: SnapshotRecord | null = null;
  /** Data the network confirmed after this view opened is live; anything older came from storage. */
  private readonly openedAt: number;
  private localUsage: LocalUsageRecord[] = [];
  /** Whether the engine has told this view its pending local usage (then the warm start's read is older). */
  private heardLocalUsage = false;
  private closed = false;
  /** The evaluation in flight, which a skipped duplicate must still wait for. */
  private evaluating: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;
  /** A first visit's own edge answer, until the engine has taken it. */
  private handOver: Promise<PrefetchedEntitlements | null> | null = null;
  private firstAnswer: Promise<FirstAnswer | null> | null;
  private readonly stopListening: () => void;
  /** Resolves once real data (stored or fetched) is in the table. */
  readonly loaded: Promise<void>;
  private markLoaded!: () => void;

  private readonly options: Omit<ViewOptions, 'prefetched'>;

  constructor({ prefetched, ...options }: ViewOptions) {
    // The first answer is held in `firstAnswer` only, and only until the engine has it.
    this.options = options;
    this.key = partitionKey(options.connection);
    this.openedAt = options.now();
    this.firstAnswer = prefetched ?? null;
    this.loaded = new Promise((resolve) => (this.markLoaded = resolve));
    this.stopListening = options.evaluation.onTable((key, table) => {
      if (key === this.key && !this.closed) this.setTable(table, false);
    });
  }

  get connection(): Connection {
    return this.options.connection;
  }

  get isLoaded(): boolean {
    return this.table !== null;
  }

  /** Warm start from storage, then subscribe and ask the engine. Rejects only when no data at all can be had. */
  async start(): Promise<void> {
    const warm = this.warmStart();
    const prefetched = this.applyPrefetched();
    this.handOver = prefetched;
    const engine = this.options.engine.then((channel) => {
      if (this.closed) return;
      this.unsubscribe = channel.subscribe(this.key, (broadcast) => void this.onBroadcast(broadcast));
      return this.sync(false);
    });
    await warm;
    if (!this.isLoaded) await prefetched;
    if (this.isLoaded) {
      engine.catch(() => undefined); // stored data answers; the engine's failure shows in the status
      return;
    }
    await engine;
  }

  /** Asks the engine for this partition's data: due-only, or forced past the edge. */
  async sync(force: boolean): Promise<void> {
    const channel = await this.options.engine;
    // Until the engine has it, every sync (this view's first, a tick) carries the first
    // visit's own answer: the engine stores it rather than asking again.
    const handOver = this.handOver;
    const prefetched = handOver && !force ? await handOver : null;
    const reply = await channel.request({
      type: 'sync',
      connection: this.options.connection,
      ttlMs: this.options.ttlMs,
      ...(force ? { force: true, skipEdge: true } : {}),
      ...(prefetched ? { prefetched } : {}),
    });
    if (handOver && this.handOver === handOver) this.handOver = null;
    if (this.closed) return;
    if (!isSnapshotRecord(reply) || reply.partitionKey !== this.key) {
      throw new Error('The engine answered with a record this page cannot use (another partition, or a service worker of another Gatehouse version still in control)');
    }
    await this.applyRecord(reply);
  }

  close(): void {
    this.closed = true;
    this.unsubscribe?.();
    this.stopListening();
    this.options.evaluation.forget(this.key);
  }

  /** A first visit's edge answer, as the engine would have stored it; null when there is none to use. */
  private async applyPrefetched(): Promise<PrefetchedEntitlements | null> {
    const pending = this.firstAnswer;
    this.firstAnswer = null;
    const answer = await pending;
    if (!answer || this.closed) return null;
    const { prefetched, snapshot } = answer;
    if (!this.record) {
      const { receivedAt } = prefetched;
      await this.applyRecord({ partitionKey: this.key, snapshot, fetchedAt: receivedAt, etag: prefetched.etag, changedAt: receivedAt });
      mark('first table');
    }
    return prefetched;
  }

  private async warmStart(): Promise<void> {
    const stored = this.options.stored;
    if (!stored) return;
    const [record, usage] = await Promise.all([stored.readStoredSnapshot(this.key), stored.readLocalUsage(this.key)]);
    if (this.closed) return;
    const recorded = usage.filter((u) => u.partitionKey === this.key);
    if (this.record && !this.bootstrap) {
      // The engine answered first: its record stays, but usage recorded on this device
      // before the reload still counts (unless a broadcast already said what is pending).
      if (!this.heardLocalUsage && recorded.length) {
        this.localUsage = recorded;
        await this.evaluate(false);
      }
      return;
    }
    this.localUsage = recorded;
    if (record && record.partitionKey === this.key && (!this.bootstrap || replacesBootstrap(this.bootstrap, record))) {
      await this.applyRecord(record);
    } else if (this.bootstrap && this.localUsage.length) {
      await this.evaluate(false); // usage recorded on this device counts on top of the bootstrap
    }
  }

  /**
   * Serves the server's bootstrap at once (synchronously, for the first render) until
   * stored or fetched data is newer. Ignored when the view already has data or the
   * bootstrap is too old to be served. `background` re-evaluates it where tables are
   * kept current (period ends); a server render does not.
   */
  seed(record: SnapshotRecord, background: boolean, build: typeof buildDecisionTable): boolean {
    if (this.closed || this.record || record.partitionKey !== this.key) return false;
    const { now, cacheMaxAgeMs } = this.options;
    const table = build({ record, localUsage: [], now: now(), cacheMaxAgeMs, origin: 'bootstrap' });
    if (!table) return false;
    this.record = this.bootstrap = record;
    this.origin = 'bootstrap';
    this.table = table;
    this.markLoaded();
    if (background) void this.evaluate(false);
    return true;
  }

  private async onBroadcast(broadcast: Broadcast): Promise<void> {
    if (this.closed) return;
    if (broadcast.type === 'snapshot' && broadcast.partitionKey === this.key) {
      await this.applyRecord(broadcast.record);
    } else if (broadcast.type === 'localUsage' && broadcast.partitionKey === this.key) {
      this.heardLocalUsage = true;
      this.localUsage = broadcast.records.filter((r) => isLocalUsageRecord(r) && r.partitionKey === this.key);
      await this.evaluate(false);
    }
  }

  /** Local usage recorded through this page: applied at once, before the broadcast echoes it. */
  async setLocalUsage(records: LocalUsageRecord[]): Promise<void> {
    if (this.closed) return;
    this.heardLocalUsage = true;
    this.localUsage = records.filter((r) => r.partitionKey === this.key);
    await this.evaluate(false);
  }

  private async applyRecord(record: SnapshotRecord): Promise<void> {
    const previous = this.record;
    const origin = record.fetchedAt > this.openedAt ? 'network' : 'cache';
    if (this.bootstrap) {
      // A bootstrap gives way by date of confirmation alone (core/table.ts).
      if (!replacesBootstrap(this.bootstrap, record)) return;
      this.bootstrap = null;
    } else if (previous && record.fetchedAt < previous.fetchedAt) {
      // Never step back to a record the engine accepted earlier (a late broadcast, the warm
      // start's read). The engine judges the server's stamps (core/answer-order.ts):
      // comparing them here would let one future stamp freeze this page.
      return;
    }
    const changed = recordChanged(previous, record);
    if (!changed && previous && previous.fetchedAt >= record.fetchedAt && this.origin === origin) return this.evaluating;
    this.record = record;
    this.origin = origin;
    await this.evaluate(changed);
  }

  private evaluate(entitlementsChanged: boolean): Promise<void> {
    this.evaluating = this.computeTable(entitlementsChanged);
    return this.evaluating;
  }

  private async computeTable(entitlementsChanged: boolean): Promise<void> {
    const table = await this.options.evaluation.update(this.key, {
      record: this.record,
      localUsage: this.localUsage,
      cacheMaxAgeMs: this.options.cacheMaxAgeMs,
      origin: this.origin,
    });
    if (!this.closed) this.setTable(table, entitlementsChanged);
  }

  private setTable(table: DecisionTable | null, entitlementsChanged: boolean): void {
    this.table = table;
    if (table) this.markLoaded();
    this.options.onTable(this, entitlementsChanged);
  }
}
