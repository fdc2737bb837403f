// The engine's persistence. Every operation is best effort and never throws: when
// IndexedDB is missing, blocked or over quota the engine keeps its working set in
// memory, and `health` says storage is degraded until a write succeeds again.
import type { OutboxEntry } from '../../core/outbox-policy';
import type { LocalUsageRecord, SnapshotRecord } from '../../core/table';
import type { EngineEnvironment } from '../environment';
import { STORAGE_OPEN_DEADLINE_MS } from '../../core/storage-deadline';
import { openWithinDeadline } from './open-deadline';
import { openDatabase, type GatehouseDb } from './database';
import { storedRecord } from './stored-record';

export interface StorageHealth {
  storage: 'indexeddb' | 'memory';
  lastError?: string | undefined;
}

export interface EngineStoreOptions {
  databaseName?: string | undefined;
  /** An upgrade blocked by an old connection must not stall the engine. */
  openTimeoutMs?: number;
  /** After a failed open, how long before trying again. */
  reopenAfterMs?: number;
}

const REOPEN_AFTER_MS = 30_000;
export const NO_INDEXEDDB =
  'IndexedDB is not available: local usage and queued check reports live in memory only, and a reload loses them';

export class EngineStore {
  health: StorageHealth;
  private db: GatehouseDb | null = null;
  private opening: Promise<GatehouseDb | null> | null = null;
  private openFailedAt: number | null = null;
  /** Kinds of write that failed and have not succeeded since (a delete proves nothing about quota). */
  private readonly failingWrites = new Set<string>();

  constructor(
    private readonly env: EngineEnvironment,
    private readonly options: EngineStoreOptions = {},
  ) {
    this.health = env.indexedDB
      ? { storage: 'indexeddb' }
      : { storage: 'memory', lastError: NO_INDEXEDDB };
    if (!env.indexedDB) env.log('warn', NO_INDEXEDDB);
  }

  loadSnapshot(partitionKey: string): Promise<SnapshotRecord | undefined> {
    return this.read('read a snapshot', undefined, async (db) => storedRecord(await db.get('snapshots', partitionKey), partitionKey));
  }

  saveSnapshot(record: SnapshotRecord): Promise<boolean> {
    return this.write('save a snapshot', async (db) => {
      await db.put('snapshots', record);
    });
  }

  loadLocalUsage(partitionKey: string): Promise<LocalUsageRecord[]> {
    return this.read('read local usage', [], (db) => db.getAllFromIndex('localUsage', 'byPartition', partitionKey));
  }

  addLocalUsage(record: LocalUsageRecord): Promise<boolean> {
    return this.write('record local usage', async (db) => {
      await db.put('localUsage', record);
    });
  }

  deleteLocalUsage(ids: readonly string[]): Promise<boolean> {
    return this.deleteKeys('localUsage', ids);
  }

  loadOutbox(): Promise<OutboxEntry[]> {
    return this.read('read the outbox', [], (db) => db.getAll('outbox'));
  }

  putOutbox(entries: readonly OutboxEntry[]): Promise<boolean> {
    if (entries.length === 0) return Promise.resolve(true);
    return this.write('write the outbox', async (db) => {
      const tx = db.transaction('outbox', 'readwrite');
      await Promise.all([...entries.map((entry) => tx.store.put(entry)), tx.done]);
    });
  }

  deleteOutbox(ids: readonly string[]): Promise<boolean> {
    return this.deleteKeys('outbox', ids);
  }

  /** Deletes a partition's snapshot, local usage and outbox entries in one transaction. */
  purgePartition(partitionKey: string): Promise<boolean> {
    return this.write('purge a partition', async (db) => {
      const tx = db.transaction(['snapshots', 'localUsage', 'outbox'], 'readwrite');
      const byPartition = async (name: 'localUsage' | 'outbox') => {
        const store = tx.objectStore(name);
        for (const key of await store.index('byPartition').getAllKeys(partitionKey)) await store.delete(key);
      };
      await Promise.all([
        tx.objectStore('snapshots').delete(partitionKey),
        byPartition('localUsage'),
        byPartition('outbox'),
        tx.done,
      ]);
    });
  }

  /** The open database, or null while storage is unavailable. Shared with graphcache's adapter. */
  async database(): Promise<GatehouseDb | null> {
    if (this.db) return this.db;
    if (!this.env.indexedDB) return null;
    if (this.openFailedAt !== null && this.env.now() - this.openFailedAt < (this.options.reopenAfterMs ?? REOPEN_AFTER_MS)) {
      return null;
    }
    this.opening ??= this.open(this.env.indexedDB).finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }

  private async open(factory: IDBFactory): Promise<GatehouseDb | null> {
    const deadlineMs = this.options.openTimeoutMs ?? STORAGE_OPEN_DEADLINE_MS;
    try {
      const result = await openWithinDeadline(
        openDatabase({ factory, name: this.options.databaseName, onBlocked: () => this.env.log('warn', 'IndexedDB upgrade blocked by a connection in another tab') }),
        // Blocked by an old connection: carry on in memory, adopt the database if it opens later.
        { timers: this.env, deadlineMs, late: (db) => this.adopt(db) },
      );
      if ('timedOut' in result) throw new Error(`opening IndexedDB timed out after ${deadlineMs} ms (blocked by another connection?)`);
      return this.adopt(result.value);
    } catch (error) {
      this.openFailedAt = this.env.now();
      this.degrade('open IndexedDB', error);
      return null;
    }
  }

  private adopt(db: GatehouseDb): GatehouseDb {
    this.db = db;
    this.openFailedAt = null;
    if (this.failingWrites.size === 0) this.health = { storage: 'indexeddb' };
    // Closed for a newer version elsewhere (see openDatabase): reopen on next use.
    db.addEventListener('close', () => this.forget(db));
    db.addEventListener('versionchange', () => this.forget(db));
    return db;
  }

  private forget(db: GatehouseDb): void {
    if (this.db === db) this.db = null;
  }

  /** Runs a read; on failure reports degraded storage and answers `fallback`. */
  async read<T>(what: string, fallback: T, operation: (db: GatehouseDb) => Promise<T>): Promise<T> {
    const db = await this.database();
    if (!db) return fallback;
    try {
      return await operation(db);
    } catch (error) {
      this.failed(db, what, error);
      return fallback;
    }
  }

  /** Runs a write; on failure reports degraded storage and answers false. */
  async write(what: string, operation: (db: GatehouseDb) => Promise<void>): Promise<boolean> {
    const db = await this.database();
    if (!db) return false;
    try {
      await operation(db);
      this.failingWrites.delete(what);
      if (this.failingWrites.size === 0 && this.health.storage === 'memory') this.health = { storage: 'indexeddb' };
      return true;
    } catch (error) {
      this.failingWrites.add(what);
      this.failed(db, what, error);
      return false;
    }
  }

  private deleteKeys(name: 'localUsage' | 'outbox', ids: readonly string[]): Promise<boolean> {
    if (ids.length === 0) return Promise.resolve(true);
    return this.write(`delete from ${name}`, async (db) => {
      const tx = db.transaction(name, 'readwrite');
      await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
    });
  }

  private failed(db: GatehouseDb, what: string, error: unknown): void {
    if (error instanceof DOMException && error.name === 'InvalidStateError') this.forget(db);
    this.degrade(what, error);
  }

  private degrade(what: string, error: unknown): void {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.health = { storage: 'memory', lastError: `Could not ${what}: ${reason}; working from memory meanwhile` };
    this.env.log('warn', `could not ${what}; working from memory`, error);
  }
}
