// Bookkeeping records (the `meta` store) on Gatehouse's database, for hosts that only
// need those (the service worker's activation record, the demo). The schema and its
// migrations live in storage/database.ts.
import { openWithinDeadline, type DeadlineTimers } from './storage/open-deadline';
import { openDatabase, type GatehouseDb, type MetaRecord } from './storage/database';

const hostTimers: DeadlineTimers = { setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>) };

export { DATABASE_NAME, DATABASE_VERSION, type GatehouseDb, type MetaRecord } from './storage/database';

/**
 * Opens the database within the storage deadline (core/storage-deadline.ts); rejects
 * past it, and a database that opens later is closed at once.
 */
export async function openStore(name?: string): Promise<GatehouseDb> {
  const result = await openWithinDeadline(openDatabase({ name }), { timers: hostTimers, late: (db) => db.close() });
  if ('timedOut' in result) throw new Error('opening IndexedDB timed out (blocked by another connection?)');
  return result.value;
}

export async function putMeta<T extends MetaRecord>(db: GatehouseDb, record: T): Promise<void> {
  await db.put('meta', record);
}

export function getMeta(db: GatehouseDb, key: string): Promise<MetaRecord | undefined> {
  return db.get('meta', key);
}
