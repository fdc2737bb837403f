import { describe, expect, it } from 'vitest';
import { partitionKey, samePartition } from './partition';
import { envelope, parseBroadcast, parseReply } from './protocol';
import { demoConnection as connection } from './test/connection';
import { parseRequest } from './requests';
import { toSnapshot } from './wire';


describe('protocol', () => {
  it('accepts well-formed requests, replies and broadcasts', () => {
    expect(parseRequest(envelope('1', { type: 'sync', connection, ttlMs: 30_000 }))?.body.type).toBe('sync');
    const operation = { kind: 'query', cache: 'stored', document: 'query GetPaywall{paywall{currency{code}}}', variables: {} };
    expect(parseRequest(envelope('2', { type: 'graphql', connection: { ...connection, customerId: undefined }, operation }))).not.toBeNull();
    expect(parseReply(envelope('1', { ok: false, error: { message: 'nope' } }))?.body).toEqual({ ok: false, error: { message: 'nope' } });
    const record = { partitionKey: 'k', fetchedAt: 1, snapshot: toSnapshot([], 1) };
    expect(parseBroadcast(envelope('4', { type: 'snapshot', partitionKey: 'k', record: { ...record, snapshot: { entitlements: {}, lastUpdate: 1 } } }))).toBeNull();
    expect(parseBroadcast(envelope('3', { type: 'snapshot', partitionKey: 'k', record }))).not.toBeNull();
  });

  it('rejects malformed or foreign messages', () => {
    const bad: unknown[] = [
      null,
      'sync',
      { id: '1', body: { type: 'sync', connection, ttlMs: 1 } },
      envelope('1', { type: 'sync', connection: { ...connection, apiKey: '' }, ttlMs: 1 }),
      envelope('1', { type: 'sync', connection, ttlMs: -1 }),
      envelope('1', { type: 'sync', connection: { ...connection, customerId: 5 }, ttlMs: 1 }),
      envelope('1', { type: 'recordUsage', connection, usageId: 'u', featureId: 'f', amount: Number.NaN, limitCheck: true }),
      envelope('1', { type: 'recordUsage', connection, featureId: 'f', amount: 1, limitCheck: true }),
      envelope('1', { type: 'explode' }),
      { ...envelope('1', { type: 'status' }), gatehouse: 99 },
    ];
    for (const message of bad) expect(parseRequest(message)).toBeNull();
    const record = { partitionKey: 'other', fetchedAt: 1, snapshot: { entitlements: {}, lastUpdate: 1 } };
    expect(parseBroadcast(envelope('3', { type: 'snapshot', partitionKey: 'k', record }))).toBeNull();
    expect(parseReply(envelope('1', { ok: 'yes' }))).toBeNull();
  });

  it('partition keys separate environments, customers and resources without collisions', () => {
    const a = partitionKey({ apiKey: 'k', customerId: 'a|b' });
    const b = partitionKey({ apiKey: 'k|a', customerId: 'b' });
    expect(a).not.toBe(b);
    expect(partitionKey({ apiKey: 'k', customerId: 'c', resourceId: 'r' })).not.toBe(partitionKey({ apiKey: 'k', customerId: 'c' }));
    expect(samePartition({ apiKey: 'k', customerId: 'c' }, { apiKey: 'k', customerId: 'c', resourceId: undefined })).toBe(true);
    expect(samePartition(null, { apiKey: 'k', customerId: 'c' })).toBe(false);
  });
});
