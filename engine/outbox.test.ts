import { beforeEach, describe, expect, it } from 'vitest';
import type { CheckReport } from '../core/protocol';
import type { Engine } from './engine';
import { openDatabase } from './storage/database';
import { connection, hang, json, networkError, T0, TestWorld, type FetchCall } from './test/harness';

let world: TestWorld;
/** What a server honouring idempotency keys would count. */
let counted: Map<string, number>;

interface BatchedOperation {
  operationName: string;
  variables: { entitlementCheckRequested: { featureId: string; customerId: string } };
  extensions: { idempotencyKey: string };
}

function countingServer(call: FetchCall) {
  const operations = call.body as BatchedOperation[];
  for (const op of operations) counted.set(op.extensions.idempotencyKey, (counted.get(op.extensions.idempotencyKey) ?? 0) + 1);
  return json(operations.map(() => ({ data: { reportEntitlementCheckRequested: true } })));
}

beforeEach(() => {
  world = new TestWorld();
  counted = new Map();
  world.graphql = countingServer;
});

const report = (id: string, featureId = 'feature-a'): CheckReport => ({
  id,
  featureId,
  result: { hasAccess: true },
  checkedAt: T0,
});
const track = (engine: Engine, reports: CheckReport[], conn = connection()) =>
  world.settle(engine.handle({ type: 'track', connection: conn, reports }));
const storedOutbox = async () => {
  const db = await openDatabase({ factory: world.indexedDB!, name: 'gatehouse-test' });
  const entries = await db.getAll('outbox');
  db.close();
  return entries;
};

