// Gatehouse's IndexedDB database, shared by every host (page, service worker, the
// page's warm-start reader) of an origin. The schema grows by appending migrations;
// never edit a released one. docs/engine.md lists the versions.
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { OutboxEntry } from '../../core/outbox-policy';
import type { LocalUsageRecord, SnapshotRecord } from '../../core/table';

export const DATABASE_NAME = 'gatehouse';

/** A keyed record of bookkeeping (e.g. which service worker version activated when). */
export interface MetaRecord {
  key: string;
}

/** One graphcache entry, namespaced per API client (environment and customer). */
export interface GraphcacheEntry {
  namespace: string;
  key: string;
  value: string;
}

export interface GraphcacheMetadata {
  namespace: string;
  requests: unknown[];
}

export interface GatehouseSchema extends DBSchema {
  meta: { key: string; value: MetaRecord };
  snapshots: { key: string; value: SnapshotRecord };
  localUsage: { key: string; value: LocalUsageRecord; indexes: { byPartition: string } };
  outbox: { key: string; value: OutboxEntry; indexes: { byPartition: string } };
  graphcache: { key: [string, string]; value: GraphcacheEntry; indexes: { byNamespace: string } };
  graphcacheMetadata: { key: string; value: GraphcacheMetadata };
}

export type GatehouseDb = IDBPDatabase<GatehouseSchema>;

type Migration = (db: GatehouseDb) => void;

/** migrations[n] upgrades a database from version n to version n + 1. */
export const migrations: readonly Migration[] = [
  // v1: bookkeeping only (the service worker's activation record).
  (db) => {
    db.createObjectStore('meta', { keyPath: 'key' });
  },
  // v2: the sync engine's partitions, local usage, outbox and graphcache's offline data.
  (db) => {
    db.createObjectStore('snapshots', { keyPath: 'partitionKey' });
    db.createObjectStore('localUsage', { keyPath: 'id' }).createIndex('byPartition', 'partitionKey');
    db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('byPartition', 'partitionKey');
    db.createObjectStore('graphcache', { keyPath: ['namespace', 'key'] }).createIndex('byNamespace', 'namespace');
    db.createObjectStore('graphcacheMetadata', { keyPath: 'namespace' });
  },
];

export const DATABASE_VERSION = migrations.length;

export interface OpenOptions {
  name?: string;
  /** Defaults to the global `indexedDB`; tests inject fake-indexeddb's. */
  factory?: IDBFactory;
  /** Fewer versions than the latest, for tests that write an older schema. */
  version?: number;
  /** An older connection elsewhere holds up the upgrade (callers bound the wait: core/storage-deadline.ts). */
  onBlocked?: () => void;
}

export function openDatabase(options: OpenOptions = {}): Promise<GatehouseDb> {
  const { name = DATABASE_NAME, factory = globalThis.indexedDB, version = DATABASE_VERSION, onBlocked } = options;
  if (!factory) return Promise.reject(new Error('IndexedDB is not available here'));
  // The factory is injectable, so open with it directly and let idb wrap the result.
  const request = factory.open(name, version);
  request.addEventListener('upgradeneeded', (event) => {
    const db = wrap(request.result) as unknown as GatehouseDb;
    for (const migrate of migrations.slice(event.oldVersion, version)) migrate(db);
  });
  if (onBlocked) request.addEventListener('blocked', onBlocked);
  return (wrap(request) as unknown as Promise<GatehouseDb>).then((db) => {
    // Another tab or a newer service worker wants to upgrade: step aside rather than block it.
    db.addEventListener('versionchange', () => db.close());
    return db;
  });
}
