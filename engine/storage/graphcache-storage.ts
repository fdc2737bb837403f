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
 * Deletes one customer's stored answers. Each entry's key carries the arguments of the
 * query field it descends from (every type is embedded), so a customer's answers are
 * the entries whose keys name its id; graphcache writes dots in entity keys as `%2e`.
 */
export function purgeCustomerAnswers(store: EngineStore, namespace: string, customerId: string): Promise<boolean> {
  const named = `"customerId":${JSON.stringify(customerId)}`;
  const escaped = named.replaceAll('.', '%2e');
  return store.write("delete a customer's stored answers", async (db) => {
    const tx = db.transaction('graphcache', 'readwrite');
    for (let cursor = await tx.store.index('byNamespace').openCursor(namespace); cursor; cursor = await cursor.continue()) {
      if (cursor.value.key.includes(named) || cursor.value.key.includes(escaped)) await cursor.delete();
    }
    await tx.done;
  });
}
