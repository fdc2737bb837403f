// Bookkeeping records (the `meta` store) on Gatehouse's database, for hosts that only
// need those (the service worker's activation record, the demo). The schema and its
// migrations live in storage/database.ts.
import { openDatabase, type GatehouseDb, type MetaRecord } from './storage/database';

export { DATABASE_NAME, DATABASE_VERSION, type GatehouseDb, type MetaRecord } from './storage/database';

export function openStore(name?: string): Promise<GatehouseDb> {
  return openDatabase({ name });
}

export async function putMeta<T extends MetaRecord>(db: GatehouseDb, record: T): Promise<void> {
  await db.put('meta', record);
}

export function getMeta(db: GatehouseDb, key: string): Promise<MetaRecord | undefined> {
  return db.get('meta', key);
}
