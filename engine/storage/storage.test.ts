import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore as FakeObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../core/protocol';
import type { SnapshotRecord } from '../../core/table';
import { Connectivity } from '../connectivity';
import { defaultEnvironment } from '../environment';
import { connection, FAR_OFF_MS, T0, TestWorld, wireEntitlement } from '../test/harness';
import { DATABASE_VERSION, openDatabase } from './database';
import { EngineStore } from './engine-store';
import { createGraphcacheStorage } from './graphcache-storage';
import { entitlementMap } from '../../core/test/packed';

const TTL = 30_000;

function world(): TestWorld {
  const w = new TestWorld();
  w.serverEntitlements.set('customer-1', [wireEntitlement('feature-a', T0 - 1_000)]);
  return w;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('storage schema', () => {
  it('is at version 2', () => {
    expect(DATABASE_VERSION).toBe(2);
  });

  it('opens a database written by the previous schema version, keeping its data', async () => {
    const factory = new IDBFactory();
    const v1 = await openDatabase({ factory, name: 'old', version: 1 });
    expect([...v1.objectStoreNames]).toEqual(['meta']);
    await v1.put('meta', { key: 'sw', version: '0.0.9', activatedAt: 1 } as never);
    v1.close();

    const v2 = await openDatabase({ factory, name: 'old' });
    expect(v2.version).toBe(2);
    expect([...v2.objectStoreNames].sort()).toEqual(['graphcache', 'graphcacheMetadata', 'localUsage', 'meta', 'outbox', 'snapshots']);
    expect(await v2.get('meta', 'sw')).toEqual({ key: 'sw', version: '0.0.9', activatedAt: 1 });
    v2.close();
  });

  it('an open v1 connection steps aside for the upgrade', async () => {
    const factory = new IDBFactory();
    const v1 = await openDatabase({ factory, name: 'shared', version: 1 });
    const v2 = await openDatabase({ factory, name: 'shared' });
    expect(v2.version).toBe(2);
    v2.close();
    v1.close();
  });
});

describe('stored snapshot records', () => {
  it('written before entitlements were packed are packed on load; unreadable ones count as nothing stored', async () => {
    const w = world();
    const store = new EngineStore(defaultEnvironment(w.environment()), { databaseName: 'legacy', openTimeoutMs: 2 * FAR_OFF_MS });
    const entitlement = {
      featureId: 'feature-a',
      feature: { id: 'feature-a', featureType: 'NUMBER', meterType: 'Incremental', displayName: 'Feature A', description: '' },
      usageLimit: 10,
      hasUnlimitedUsage: false,
      hasSoftLimit: false,
      currentUsage: 4,
      usagePeriodEnd: T0 + 1_000,
    };
    const legacy = { partitionKey: 'p-legacy', fetchedAt: T0, etag: 'W/"1"', snapshot: { entitlements: { 'feature-a': entitlement }, lastUpdate: T0 } };
    const db = (await store.database())!;
    await db.put('snapshots', legacy as never);
    await db.put('snapshots', { partitionKey: 'p-junk', fetchedAt: T0, snapshot: { packed: new ArrayBuffer(48), lastUpdate: T0 } } as never);

    const upgraded = (await store.loadSnapshot('p-legacy'))!;
    expect(upgraded).toMatchObject({ partitionKey: 'p-legacy', fetchedAt: T0, etag: 'W/"1"', snapshot: { lastUpdate: T0 } });
    expect(entitlementMap(upgraded.snapshot)).toEqual({ 'feature-a': entitlement });
    expect(await store.loadSnapshot('p-junk')).toBeUndefined();
    expect(await store.loadSnapshot('p-missing')).toBeUndefined();
  });
});

describe('storage failures: the engine keeps working from memory', () => {
  const sync = (w: TestWorld, engine: ReturnType<TestWorld['engine']>) =>
    w.settle(engine.handle({ type: 'sync', connection: connection(), ttlMs: TTL })) as Promise<SnapshotRecord>;
  const status = (w: TestWorld, engine: ReturnType<TestWorld['engine']>) =>
    w.settle(engine.handle({ type: 'status' })) as Promise<SyncStatus>;

  it('without IndexedDB', async () => {
    const w = world();
    w.indexedDB = null;
    const engine = w.engine();
    expect(entitlementMap((await sync(w, engine)).snapshot)['feature-a']).toBeDefined();
    await w.settle(engine.handle({ type: 'recordUsage', connection: connection(), usageId: 'u1', featureId: 'feature-a', amount: 2, limitCheck: true }));
    await sync(w, engine);
    expect(w.requests()).toHaveLength(1);
    expect(await status(w, engine)).toMatchObject({ storage: 'memory', state: 'degraded', storageNote: expect.stringMatching(/^IndexedDB is not available: .*memory only.*reload loses them/) });
  });

  it('over quota: writes fail, answers do not, and storage recovers', async () => {
    const w = world();
    const prototype = FakeObjectStore.prototype as unknown as { put: (...args: unknown[]) => unknown };
    const originalPut = prototype.put;
    prototype.put = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const engine = w.engine();
    const record = await sync(w, engine);
    expect(entitlementMap(record.snapshot)['feature-a']).toBeDefined();
    const track = await w.settle(
      engine.handle({ type: 'track', connection: connection(), reports: [{ id: 'r1', featureId: 'feature-a', result: { hasAccess: true }, checkedAt: T0 }] }),
    );
    expect(track).toMatchObject({ queued: 1 });
    const degraded = await status(w, engine);
    expect(degraded).toMatchObject({ storage: 'memory', state: 'degraded' });
    expect(degraded.lastError).toMatch(/QuotaExceededError/);

    prototype.put = originalPut;
    w.clock += TTL;
    w.serverEntitlements.set('customer-1', [wireEntitlement('feature-a', T0 + 1, { currentUsage: 1 })]);
    await sync(w, engine);
    await w.settle(engine.handle({ type: 'track', connection: connection(), reports: [{ id: 'r2', featureId: 'feature-a', result: { hasAccess: true }, checkedAt: T0 }] }));
    await w.settle(engine.settled());
    const recovered = await status(w, engine);
    expect(recovered.lastError).toBeUndefined();
    expect(recovered).toMatchObject({ storage: 'indexeddb', state: 'idle' });
  });

  it('blocked by an old connection that never closes: carries on in memory', async () => {
    const w = world();
    const factory = w.indexedDB!;
    const stubborn = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open('gatehouse-test', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('meta', { keyPath: 'key' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const engine = w.engine({ storage: { databaseName: 'gatehouse-test', openTimeoutMs: 1_000 } });
    expect(entitlementMap((await sync(w, engine)).snapshot)['feature-a']).toBeDefined();
    const s = await status(w, engine);
    expect(s).toMatchObject({ storage: 'memory', state: 'degraded' });
    expect(s.lastError).toMatch(/timed out/);
    stubborn.close();
  });
});

describe('graphcache storage adapter', () => {
  it('persists entries per namespace, deletes undefined ones, keeps metadata, relays reconnects and drops writes once closed', async () => {
    const w = world();
    // A far-off open timeout: the virtual clock must not give up on a slow (loaded) machine's real I/O.
    const store = new EngineStore(defaultEnvironment(w.environment()), { databaseName: 'gc', openTimeoutMs: 2 * FAR_OFF_MS });
    const connectivity = new Connectivity(false);
    const a = createGraphcacheStorage(store, 'env-a', connectivity);
    const b = createGraphcacheStorage(store, 'env-b', connectivity);
    await w.settle(a.writeData({ 'Query.x': '1', 'Customer:1': '{"id":1}' }));
    await w.settle(b.writeData({ 'Query.x': '2' }));
    await w.settle(a.writeData({ 'Query.x': undefined }));
    expect(store.health).toEqual({ storage: 'indexeddb' });
    expect(await w.settle(a.readData())).toEqual({ 'Customer:1': '{"id":1}' });
    expect(await w.settle(b.readData())).toEqual({ 'Query.x': '2' });

    expect(await w.settle(a.readMetadata!())).toBeNull();
    a.writeMetadata!([{ query: 'mutation M { m }', variables: {} }]);
    await w.settle(new Promise((resolve) => setTimeout(resolve, 20)));
    expect(await w.settle(a.readMetadata!())).toEqual([{ query: 'mutation M { m }', variables: {} }]);

    const online = vi.fn();
    a.onOnline!(online);
    connectivity.set(true);
    expect(online).toHaveBeenCalledTimes(1);

    // A closed adapter (its cache discarded) drops late writes.
    a.close();
    await w.settle(a.writeData({ 'Query.late': '3' }));
    a.writeMetadata!([]);
    await w.settle(new Promise((resolve) => setTimeout(resolve, 20)));
    expect(await w.settle(a.readData())).toEqual({ 'Customer:1': '{"id":1}' });
    expect(await w.settle(a.readMetadata!())).toEqual([{ query: 'mutation M { m }', variables: {} }]);
    store.close();
  });
});
