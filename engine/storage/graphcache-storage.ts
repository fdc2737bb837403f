// Graphcache's offline storage on Gatehouse's own IndexedDB store. Graphcache's default
// storage calls `window.addEventListener` and breaks in a service worker; this adapter
// uses only the engine's store (which never throws) and the pages' relayed connectivity.
import type { SerializedEntries, SerializedRequest, StorageAdapter } from '@urql/exchange-graphcache';
import type { Connectivity } from '../connectivity';
import type { EngineStore } from './engine-store';

export interface GraphcacheStorage extends StorageAdapter {
  /** Drops every later write: the cache using it is discarded, and its late writes could bring back purged answers. */
  close(): void;
}

export function createGraphcacheStorage(store: EngineStore, namespace: string, connectivity: Connectivity): GraphcacheStorage {
  let open = true;
  return {
    close: () => {
      open = false;
    },
    readData: () =>
      store.read<SerializedEntries>('read the GraphQL cache', {}, async (db) => {
        const entries = await db.getAllFromIndex('graphcache', 'byNamespace', namespace);
        return Object.fromEntries(entries.map((entry) => [entry.key, entry.value]));
      }),
    writeData: async (delta) => {
      if (!open) return;
      await store.write('write the GraphQL cache', async (db) => {
        const tx = db.transaction('graphcache', 'readwrite');
        const writes = Object.entries(delta).map(([key, value]) =>
          value === undefined ? tx.store.delete([namespace, key]) : tx.store.put({ namespace, key, value }),
        );
        await Promise.all([...writes, tx.done]);
      });
    },
    readMetadata: () =>
      store.read<SerializedRequest[] | null>('read the GraphQL offline queue', null, async (db) => {
        const record = await db.get('graphcacheMetadata', namespace);
        return record ? (record.requests as SerializedRequest[]) : null;
      }),
    writeMetadata: (requests) => {
      if (!open) return;
      void store.write('write the GraphQL offline queue', async (db) => {
        await db.put('graphcacheMetadata', { namespace, requests });
      });
    },
    onOnline: (callback) => connectivity.onReconnect(callback),
  };
}

/**
 * Deletes every stored answer and offline queue of the namespaces `purged` selects, in
 * one transaction: a partition goes whole, whatever its entries' keys name.
 */
export function purgeNamespaces(store: EngineStore, purged: (namespace: string) => boolean): Promise<boolean> {
  return store.write('delete stored answers', async (db) => {
    const tx = db.transaction(['graphcache', 'graphcacheMetadata'], 'readwrite');
    const byNamespace = tx.objectStore('graphcache').index('byNamespace');
    for (let cursor = await byNamespace.openCursor(); cursor; cursor = await cursor.continue()) {
      if (purged(cursor.value.namespace)) await cursor.delete();
    }
    const queues = tx.objectStore('graphcacheMetadata');
    for (const namespace of await queues.getAllKeys()) if (purged(namespace)) await queues.delete(namespace);
    await tx.done;
  });
}
