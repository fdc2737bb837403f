import { beforeEach, describe, expect, it } from 'vitest';
import type { LocalUsageRecord } from '../core/table';
import type { Engine } from './engine';
import { connection, T0, TestWorld, wireEntitlement } from './test/harness';

let world: TestWorld;
beforeEach(() => {
  world = new TestWorld();
  world.serverEntitlements.set('customer-1', [wireEntitlement('seats', T0 - 1_000, { usageLimit: 10, currentUsage: 8 })]);
});

let nextUsageId = 0;
const record = (engine: Engine, amount: number, limitCheck: boolean, usageId = `u${(nextUsageId += 1)}`) =>
  world.settle(engine.handle({ type: 'recordUsage', connection: connection(), usageId, featureId: 'seats', amount, limitCheck })) as Promise<LocalUsageRecord[]>;
const sync = (engine: Engine) => world.settle(engine.handle({ type: 'sync', connection: connection(), ttlMs: 30_000, force: true }));

describe('engine local usage', () => {
  it('records usage durably and broadcasts the partition’s pending records', async () => {
    const engine = world.engine();
    await sync(engine);
    world.clock += 10;
    const pending = await record(engine, 1, false, 'first');
    expect(pending).toEqual([{ id: 'first', partitionKey: expect.any(String), featureId: 'seats', amount: 1, recordedAt: T0 + 10, expectedUsage: 9 }]);
    const broadcast = world.broadcasts.map((b) => b.body).filter((b) => b.type === 'localUsage').at(-1);
    expect(broadcast).toMatchObject({ type: 'localUsage', records: pending });

    const restarted = world.engine();
    await world.settle(restarted.handle({ type: 'sync', connection: connection(), ttlMs: 30_000 }));
    await record(restarted, 1, true); // 8 + 1 (stored) + 1 = 10: still within the limit
    await expect(record(restarted, 1, true)).rejects.toThrow(/would exceed the usage limit/);
  });

  it('records a resent request once', async () => {
    const engine = world.engine();
    await sync(engine);
    await record(engine, 1, true, 'same');
    expect(await record(engine, 1, true, 'same')).toHaveLength(1);
    await record(engine, 1, true); // 8 + 1 + 1: the resend did not take the last unit
  });

  it('never lets two concurrent checks both take the last unit', async () => {
    const engine = world.engine();
    await sync(engine);
    const results = await Promise.allSettled([record(engine, 1, true), record(engine, 1, true), record(engine, 1, true)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'fulfilled', 'rejected']);
  });

  it('refuses a limit check without loaded entitlements', async () => {
    await expect(record(world.engine(), 1, true)).rejects.toThrow(/no entitlements are loaded/);
  });

  it('prunes records the server has counted when a snapshot arrives', async () => {
    const engine = world.engine();
    await sync(engine);
    world.clock += 10;
    await record(engine, 2, false);
    world.serverEntitlements.set('customer-1', [wireEntitlement('seats', T0 + 20, { usageLimit: 10, currentUsage: 10 })]);
    world.clock += 30_000;
    await sync(engine);
    const last = world.broadcasts.map((b) => b.body).filter((b) => b.type === 'localUsage').at(-1);
    expect(last).toMatchObject({ records: [] });
    await expect(record(engine, 1, true)).rejects.toThrow(/would exceed/);
  });
});
