// Test-only: a graphcache StorageAdapter kept in memory, standing in for the idb one.
import type { SerializedEntries, SerializedRequest, StorageAdapter } from '@urql/exchange-graphcache';

export interface MemoryStorage extends StorageAdapter {
  entries: SerializedEntries;
  /** Resolves once graphcache's pending writes have landed. */
  flushed(): Promise<void>;
}

export function createMemoryStorage(): MemoryStorage {
  const entries: SerializedEntries = {};
  let metadata: SerializedRequest[] | null = null;
  let writes: Promise<unknown> = Promise.resolve();
  return {
    entries,
    readData: async () => ({ ...entries }),
    writeData(delta) {
      // Graphcache batches writes; the delta lands a tick later.
      writes = writes.then(() => {
        for (const [key, value] of Object.entries(delta)) {
          if (value === undefined) delete entries[key];
          else entries[key] = value;
        }
      });
      return writes;
    },
    readMetadata: async () => metadata,
    writeMetadata(requests) {
      metadata = requests;
    },
    onOnline() {},
    async flushed() {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await writes;
    },
  };
}
