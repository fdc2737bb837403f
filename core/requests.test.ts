import { describe, expect, it } from 'vitest';
import { envelope } from './protocol';
import { demoConnection as connection } from './test/connection';
import { parseRequest, safeToRepeat } from './requests';
import { GET_SDK_CONFIGURATION } from './stigg-calls/documents';

const anonymous = { ...connection, customerId: undefined };
const query = { kind: 'query', cache: 'stored', document: GET_SDK_CONFIGURATION, variables: {} };
const mutation = { kind: 'mutation', cache: 'fresh', document: 'mutation ApplySubscription($input:X!){a}', variables: { input: { planId: 'p' } } };
const graphql = (operation: unknown, conn: unknown = connection) => parseRequest(envelope('1', { type: 'graphql', connection: conn, operation }));

describe('graphql requests', () => {
  it('accept queries (stored or fresh) and mutations, with or without a customer', () => {
    expect(graphql(query)?.body).toEqual({ type: 'graphql', connection, operation: query });
    expect(graphql({ ...query, cache: 'fresh' })).not.toBeNull();
    expect(graphql(query, anonymous)).not.toBeNull();
    expect(graphql(mutation)).not.toBeNull();
    expect(graphql({ ...query, variables: { input: { startDate: new Date(0), ids: ['a'], nothing: undefined } } })).not.toBeNull();
    expect(graphql({ ...query, variables: Object.create(null) })).not.toBeNull();
  });

  it.each<[string, unknown]>([
    ['no operation', undefined],
    ['an unknown kind', { ...query, kind: 'subscription' }],
    ['an unknown cache', { ...query, cache: 'forever' }],
    ['a stored mutation', { ...mutation, cache: 'stored' }],
    ['no document', { ...query, document: undefined }],
    ['an empty document', { ...query, document: '' }],
    ['a document that is not an operation', { ...query, document: 'fragment F on Plan{refId}' }],
    ['a mutation run as a query', { ...query, document: mutation.document }],
    ['a query run as a mutation', { ...mutation, document: GET_SDK_CONFIGURATION }],
    ['variables that are not an object', { ...query, variables: 'input' }],
    ['variables that are an array', { ...query, variables: [] }],
    ['null variables', { ...query, variables: null }],
    ['variables that are a class instance', { ...query, variables: new Date(0) }],
  ])('refuse %s', (_name, operation) => {
    expect(graphql(operation)).toBeNull();
  });

  it('refuse a bad connection, and the old `call` request', () => {
    expect(graphql(query, { ...connection, apiKey: '' })).toBeNull();
    expect(graphql(query, { ...connection, customerId: 5 })).toBeNull();
    expect(graphql(query, null)).toBeNull();
    expect(parseRequest(envelope('1', { type: 'call', connection, method: 'getPaywall', args: {} }))).toBeNull();
  });
});

describe('requests asked again after a stopped engine', () => {
  it('are every request but a mutation', () => {
    const operation = { kind: 'query' as const, cache: 'stored' as const, document: GET_SDK_CONFIGURATION, variables: {} };
    expect(safeToRepeat({ type: 'graphql', connection, operation })).toBe(true);
    expect(safeToRepeat({ type: 'graphql', connection, operation: { ...operation, kind: 'mutation', cache: 'fresh' } })).toBe(false);
    expect(safeToRepeat({ type: 'sync', connection, ttlMs: 1_000 })).toBe(true);
    expect(safeToRepeat({ type: 'recordUsage', connection, usageId: 'u1', featureId: 'f', amount: 1, limitCheck: true })).toBe(true);
  });
});
