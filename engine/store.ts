// Gatehouse's IndexedDB database, shared by every host (page, service worker) of an
// origin. The schema grows by appending migrations; never edit a released one.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const DATABASE_NAME = 'gatehouse';

/** A keyed record of bookkeeping (e.g. which service worker version activated when). */
export interface MetaRecord {
  key: string;
}

interface GatehouseSchema extends DBSchema {
  meta: { key: string; value: MetaRecord };
}

export type GatehouseDb = IDBPDatabase<GatehouseSchema>;

type Migration = (db: GatehouseDb) => void;

/** migrations[n] upgrades a database from version n to version n + 1. */
const migrations: readonly Migration[] = [
  (db) => {
    db.createObjectStore('meta', { keyPath: 'key' });
  },
];

export const DATABASE_VERSION = migrations.length;

export function openStore(name: string = DATABASE_NAME): Promise<GatehouseDb> {
  return openDB<GatehouseSchema>(name, DATABASE_VERSION, {
    upgrade(db, oldVersion) {
      for (const migrate of migrations.slice(oldVersion)) migrate(db);
    },
    // Another tab or a newer service worker wants to upgrade: step aside rather than block it.
    blocking(_currentVersion, _blockedVersion, event) {
      (event.target as IDBDatabase).close();
    },
  });
}

export async function putMeta<T extends MetaRecord>(db: GatehouseDb, record: T): Promise<void> {
  await db.put('meta', record);
}

export function getMeta(db: GatehouseDb, key: string): Promise<MetaRecord | undefined> {
  return db.get('meta', key);
}
