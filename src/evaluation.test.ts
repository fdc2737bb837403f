import { describe, expect, it } from 'vitest';
import { toSnapshot } from '../core/wire';
import { guideEntitlements } from '../core/test/wire-fixtures';
import { tableEntitlement, type DecisionTable, type SnapshotRecord } from '../core/table';
import { MeteringEvaluator } from '../worker/evaluator';
import { Evaluation, type RemoteEvaluator } from './evaluation';

const NOW = Date.parse('2022-09-15T12:00:00.000Z');
const record: SnapshotRecord = { partitionKey: 'p', snapshot: toSnapshot(guideEntitlements, 0), fetchedAt: NOW };
const inputs = { record, localUsage: [], cacheMaxAgeMs: 86_400_000, origin: 'network' as const };

/** A worker stand-in: the same evaluator, counting its calls. */
function remote(): RemoteEvaluator & { calls: number } {
  const evaluator = new MeteringEvaluator(() => NOW);
  return {
    calls: 0,
    update(key, given) {
      this.calls += 1;
      return Promise.resolve(evaluator.update(key, given));
    },
    forget: (key) => evaluator.forget(key),
  };
}

describe('Evaluation', () => {
  it('evaluates on the page until the worker is handed over, then in the worker, with equal tables', async () => {
    const evaluation = new Evaluation(() => NOW);
    const onPage = await evaluation.update('p', inputs);
    expect(evaluation.where).toBe('page');
    const worker = remote();
    const announced: (DecisionTable | null)[] = [];
    evaluation.onTable((_key, table) => announced.push(table));
    await evaluation.useRemote(worker);
    expect(evaluation.where).toBe('worker');
    expect(announced).toEqual([onPage]);
    expect(await evaluation.update('p', inputs)).toEqual(onPage);
    expect(worker.calls).toBe(2);
  });

  it('falls back to the page when the worker fails', async () => {
    const evaluation = new Evaluation(() => NOW);
    await evaluation.useRemote({ update: () => Promise.reject(new Error('worker died')), forget: () => undefined });
    const table = await evaluation.update('p', inputs);
    expect(table && tableEntitlement(table, 'feature-demo-01')?.usageLimit).toBe(100);
    expect(evaluation.where).toBe('page');
  });

  it('ignores tables for partitions it was told to forget', async () => {
    const evaluation = new Evaluation(() => NOW);
    const announced: string[] = [];
    evaluation.onTable((key) => announced.push(key));
    await evaluation.update('p', inputs);
    evaluation.forget('p');
    evaluation.announce('p', null);
    expect(announced).toEqual([]);
  });
});
