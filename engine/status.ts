// The engine's health as pages see it (SyncStatus), announced on the status channel
// whenever it changes.
import type { SyncStatus } from '../core/protocol';
import { isCircuitOpen, type RetryPolicy } from '../core/sync-policy';
import type { Broadcasts } from './broadcasts';
import type { PartitionState } from './partitions';
import type { StorageHealth } from './storage/engine-store';

export interface StatusSources {
  host: SyncStatus['host'];
  online(): boolean;
  storage(): StorageHealth;
  partitions(): PartitionState[];
  outboxDepth(): number;
  outboxFailing(): boolean;
  retryPolicy: RetryPolicy;
}

export class StatusBoard {
  lastSuccessfulSyncAt: number | undefined;
  lastError: string | undefined;
  private published = '';

  constructor(
    private readonly sources: StatusSources,
    private readonly broadcasts: Broadcasts,
  ) {}

  succeeded(at: number): void {
    this.lastSuccessfulSyncAt = at;
    this.lastError = undefined;
  }

  failed(message: string): void {
    this.lastError = message;
  }

  current(): SyncStatus {
    const { sources } = this;
    const partitions = sources.partitions();
    const storage = sources.storage();
    const failing = partitions.some((p) => p.failures.consecutiveFailures > 0) || sources.outboxFailing();
    const state: SyncStatus['state'] = !sources.online()
      ? 'offline'
      : partitions.some((p) => p.inFlight)
        ? 'syncing'
        : failing || storage.storage === 'memory'
          ? 'degraded'
          : 'idle';
    return {
      host: sources.host,
      online: sources.online(),
      state,
      storage: storage.storage,
      storageNote: storage.storage === 'memory' ? storage.lastError : undefined,
      lastSuccessfulSyncAt: this.lastSuccessfulSyncAt,
      lastError: this.lastError ?? storage.lastError,
      outboxDepth: sources.outboxDepth(),
      circuitOpen: partitions.some((p) => isCircuitOpen(p.failures, sources.retryPolicy)),
    };
  }

  /** Broadcasts the status when it differs from the last one announced. */
  publish(): void {
    const status = this.current();
    const text = JSON.stringify(status);
    if (text === this.published) return;
    this.published = text;
    this.broadcasts.status(status);
  }
}
