import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { partitionKey } from '../core/partition';
import type { EngineRequest } from '../core/protocol';
import { demoConnection as connection } from '../core/test/connection';
import { guideEntitlements, GUIDE_NOW } from '../core/test/wire-fixtures';
import { toSnapshot } from '../core/wire';
import { Evaluation } from './evaluation';
import type { FirstAnswer } from './first-visit';
import { PartitionView } from './partition-view';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

describe('PartitionView', () => {
  it('lets go of a first visit’s answer once the engine has it', async () => {
    const key = partitionKey(connection);
    const requests: EngineRequest[] = [];
    const engine = {
      request: async (body: EngineRequest) => {
        requests.push(body);
        return { partitionKey: key, snapshot: toSnapshot(guideEntitlements, GUIDE_NOW), fetchedAt: GUIDE_NOW, changedAt: GUIDE_NOW };
      },
      subscribe: () => () => undefined,
    };
    const snapshot = toSnapshot(guideEntitlements, GUIDE_NOW);
    let answer: FirstAnswer | null = { prefetched: { snapshot, receivedAt: GUIDE_NOW }, snapshot };
    const released = new WeakRef(answer);
    const view = new PartitionView({
      connection,
      engine: Promise.resolve(engine),
      prefetched: Promise.resolve(answer),
      stored: null,
      evaluation: new Evaluation(() => GUIDE_NOW),
      ttlMs: 30_000,
      cacheMaxAgeMs: 86_400_000,
      now: () => GUIDE_NOW,
      onTable: () => undefined,
    });
    answer = null;
    await view.start();
    await view.sync(false);
    expect(requests.some((request) => request.type === 'sync' && request.prefetched)).toBe(true);
    expect(view.isLoaded).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(released.deref()).toBeUndefined();
    view.close();
  });
});
