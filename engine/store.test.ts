import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DATABASE_NAME, DATABASE_VERSION, getMeta, openStore, putMeta } from './store';

let counter = 0;
const uniqueName = () => `gatehouse-test-${++counter}`;

describe('engine/store', () => {
  it('names the database gatehouse at the latest schema version', () => {
    expect(DATABASE_NAME).toBe('gatehouse');
    expect(DATABASE_VERSION).toBe(2);
  });

  it('creates the meta store on first open', async () => {
    const db = await openStore(uniqueName());
    expect(db.version).toBe(DATABASE_VERSION);
    expect([...db.objectStoreNames]).toContain('meta');
    db.close();
  });

  it('opens the default database when no name is given', async () => {
    const db = await openStore();
    expect(db.name).toBe(DATABASE_NAME);
    db.close();
  });

  it('puts and gets a meta record by key, across connections', async () => {
    const name = uniqueName();
    const record = { key: 'sw', version: '1.2.3', activatedAt: 1_700_000_000_000 };
    const writer = await openStore(name);
    await putMeta(writer, record);
    writer.close();

    const reader = await openStore(name);
    expect(await getMeta(reader, 'sw')).toEqual(record);
    expect(await getMeta(reader, 'missing')).toBeUndefined();
    reader.close();
  });

  it('replaces a record with the same key', async () => {
    const db = await openStore(uniqueName());
    await putMeta(db, { key: 'sw', activatedAt: 1 });
    await putMeta(db, { key: 'sw', activatedAt: 2 });
    expect(await getMeta(db, 'sw')).toEqual({ key: 'sw', activatedAt: 2 });
    db.close();
  });
});
