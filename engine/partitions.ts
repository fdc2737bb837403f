// The engine's working set: one entry per partition it has been asked about, loaded
// from storage once and then kept in memory. The customer token lives only here.
import { partitionKey } from '../core/partition';
import type { Connection } from '../core/protocol';
import { NO_FAILURES, type FailureKind, type FailureState } from '../core/sync-policy';
import type { LocalUsageRecord, SnapshotRecord } from '../core/table';
import type { EngineStore } from './storage/engine-store';

const DEFAULT_TTL_MS = 30_000;

export interface PartitionState {
  key: string;
  /** The latest connection a page sent for this partition (with its token, memory only). */
  connection: Connection;
  record: SnapshotRecord | undefined;
  /** fetchedAt as last written to storage: confirmations (304s) are persisted sparingly. */
  persistedFetchedAt: number | undefined;
  localUsage: LocalUsageRecord[];
  failures: FailureState;
  lastFailureKind: FailureKind | undefined;
  /** The edge is skipped (GraphQL used) until then, after it failed. */
  edgeRetryAt: number;
  /** When a response last arrived, even one the ordering guard dropped: coalescing counts it. */
  checkedAt: number | undefined;
  inFlight: Promise<SnapshotRecord> | null;
  /** The interval pages last asked for, so a reconnect can tell whether the partition is due. */
  ttlMs: number;
  /** Bumped by a purge: a response that was in flight across it is discarded. */
  generation: number;
  /** Serialises read-check-write sequences on local usage (limit checks). */
  usageQueue: Promise<unknown>;
  /** When a page last asked for this partition: retries run only while pages are interested. */
  askedAt: number | undefined;
  /** The engine's own retry after a failure, so recovery does not wait for the next page tick. */
  retryScheduled: boolean;
}

export class Partitions {
  private readonly states = new Map<string, Promise<PartitionState>>();
  private readonly loaded = new Map<string, PartitionState>();

  constructor(private readonly store: EngineStore) {}

  /** The partition's state, loading it from storage on first use; the connection is refreshed. */
  async get(connection: Connection): Promise<PartitionState> {
    const key = partitionKey(connection);
    let pending = this.states.get(key);
    if (!pending) {
      pending = this.load(key, connection);
      this.states.set(key, pending);
    }
    const state = await pending;
    state.connection = connection;
    return state;
  }

  /** The partitions loaded so far. */
  current(): PartitionState[] {
    return [...this.loaded.values()];
  }

  /** The customer token a page last sent for a partition, if this engine has seen one. */
  tokenFor(key: string): string | undefined {
    return this.loaded.get(key)?.connection.customerToken;
  }

  /** Forgets a partition's data; a response in flight for it will be discarded. */
  async purge(connection: Connection): Promise<void> {
    const state = await this.get(connection);
    state.generation += 1;
    state.record = undefined;
    state.persistedFetchedAt = undefined;
    state.localUsage = [];
    state.checkedAt = undefined;
    state.inFlight = null;
  }

  private async load(key: string, connection: Connection): Promise<PartitionState> {
    const [record, localUsage] = await Promise.all([this.store.loadSnapshot(key), this.store.loadLocalUsage(key)]);
    const state: PartitionState = {
      key,
      connection,
      record,
      persistedFetchedAt: record?.fetchedAt,
      localUsage,
      failures: NO_FAILURES,
      lastFailureKind: undefined,
      edgeRetryAt: 0,
      checkedAt: undefined,
      inFlight: null,
      ttlMs: DEFAULT_TTL_MS,
      generation: 0,
      usageQueue: Promise.resolve(),
      askedAt: undefined,
      retryScheduled: false,
    };
    this.loaded.set(key, state);
    return state;
  }
}
