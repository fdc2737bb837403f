// Graphcache's offline storage on Gatehouse's own IndexedDB store. Graphcache's default
// storage calls `window.addEventListener` and breaks in a service worker; this adapter
// uses only the engine's store (which never throws) and the pages' relayed connectivity.
import type { SerializedEntries, SerializedRequest, StorageAdapter } from '@urql/exchange-graphcache';
import type { Connectivity } from '../connectivity';
import type { EngineStore } from './engine-store';

export interface GraphcacheStorage extends StorageAdapter {
  /** Resolves once graphcache has rehydrated from this storage: query only after it. */
  hydrated: Promise<void>;
}

export function createGraphcacheStorage(store: EngineStore, namespace: string, connectivity: Connectivity): GraphcacheStorage {
  let markHydrated = () => {};
  const hydrated = new Promise<void>((resolve) => {
    markHydrated = resolve;
  });
  return {
    hydrated,
    readData: () =>
      store.read<SerializedEntries>('read the GraphQL cache', {}, async (db) => {
        const entries = await db.getAllFromIndex('graphcache', 'byNamespace', namespace);
        return Object.fromEntries(entries.map((entry) => [entry.key, entry.value]));
      }),
    writeData: (delta) =>
      store.write('write the GraphQL cache', async (db) => {
        const tx = db.transaction('graphcache', 'readwrite');
        const writes = Object.entries(delta).map(([key, value]) =>
          value === undefined ? tx.store.delete([namespace, key]) : tx.store.put({ namespace, key, value }),
        );
        await Promise.all([...writes, tx.done]);
      }),
    readMetadata: () =>
      store.read<SerializedRequest[] | null>('read the GraphQL offline queue', null, async (db) => {
        const record = await db.get('graphcacheMetadata', namespace);
        return record ? (record.requests as SerializedRequest[]) : null;
      }),
    writeMetadata: (requests) => {
      void store.write('write the GraphQL offline queue', async (db) => {
        await db.put('graphcacheMetadata', { namespace, requests });
      });
    },
    onOnline: (callback) => connectivity.onReconnect(callback),
    onCacheHydrated: () => markHydrated(),
  };
}
