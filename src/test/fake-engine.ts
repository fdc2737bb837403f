// A controllable stand-in for the engine link: tests decide when and how each request
// is answered, and what is broadcast, to exercise the client's ordering and isolation.
import { partitionKey } from '../../core/partition';
import type { Broadcast, EngineRequest } from '../../core/protocol';
import type { LocalUsageRecord, SnapshotRecord } from '../../core/table';
import { toSnapshot } from '../../core/wire';
import type { EngineHandle } from '../client';
import type { StoredData } from '../partition-view';

export interface PendingRequest {
  body: EngineRequest;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class FakeEngine implements EngineHandle {
  readonly requests: PendingRequest[] = [];
  private readonly listeners = new Map<string, Set<(b: Broadcast) => void>>();
  /** Answers requests at once when set; otherwise they wait for the test. */
  autoAnswer: ((body: EngineRequest) => unknown) | null = null;

  request(body: EngineRequest): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.autoAnswer) {
        try {
          resolve(this.autoAnswer(body));
        } catch (error) {
          reject(error as Error);
        }
        return;
      }
      this.requests.push({ body, resolve, reject });
    });
  }

  subscribe(key: string, listener: (b: Broadcast) => void): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  broadcast(broadcast: Broadcast & { partitionKey: string }): void {
    for (const listener of this.listeners.get(broadcast.partitionKey) ?? []) listener(broadcast);
  }

  /** Takes the oldest waiting request of a type. */
  take(type: EngineRequest['type']): PendingRequest {
    const index = this.requests.findIndex((r) => r.body.type === type);
    if (index < 0) throw new Error(`no pending ${type} request`);
    return this.requests.splice(index, 1)[0]!;
  }
}

export function record(
  connection: { apiKey: string; customerId: string; resourceId?: string },
  wire: unknown[],
  fetchedAt: number,
): SnapshotRecord {
  return { partitionKey: partitionKey(connection), snapshot: toSnapshot(wire, fetchedAt), fetchedAt };
}

export function memoryStore(records: SnapshotRecord[] = [], usage: LocalUsageRecord[] = []): StoredData {
  return {
    readStoredSnapshot: async (key) => records.find((r) => r.partitionKey === key) ?? null,
    readLocalUsage: async (key) => usage.filter((u) => u.partitionKey === key),
  };
}

export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
