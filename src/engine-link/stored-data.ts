// The warm start: the page reads the engine's last stored snapshot and local usage
// straight from IndexedDB, without booting the engine or waiting for the service worker.
// Read-only and never throws: anything missing or malformed reads as null / [].
import { isLocalUsageRecord, isSnapshotRecord } from '../../core/records';
import { STORAGE_OPEN_DEADLINE_MS } from '../../core/storage-deadline';
import type { LocalUsageRecord, SnapshotRecord } from '../../core/table';

const DATABASE_NAME = 'gatehouse';

/**
 * Opens the existing database at its current version; never creates or upgrades it.
 * Within the storage deadline (core/storage-deadline.ts): an open queued behind a blocked
 * upgrade must not hold up the page (it then starts from the network or the engine).
 */
function openExisting(name: string): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      resolve(null);
    }, STORAGE_OPEN_DEADLINE_MS);
    const give = (db: IDBDatabase | null) => {
      clearTimeout(timer);
      if (late) db?.close();
      else resolve(db);
    };
    try {
      request = indexedDB.open(name);
    } catch {
      give(null);
      return;
    }
    // No database yet: abort rather than create an empty one the engine's migrations would skip.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => db.close();
      give(db);
    };
    request.onerror = () => give(null);
    request.onblocked = () => give(null);
  });
}

async function read<T>(store: string, query: (store: IDBObjectStore) => IDBRequest, fallback: T, accept: (value: unknown) => T): Promise<T> {
  const db = await openExisting(DATABASE_NAME);
  if (!db) return fallback;
  try {
    if (!db.objectStoreNames.contains(store)) return fallback;
    const request = query(db.transaction(store, 'readonly').objectStore(store));
    const value = await new Promise<unknown>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return accept(value);
  } catch {
    return fallback;
  } finally {
    db.close();
  }
}

export function readStoredSnapshot(partitionKey: string): Promise<SnapshotRecord | null> {
  return read('snapshots', (store) => store.get(partitionKey), null, (value) =>
    isSnapshotRecord(value) && value.partitionKey === partitionKey ? value : null,
  );
}

export function readLocalUsage(partitionKey: string): Promise<LocalUsageRecord[]> {
  return read('localUsage', (store) => store.index('byPartition').getAll(partitionKey), [], (value) =>
    Array.isArray(value) ? value.filter((r): r is LocalUsageRecord => isLocalUsageRecord(r) && r.partitionKey === partitionKey) : [],
  );
}

/** Null where the page has no IndexedDB. */
export const storedData = typeof indexedDB === 'undefined' ? null : { readStoredSnapshot, readLocalUsage };
