import { beforeEach, describe, expect, it } from 'vitest';
import { partitionChannel, partitionKey } from '../core/partition';
import type { SnapshotRecord } from '../core/table';
import type { SyncStatus } from '../core/protocol';
import type { Engine } from './engine';
import { openDatabase } from './storage/database';
import { connection, failWith, hang, json, networkError, T0, TestWorld, wireEntitlement } from './test/harness';
import { entitlementMap } from '../core/test/packed';

const TTL = 30_000;
let world: TestWorld;

beforeEach(() => {
  world = new TestWorld();
  world.serverEntitlements.set('customer-1', [wireEntitlement('feature-a', T0 - 1_000)]);
  world.serverEntitlements.set('customer-2', [wireEntitlement('feature-b', T0 - 1_000)]);
});

type Request = Parameters<Engine['handle']>[0];
const ask = (engine: Engine, request: Request) => world.settle(engine.handle(request));
const sync = (engine: Engine, extra: Record<string, unknown> = {}) =>
  ask(engine, { type: 'sync', connection: connection(), ttlMs: TTL, ...extra } as Request) as Promise<SnapshotRecord>;
const status = (engine: Engine) => ask(engine, { type: 'status' }) as Promise<SyncStatus>;

describe('engine sync: coalescing', () => {
  it('reads an entitlements answer larger than the async calls’ body cap: a large catalog', async () => {
    const features = Array.from({ length: 12_000 }, (_, i) => wireEntitlement(`feature-${i}`, T0 - 1_000, { description: 'x'.repeat(700) }));
    world.serverEntitlements.set('customer-1', features);
    const record = await sync(world.engine());
    expect(JSON.stringify({ data: { entitlements: features } }).length).toBeGreaterThan(8 * 1024 * 1024);
    expect(Object.keys(entitlementMap(record.snapshot))).toHaveLength(12_000);
  });

  it('makes one request for concurrent asks and none until the interval has passed', async () => {
    const engine = world.engine();
    const records = await Promise.all([sync(engine), sync(engine), sync(engine)]);
    expect(world.requests()).toHaveLength(1);
    expect(entitlementMap(records[0]!.snapshot)['feature-a']).toBeDefined();
    expect(records[1]).toBe(records[0]);

    world.clock += TTL - 1;
    await sync(engine);
    await sync(engine);
    expect(world.requests()).toHaveLength(1);

    world.clock += 1;
    await Promise.all([sync(engine), sync(engine)]);
    expect(world.requests()).toHaveLength(2);
  });

  it('starts from the stored snapshot after a restart instead of refetching', async () => {
    await sync(world.engine());
    world.clock += 1_000;
    const restarted = world.engine();
    const record = await sync(restarted);
    expect(world.requests()).toHaveLength(1);
    expect(record.fetchedAt).toBe(T0);
  });

  it('sends the edge GET with the official headers, and GraphQL for force (refresh)', async () => {
    const engine = world.engine();
    await ask(engine, { type: 'sync', connection: connection({ customerToken: 'secret-token', resourceId: 'r 1' }), ttlMs: TTL });
    const [edge] = world.requests();
    expect(edge!.url).toBe('https://edge.test/v1/c/customer-1/entitlements.json?resourceId=r%201');
    expect(edge!.headers).toMatchObject({ 'x-api-key': 'client-key', 'X-API-VERSION': '1', source: 'JS_CLIENT_SDK', 'x-customer-key': 'secret-token' });

    await sync(engine, { force: true });
    const graphql = world.requests('graphql')[0]!;
    expect(graphql.url).toBe('https://api.test/graphql');
    expect(graphql.headers).toMatchObject({ 'x-api-key': 'client-key', 'x-graphql-operation-name': 'GetEntitlements', source: 'JS_CLIENT_SDK' });
    expect(graphql.body).toMatchObject({ operationName: 'GetEntitlements', variables: { query: { customerId: 'customer-1' } } });
    expect((graphql.body as { query: string }).query).toContain('entitlements:cachedEntitlements(query:$query)');
  });

  it('uses GraphQL when the edge is disabled', async () => {
    await ask(world.engine(), { type: 'sync', connection: connection({ enableEdge: false }), ttlMs: TTL });
    expect(world.requests('edge')).toHaveLength(0);
    expect(world.requests('graphql')).toHaveLength(1);
  });
});

