// A first visit's page fetched the edge entitlements itself and hands the engine the
// answer (PrefetchedEntitlements): the engine stores and broadcasts it as its own fetch,
// with no request of its own, and refuses what it must not trust as current.
import { beforeEach, describe, expect, it } from 'vitest';
import { parseRequest } from '../core/requests';
import { envelope, type PrefetchedEntitlements } from '../core/protocol';
import type { SnapshotRecord } from '../core/table';
import type { Engine } from './engine';
import { openDatabase } from './storage/database';
import { connection, T0, TestWorld, wireEntitlement } from './test/harness';
import { entitlementMap } from '../core/test/packed';
import { toSnapshot } from '../core/wire';

const TTL = 30_000;
let world: TestWorld;

beforeEach(() => {
  world = new TestWorld();
  world.serverEntitlements.set('customer-1', [wireEntitlement('feature-a', T0 - 1_000)]);
});

type Request = Parameters<Engine['handle']>[0];
const sync = (engine: Engine, prefetched?: PrefetchedEntitlements) =>
  world.settle(engine.handle({ type: 'sync', connection: connection(), ttlMs: TTL, ...(prefetched ? { prefetched } : {}) } as Request)) as Promise<SnapshotRecord>;

/** An edge answer as the page hands it over: read (core/wire), its snapshot packed. */
const edgeAnswer = (features: string[], receivedAt: number, etag = '"prefetched-1"'): PrefetchedEntitlements => ({
  snapshot: toSnapshot(
    features.map((id) => wireEntitlement(id, T0 - 2_000)),
    receivedAt,
  ),
  etag,
  receivedAt,
});

describe('engine sync: a page-prefetched first answer', () => {
  it('is stored and broadcast as the engine’s own fetch, with no request', async () => {
    const engine = world.engine();
    world.clock = T0 + 50;
    const record = await sync(engine, edgeAnswer(['feature-p'], T0));
    expect(world.requests()).toHaveLength(0);
    expect(Object.keys(entitlementMap(record.snapshot))).toEqual(['feature-p']);
    expect(record).toMatchObject({ fetchedAt: T0, changedAt: T0, etag: '"prefetched-1"' });
    expect(world.snapshotBroadcasts()).toHaveLength(1);

    const db = await openDatabase({ factory: world.indexedDB!, name: 'gatehouse-test' });
    expect(entitlementMap((await db.get('snapshots', record.partitionKey))!.snapshot)['feature-p']).toBeDefined();
    db.close();

    // The interval counts from the prefetch: the next request goes out when it is over,
    // conditional on the prefetched ETag.
    world.clock = T0 + TTL - 1;
    await sync(engine);
    expect(world.requests()).toHaveLength(0);
    world.clock = T0 + TTL;
    await sync(engine);
    expect(world.requests()).toHaveLength(1);
    expect(world.requests()[0]!.headers['If-None-Match']).toBe('"prefetched-1"');
  });

  it('is ignored, and the engine fetches, when it is older than one interval or from the future', async () => {
    for (const prefetched of [edgeAnswer(['feature-p'], T0 - TTL), edgeAnswer(['feature-p'], T0 + 1)]) {
      world = new TestWorld();
      world.serverEntitlements.set('customer-1', [wireEntitlement('feature-a', T0 - 1_000)]);
      const record = await sync(world.engine(), prefetched);
      expect(world.requests()).toHaveLength(1);
      expect(Object.keys(entitlementMap(record.snapshot))).toEqual(['feature-a']);
    }
  });

  it('does not replace a record the engine fetched after it', async () => {
    const engine = world.engine();
    world.clock = T0 + 100;
    const fetched = await sync(engine);
    expect(world.requests()).toHaveLength(1);
    const record = await sync(engine, edgeAnswer(['feature-p'], T0 + 50));
    expect(record).toBe(fetched);
    expect(world.snapshotBroadcasts()).toHaveLength(1);
  });

  it('does not hold back a forced sync (refresh) that arrives while it is being stored', async () => {
    const engine = world.engine();
    world.clock = T0 + 50;
    const storing = sync(engine, edgeAnswer(['feature-p'], T0));
    const forced = world.settle(engine.handle({ type: 'sync', connection: connection(), ttlMs: TTL, force: true, skipEdge: true })) as Promise<SnapshotRecord>;
    const [, refreshed] = await Promise.all([storing, forced]);
    expect(world.requests('graphql')).toHaveLength(1);
    expect(Object.keys(entitlementMap(refreshed.snapshot))).toEqual(['feature-a']);
  });

  it('crosses to the engine only in its shape: a snapshot whose packed entitlements are valid', () => {
    const request = (prefetched: unknown) =>
      parseRequest(envelope('1', { type: 'sync', connection: connection(), ttlMs: TTL, prefetched }));
    const good = edgeAnswer(['feature-p'], T0);
    expect(request(good)).not.toBeNull();
    expect(request({ ...good, etag: undefined })).not.toBeNull();
    expect(request({ ...good, snapshot: toSnapshot([], T0) })).not.toBeNull(); // a customer with no entitlements
    // The answer's text or bytes are not taken (the page hands over what it read), nor junk in a buffer.
    const text = JSON.stringify({ data: { entitlements: [wireEntitlement('feature-p', T0)] } });
    expect(request({ text, receivedAt: T0 })).toBeNull();
    expect(request({ body: new TextEncoder().encode(text).buffer, receivedAt: T0 })).toBeNull();
    expect(request({ ...good, snapshot: { packed: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]).buffer, lastUpdate: T0 } })).toBeNull();
    expect(request({ ...good, snapshot: { packed: good.snapshot.packed.slice(0, 16), lastUpdate: T0 } })).toBeNull();
    expect(request({ ...good, snapshot: { ...good.snapshot, lastUpdate: 'yesterday' } })).toBeNull();
    expect(request({ ...good, receivedAt: 'now' })).toBeNull();
    expect(request({ ...good, etag: 7 })).toBeNull();
  });
});