describe('engine outbox', () => {
  it('writes reports to IndexedDB before sending, and sends them as one batch with idempotency keys', async () => {
    let storedWhenSent: string[] = [];
    world.graphql = async (call) => {
      storedWhenSent = (await storedOutbox()).map((entry) => entry.id);
      return countingServer(call);
    };
    const engine = world.engine();
    await track(engine, [report('r1'), report('r2', 'feature-b')]);
    await world.settle(engine.settled());
    expect(storedWhenSent.sort()).toEqual(['r1', 'r2']);
    const [call] = world.requests('graphql');
    expect(call!.headers['x-graphql-operation-name']).toBe('ReportEntitlementCheckRequested');
    expect(call!.body).toEqual([
      expect.objectContaining({
        operationName: 'ReportEntitlementCheckRequested',
        variables: { entitlementCheckRequested: { customerId: 'customer-1', featureId: 'feature-a', entitlementCheckResult: { hasAccess: true } } },
        extensions: { idempotencyKey: 'r1' },
      }),
      expect.objectContaining({ extensions: { idempotencyKey: 'r2' } }),
    ]);
    expect(await storedOutbox()).toEqual([]);
    expect(await world.settle(engine.handle({ type: 'status' }))).toMatchObject({ outboxDepth: 0 });
  });

  it('queues offline, keeps across a restart, and delivers each report exactly once after reconnecting', async () => {
    const offline = world.engine({ online: false });
    await track(offline, [report('r1'), report('r2')]);
    await track(offline, [report('r2')]); // the same report again: idempotent enqueue
    expect(world.requests()).toHaveLength(0);
    expect(await world.settle(offline.handle({ type: 'status' }))).toMatchObject({ outboxDepth: 2, state: 'offline' });
    offline.close();

    const restarted = world.engine({ online: false });
    expect(await world.settle(restarted.handle({ type: 'status' }))).toMatchObject({ outboxDepth: 2 });
    await world.settle(restarted.handle({ type: 'connectivity', online: true }));
    await world.settle(restarted.settled());
    expect(Object.fromEntries(counted)).toEqual({ r1: 1, r2: 1 });
    expect(await storedOutbox()).toEqual([]);
  });

  it('resends a batch whose answer was lost with the same idempotency keys', async () => {
    let drop = true;
    world.graphql = (call) => {
      const answer = countingServer(call);
      if (drop) {
        drop = false;
        return networkError(call, undefined);
      }
      return answer;
    };
    const engine = world.engine();
    await track(engine, [report('r1')]);
    await world.settle(engine.settled());
    expect(await storedOutbox()).toHaveLength(1);
    expect((await storedOutbox())[0]!.attempts).toBe(1);

    world.clock += 2_000; // past the backoff
    await track(engine, [report('r2')]);
    await world.settle(engine.settled());
    const keys = world.requests('graphql').map((c) => (c.body as BatchedOperation[]).map((op) => op.extensions.idempotencyKey));
    expect(keys).toEqual([['r1'], ['r1', 'r2']]);
    // A server that honours the key counts r1 once; ours saw it twice on the wire.
    expect(counted.get('r1')).toBe(2);
    expect(await storedOutbox()).toEqual([]);
  });

  it('sends again by itself when the backoff after a failed send ends, with nothing else asking', async () => {
    let failures = 1;
    let delivered!: () => void;
    const arrived = new Promise<void>((resolve) => (delivered = resolve));
    world.graphql = (call) => {
      if (failures-- > 0) return networkError(call, undefined);
      const answer = countingServer(call);
      delivered();
      return answer;
    };
    const engine = world.engine();
    await track(engine, [report('r1')]);
    await world.settle(engine.settled());
    expect(world.requests('graphql')).toHaveLength(1);
    const failedAt = world.clock;

    await world.settle(arrived);
    await world.settle(engine.settled());
    expect(world.clock).toBeGreaterThan(failedAt); // it waited out the backoff
    expect(Object.fromEntries(counted)).toEqual({ r1: 1 });
    expect(await storedOutbox()).toEqual([]);
  });

  it('a reconnect cancels a send that hangs on the old network and sends the batch again at once', async () => {
    let sends = 0;
    world.graphql = (call, signal) => (sends++ === 0 ? hang(call, signal) : countingServer(call));
    const engine = world.engine();
    const started = world.clock;
    await track(engine, [report('r1')]);
    await world.settle(engine.handle({ type: 'connectivity', online: false }));
    await world.settle(engine.handle({ type: 'connectivity', online: true }));
    await world.settle(engine.settled());
    expect(world.requests('graphql')).toHaveLength(2);
    expect(Object.fromEntries(counted)).toEqual({ r1: 1 });
    // Not one request timeout (nor a backoff) was waited out.
    expect(world.clock - started).toBeLessThan(1_000);
    expect(await storedOutbox()).toEqual([]);
  });

  it('is bounded: the oldest reports are dropped first', async () => {
    const engine = world.engine({ online: false, outbox: { maxEntries: 3 } });
    for (const id of ['a', 'b', 'c', 'd', 'e']) {
      await track(engine, [report(id)]);
      world.clock += 1;
    }
    expect((await storedOutbox()).map((e) => e.id).sort()).toEqual(['c', 'd', 'e']);
    expect(world.logs.some((l) => /dropped 1 check report/.test(l.message))).toBe(true);
  });

  it('drops a batch the server refuses for good (4xx), keeps it on transient failures', async () => {
    world.graphql = () => new Response('{"errors":[{"message":"bad"}]}', { status: 400 });
    const engine = world.engine();
    await track(engine, [report('r1')]);
    await world.settle(engine.settled());
    expect(await storedOutbox()).toEqual([]);
    expect(world.requests('graphql')).toHaveLength(1);
  });

  it('waits for the customer token before sending reports that were made with one', async () => {
    const withToken = connection({ customerToken: 'token-1' });
    const first = world.engine({ online: false });
    await track(first, [report('r1')], withToken);
    first.close();

    const restarted = world.engine();
    await world.settle(restarted.settled());
    expect(world.requests('graphql')).toHaveLength(0);
    world.serverEntitlements.set('customer-1', []);
    await world.settle(restarted.handle({ type: 'sync', connection: withToken, ttlMs: 30_000 }));
    await world.settle(restarted.settled());
    const sent = world.requests('graphql');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers['x-customer-key']).toBe('token-1');
  });

  it('purge deletes a partition’s queued reports', async () => {
    const engine = world.engine({ online: false });
    await track(engine, [report('r1')]);
    await track(engine, [report('r2')], connection({ customerId: 'customer-2' }));
    await world.settle(engine.handle({ type: 'purge', connection: connection() }));
    expect((await storedOutbox()).map((e) => e.id)).toEqual(['r2']);
    expect(await world.settle(engine.handle({ type: 'status' }))).toMatchObject({ outboxDepth: 1 });
  });
});