describe('engine sync: ETag and broadcasts', () => {
  it('sends If-None-Match; a 304 confirms the data without a write or a broadcast', async () => {
    const engine = world.engine();
    const first = await sync(engine);
    expect(first.etag).toBe(world.etagOf('customer-1'));
    expect(world.snapshotBroadcasts()).toHaveLength(1);
    expect(world.broadcasts.find((b) => b.body.type === 'snapshot')!.channel).toBe(partitionChannel(partitionKey(connection())));

    world.clock += TTL;
    const second = await sync(engine);
    expect(world.requests()[1]!.headers['If-None-Match']).toBe(first.etag);
    expect(second.fetchedAt).toBe(T0 + TTL);
    expect(second.snapshot).toEqual(first.snapshot);
    expect(world.snapshotBroadcasts()).toHaveLength(1);

    const db = await openDatabase({ factory: world.indexedDB!, name: 'gatehouse-test' });
    expect((await db.get('snapshots', first.partitionKey))!.fetchedAt).toBe(T0);
    db.close();
  });

  it('broadcasts to the partition only when the entitlements changed', async () => {
    const engine = world.engine();
    const conn = connection({ enableEdge: false });
    await ask(engine, { type: 'sync', connection: conn, ttlMs: TTL });
    world.clock += TTL;
    await ask(engine, { type: 'sync', connection: conn, ttlMs: TTL });
    expect(world.snapshotBroadcasts()).toHaveLength(1);

    world.serverEntitlements.set('customer-1', [wireEntitlement('feature-a', T0 + 5, { currentUsage: 3 })]);
    world.clock += TTL;
    await ask(engine, { type: 'sync', connection: conn, ttlMs: TTL });
    expect(world.snapshotBroadcasts()).toHaveLength(2);
  });
});

describe('engine sync: the ordering guard', () => {
  it('drops an answer older than the stored snapshot', async () => {
    const engine = world.engine();
    world.serverEntitlements.set('customer-1', [wireEntitlement('feature-a', T0 - 1_000, { currentUsage: 5 })]);
    await sync(engine);
    world.serverEntitlements.set('customer-1', [wireEntitlement('feature-a', T0 - 60_000, { currentUsage: 1 })]);
    world.clock += TTL;
    const record = await sync(engine);
    expect(entitlementMap(record.snapshot)['feature-a']!.currentUsage).toBe(5);
    expect(world.snapshotBroadcasts()).toHaveLength(1);
    // The dropped answer still counts for coalescing: no refetch on the next tick.
    await sync(engine);
    expect(world.requests()).toHaveLength(2);
  });
});

