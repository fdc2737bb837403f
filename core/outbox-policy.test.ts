import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admit, afterSend, nextBatch, type OutboxEntry, type OutboxLimits } from './outbox-policy';

const limits: OutboxLimits = { maxEntries: 3, batchSize: 2, maxAgeMs: 1_000, maxAttempts: 2 };

function entry(id: string, enqueuedAt: number, partitionKey = 'p1', attempts = 0): OutboxEntry {
  return {
    id,
    partitionKey,
    target: { apiKey: 'k', customerId: 'c', baseUri: 'http://x', needsCustomerToken: false },
    report: { id, featureId: 'f', result: { hasAccess: true }, checkedAt: enqueuedAt },
    enqueuedAt,
    attempts,
  };
}
const ids = (entries: readonly OutboxEntry[]) => entries.map((e) => e.id);

describe('outbox policy', () => {
  it('ignores an id that is already queued (idempotent enqueue)', () => {
    const result = admit([entry('a', 1)], [entry('a', 2), entry('b', 2)], 10, limits);
    expect(ids(result.kept)).toEqual(['a', 'b']);
    expect(ids(result.added)).toEqual(['b']);
    expect(result.dropped).toEqual([]);
  });

  it('drops the oldest entries when over the bound, including incoming ones', () => {
    const result = admit([entry('a', 1), entry('b', 2), entry('c', 3)], [entry('d', 4)], 10, limits);
    expect(ids(result.kept)).toEqual(['b', 'c', 'd']);
    expect(ids(result.dropped)).toEqual(['a']);
    expect(ids(result.added)).toEqual(['d']);
  });

  it('drops expired entries first', () => {
    const result = admit([entry('old', 0), entry('b', 900)], [entry('c', 1_000)], 1_000, limits);
    expect(ids(result.kept)).toEqual(['b', 'c']);
    expect(ids(result.dropped)).toEqual(['old']);
  });

  it('never keeps more than maxEntries and never loses an entry unaccounted', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(50), { maxLength: 12 }), fc.array(fc.nat(50), { maxLength: 12 }), (a, b) => {
        const existing = admit([], a.map((t, i) => entry(`e${i}`, t)), 50, limits).kept;
        const incoming = b.map((t, i) => entry(`i${i}`, t));
        const result = admit(existing, incoming, 50, limits);
        expect(result.kept.length).toBeLessThanOrEqual(limits.maxEntries);
        expect(result.kept.length + result.dropped.length).toBe(existing.length + incoming.length);
      }),
    );
  });

  it('batches the oldest sendable partition, up to batchSize', () => {
    const entries = [entry('a', 1, 'p1'), entry('b', 2, 'p2'), entry('c', 3, 'p1'), entry('d', 4, 'p1')];
    expect(ids(nextBatch(entries, () => true, limits))).toEqual(['a', 'c']);
    expect(ids(nextBatch(entries, (e) => e.partitionKey === 'p2', limits))).toEqual(['b']);
    expect(nextBatch(entries, () => false, limits)).toEqual([]);
  });

  it('removes a batch on success or a permanent refusal, retries transient failures until maxAttempts', () => {
    const batch = [entry('a', 1, 'p1', 0), entry('b', 1, 'p1', 1)];
    expect(ids(afterSend(batch, 'ok', limits).remove)).toEqual(['a', 'b']);
    expect(ids(afterSend(batch, 'permanent', limits).remove)).toEqual(['a', 'b']);
    const transient = afterSend(batch, 'transient', limits);
    expect(transient.retry).toEqual([{ ...batch[0], attempts: 1 }]);
    expect(ids(transient.remove)).toEqual(['b']);
  });
});
