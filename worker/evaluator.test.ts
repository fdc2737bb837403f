import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toSnapshot } from '../core/wire';
import { feature03 } from '../core/test/wire-fixtures';
import type { DecisionTable, SnapshotRecord } from '../core/table';
import { MeteringEvaluator } from './evaluator';
import { tableMap } from '../core/test/packed';

const SEPT_30 = Date.parse('2022-09-30T23:00:00.000Z');
const record: SnapshotRecord = { partitionKey: 'p', snapshot: toSnapshot([{ ...feature03, currentUsage: 2 }], 0), fetchedAt: SEPT_30 };
const inputs = { record, localUsage: [], cacheMaxAgeMs: 90 * 86_400_000, origin: 'network' as const };

beforeEach(() => vi.useFakeTimers({ now: SEPT_30 }));
afterEach(() => vi.useRealTimers());

describe('MeteringEvaluator', () => {
  it('rebuilds a table by itself when the clock passes the period end', () => {
    const evaluator = new MeteringEvaluator();
    const rebuilt: (DecisionTable | null)[] = [];
    evaluator.onTable((key, table) => key === 'p' && rebuilt.push(table));
    const table = evaluator.update('p', inputs)!;
    expect(tableMap(table)['feature-demo-03']!.currentUsage).toBe(2);
    expect(table.validUntil).toBe(Date.parse('2022-10-01T00:00:00.000Z'));

    vi.advanceTimersByTime(3_600_000 - 1);
    expect(rebuilt).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(rebuilt).toHaveLength(1);
    expect(tableMap(rebuilt[0]!)['feature-demo-03']).toMatchObject({
      currentUsage: 0,
      usagePeriodStart: Date.parse('2022-10-01T00:00:00.000Z'),
      usagePeriodEnd: Date.parse('2022-11-01T00:00:00.000Z'),
    });
  });

  it('announces null once the data outgrows its maximum age, and stops for a forgotten partition', () => {
    const evaluator = new MeteringEvaluator();
    const rebuilt: (DecisionTable | null)[] = [];
    evaluator.onTable((_key, table) => rebuilt.push(table));
    evaluator.update('p', { ...inputs, cacheMaxAgeMs: 60_000 });
    vi.advanceTimersByTime(60_000);
    expect(rebuilt).toEqual([null]);

    evaluator.update('q', { ...inputs, record: { ...record, partitionKey: 'q' } });
    evaluator.forget('q');
    vi.advanceTimersByTime(86_400_000);
    expect(rebuilt).toEqual([null]);
  });
});