describe('engine sync: failures', () => {
  it('times out a hung request and never hangs past its budget', async () => {
    world.edge = hang;
    world.graphql = hang;
    const engine = world.engine({ sync: { requestTimeoutMs: 2_000, syncBudgetMs: 6_000 } });
    await expect(sync(engine)).rejects.toThrow(/timed out after \d+ ms/);
    expect(world.clock - T0).toBeLessThanOrEqual(6_000);
    expect((await status(engine)).state).toBe('degraded');
  });

  it('falls back to GraphQL when the edge fails, and keeps to GraphQL for a while', async () => {
    world.edge = failWith(500);
    const engine = world.engine();
    const record = await sync(engine);
    expect(entitlementMap(record.snapshot)['feature-a']).toBeDefined();
    expect(world.requests('edge')).toHaveLength(1);
    expect(world.requests('graphql')).toHaveLength(1);
    world.clock += TTL;
    await sync(engine);
    expect(world.requests('edge')).toHaveLength(1);
    expect(world.requests('graphql')).toHaveLength(2);
  });

  it('backs off with jitter, answers stored data meanwhile, and reports degraded', async () => {
    const engine = world.engine({ sync: { attemptsPerSync: 1 } });
    await sync(engine);
    world.edge = failWith(500);
    world.graphql = failWith(500);
    world.random = 1;
    world.clock += TTL;
    const stale = await sync(engine);
    expect(stale.fetchedAt).toBe(T0);
    expect(world.requests()).toHaveLength(3);
    const s = await status(engine);
    expect(s).toMatchObject({ state: 'degraded', circuitOpen: false });
    expect(s.lastError).toMatch(/HTTP 500/);

    // Within the backoff (1 s at most for a first failure): no request.
    world.clock += 500;
    await sync(engine);
    expect(world.requests()).toHaveLength(3);
    world.clock += 600;
    await sync(engine);
    // The edge stays in its cooldown: the retry goes to GraphQL only.
    expect(world.requests('edge')).toHaveLength(2);
    expect(world.requests('graphql')).toHaveLength(2);
  });

  it('retries within one sync when the backoff is short, then recovers', async () => {
    let failures = 2;
    world.graphql = (call, signal) => (failures-- > 0 ? failWith(500)(call, signal) : json({ data: { entitlements: [wireEntitlement('feature-a', T0)] } }));
    const engine = world.engine();
    const record = await ask(engine, { type: 'sync', connection: connection({ enableEdge: false }), ttlMs: TTL });
    expect(entitlementMap((record as SnapshotRecord).snapshot)['feature-a']).toBeDefined();
    expect(world.requests('graphql')).toHaveLength(3);
    expect((await status(engine)).state).toBe('idle');
  });

  it('opens the circuit after repeated failures and lets one probe through per interval', async () => {
    world.edge = networkError;
    world.graphql = networkError;
    const conn = connection({ enableEdge: false });
    const engine = world.engine({ sync: { attemptsPerSync: 1 } });
    for (let i = 0; i < 5; i += 1) {
      await expect(ask(engine, { type: 'sync', connection: conn, ttlMs: TTL })).rejects.toThrow(/Failed to fetch/);
      if (i < 4) world.clock += 31_000;
    }
    expect(world.requests()).toHaveLength(5);
    expect((await status(engine)).circuitOpen).toBe(true);
    await expect(ask(engine, { type: 'sync', connection: conn, ttlMs: TTL })).rejects.toThrow(/circuit breaker is open/);
    world.clock += 20_000;
    await expect(ask(engine, { type: 'sync', connection: conn, ttlMs: TTL })).rejects.toThrow(/circuit breaker is open/);
    expect(world.requests()).toHaveLength(5);

    world.graphql = () => json({ data: { entitlements: [wireEntitlement('feature-a', T0)] } });
    world.clock += 10_000;
    await ask(engine, { type: 'sync', connection: conn, ttlMs: TTL });
    expect(world.requests()).toHaveLength(6);
    expect((await status(engine)).circuitOpen).toBe(false);
  });

  it('retries by itself when the backoff ends while pages are interested, and not after', async () => {
    world.graphql = networkError;
    const conn = connection({ enableEdge: false });
    const engine = world.engine({ sync: { attemptsPerSync: 1 } });
    await expect(ask(engine, { type: 'sync', connection: conn, ttlMs: TTL })).rejects.toThrow(/Failed to fetch/);
    world.graphql = () => json({ data: { entitlements: [wireEntitlement('feature-a', T0)] } });
    const snapshotBroadcast = () => world.broadcasts.some((b) => b.body.type === 'snapshot');
    await world.settle(new Promise<void>((resolve) => {
      const poll = () => (snapshotBroadcast() ? resolve() : setTimeout(poll, 1));
      poll();
    }));
    expect(world.requests()).toHaveLength(2);
    expect(world.clock - T0).toBeLessThanOrEqual(TTL);

    // Failing again, but no page asks any more: the scheduled retry finds nobody interested.
    world.graphql = networkError;
    world.clock += TTL;
    await expect(ask(engine, { type: 'sync', connection: conn, ttlMs: TTL })).resolves.toBeDefined(); // stored data
    world.clock += 3 * TTL;
    await world.settle(new Promise((resolve) => setTimeout(resolve, 30)));
    expect(world.requests()).toHaveLength(3);
  });

  it('honours Retry-After on 429', async () => {
    world.graphql = failWith(429, { 'Retry-After': '120' });
    const conn = connection({ enableEdge: false });
    const engine = world.engine();
    await expect(ask(engine, { type: 'sync', connection: conn, ttlMs: TTL })).rejects.toThrow(/HTTP 429/);
    expect(world.requests()).toHaveLength(1);
    world.graphql = () => json({ data: { entitlements: [] } });
    world.clock += 119_000;
    await expect(ask(engine, { type: 'sync', connection: conn, ttlMs: TTL })).rejects.toThrow(/backing off/);
    expect(world.requests()).toHaveLength(1);
    world.clock += 1_000;
    await ask(engine, { type: 'sync', connection: conn, ttlMs: TTL });
    expect(world.requests()).toHaveLength(2);
  });

  it('does not retry a 4xx other than 408/429 before the next interval', async () => {
    world.graphql = failWith(401);
    const conn = connection({ enableEdge: false });
    const engine = world.engine();
    await expect(ask(engine, { type: 'sync', connection: conn, ttlMs: TTL })).rejects.toThrow(/HTTP 401/);
    world.clock += TTL - 1;
    await expect(ask(engine, { type: 'sync', connection: conn, ttlMs: TTL })).rejects.toThrow(/backing off/);
    expect(world.requests()).toHaveLength(1);
  });

  it('a reconnect forgives network failures and refreshes due partitions', async () => {
    const engine = world.engine({ sync: { attemptsPerSync: 1 } });
    await sync(engine);
    world.edge = networkError;
    world.graphql = networkError;
    world.clock += TTL;
    await sync(engine);
    await ask(engine, { type: 'connectivity', online: false });
    world.clock += 100;
    expect((await sync(engine)).fetchedAt).toBe(T0);
    expect(world.requests()).toHaveLength(3);
    expect((await status(engine)).state).toBe('offline');

    world.edge = () => json({ data: { entitlements: [wireEntitlement('feature-a', T0 + 1)] } });
    await ask(engine, { type: 'connectivity', online: true });
    await world.settle(engine.settled());
    expect(world.requests()).toHaveLength(4);
    expect((await status(engine)).state).toBe('idle');
  });
});

