// What the engine harness page (demo/harness.html) exposes to the engine e2e tests.
import type { CachedEntitlement } from '../core/model';
import type { Broadcast, CheckReport, Connection, EngineRequest, SyncStatus } from '../core/protocol';
import type { LocalUsageRecord, SnapshotRecord } from '../core/table';

/** A record as a test reads it across page.evaluate: its packed entitlements decoded. */
export interface ReadableRecord extends Omit<SnapshotRecord, 'snapshot'> {
  snapshot: { lastUpdate: number; entitlements: Record<string, CachedEntitlement> };
}
export type ReadableBroadcast = Exclude<Broadcast, { type: 'snapshot' }> | { type: 'snapshot'; partitionKey: string; record: ReadableRecord };

export interface GatehouseHarness {
  /** Connects to the engine ('auto', 'service-worker' or 'page'); answers the host chosen. */
  connect(host?: 'auto' | 'service-worker' | 'page'): Promise<'service-worker' | 'page'>;
  connection(customerId: string): Connection;
  partitionKey(customerId: string): string;
  request(body: EngineRequest): Promise<unknown>;
  sync(customerId: string, options?: { ttlMs?: number; force?: boolean }): Promise<ReadableRecord>;
  track(customerId: string, reports: CheckReport[]): Promise<unknown>;
  status(): Promise<SyncStatus>;
  /** Relays the browser's connectivity, as the page API does. */
  relayConnectivity(): Promise<void>;
  /** Asks for a sync every `everyMs`, as every open page of the page API does. */
  startTicking(customerId: string, ttlMs: number, everyMs: number): void;
  /** Listens to a partition's broadcasts; they collect in `broadcasts`. */
  listen(customerId: string): void;
  broadcasts: ReadableBroadcast[];
  readStoredSnapshot(customerId: string): Promise<ReadableRecord | null>;
  readLocalUsage(customerId: string): Promise<LocalUsageRecord[]>;
}

declare global {
  interface Window {
    gatehouseHarness: GatehouseHarness;
  }
}