describe('engine sync: partitions', () => {
  it('keeps customers apart: records, channels and storage', async () => {
    const engine = world.engine();
    const one = await sync(engine);
    const two = (await ask(engine, { type: 'sync', connection: connection({ customerId: 'customer-2' }), ttlMs: TTL })) as SnapshotRecord;
    expect(Object.keys(entitlementMap(one.snapshot))).toEqual(['feature-a']);
    expect(Object.keys(entitlementMap(two.snapshot))).toEqual(['feature-b']);
    expect(new Set(world.broadcasts.filter((b) => b.body.type === 'snapshot').map((b) => b.channel)).size).toBe(2);
    for (const { channel, body } of world.broadcasts) {
      if (body.type === 'snapshot') expect(channel).toBe(partitionChannel(body.partitionKey));
    }
    // A different environment (API key) is a different partition too.
    await ask(engine, { type: 'sync', connection: connection({ apiKey: 'other-key' }), ttlMs: TTL });
    expect(world.requests()).toHaveLength(3);
  });

  it('discards a response that was in flight when the partition was purged', async () => {
    let release: (r: Response) => void = () => {};
    world.edge = () => new Promise<Response>((resolve) => (release = resolve));
    const engine = world.engine();
    const pending = sync(engine);
    await new Promise((r) => setTimeout(r, 5));
    await ask(engine, { type: 'purge', connection: connection() });
    release(json({ data: { entitlements: [wireEntitlement('feature-a', T0)] } }));
    await expect(pending).rejects.toThrow(/discarded/);
    expect(world.snapshotBroadcasts()).toHaveLength(0);
    const db = await openDatabase({ factory: world.indexedDB!, name: 'gatehouse-test' });
    expect(await db.getAll('snapshots')).toEqual([]);
    db.close();
  });

  it('never writes the customer token to storage', async () => {
    const engine = world.engine();
    const conn = connection({ customerToken: 'very-secret-token' });
    await ask(engine, { type: 'sync', connection: conn, ttlMs: TTL });
    await ask(engine, { type: 'track', connection: conn, reports: [{ id: 'r1', featureId: 'feature-a', result: { hasAccess: true }, checkedAt: T0 }] });
    await ask(engine, { type: 'recordUsage', connection: conn, usageId: 'u1', featureId: 'feature-a', amount: 1, limitCheck: false });
    await world.settle(engine.settled());
    const db = await openDatabase({ factory: world.indexedDB!, name: 'gatehouse-test' });
    for (const name of db.objectStoreNames) expect(JSON.stringify(await db.getAll(name))).not.toContain('very-secret-token');
    db.close();
  });
});
