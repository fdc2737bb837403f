import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiContext, GraphqlOperation } from '../core/stigg-calls/operation';
import { createGraphqlExecutor, type GraphqlExecutorConfig } from './api/executor';
import { connection, json, networkError, TestWorld, type FetchCall } from './test/harness';

const operation: GraphqlOperation = { kind: 'query', cache: 'stored', document: 'query GetSdkConfiguration{sdkConfiguration{sentryDsn}}', variables: {} };

describe('graphql requests', () => {
  it('run on one executor per environment, with the customer and token of each request', async () => {
    const world = new TestWorld();
    const built: GraphqlExecutorConfig[] = [];
    const ran: [string, GraphqlOperation, ApiContext][] = [];
    const engine = world.engine({
      graphql: (config) => {
        built.push(config);
        return async (op, ctx) => {
          ran.push([config.apiKey, op, ctx]);
          return { answered: config.apiKey };
        };
      },
    });
    const ask = (conn: ReturnType<typeof connection>) => world.settle(engine.handle({ type: 'graphql', connection: conn, operation }));
    await expect(ask(connection({ customerToken: 'token-1' }))).resolves.toEqual({ answered: 'client-key' });
    await ask(connection({ customerId: 'customer-2', resourceId: 'r' }));
    await ask(connection({ apiKey: 'other-key' }));
    expect(built.map((config) => config.apiKey)).toEqual(['client-key', 'other-key']);
    expect(built[0]).toMatchObject({ baseUri: 'https://api.test', requestTimeoutMs: 8_000 });
    expect(built[0]!.storage).toBeDefined();
    expect(ran).toEqual([
      ['client-key', operation, { customerId: 'customer-1', resourceId: undefined, customerToken: 'token-1' }],
      ['client-key', operation, { customerId: 'customer-2', resourceId: 'r', customerToken: undefined }],
      ['other-key', operation, { customerId: 'customer-1', resourceId: undefined, customerToken: undefined }],
    ]);
  });

  it('fail clearly on an engine started without an executor', async () => {
    const world = new TestWorld();
    const engine = world.engine();
    await expect(world.settle(engine.handle({ type: 'graphql', connection: connection(), operation }))).rejects.toThrow(/without a GraphQL executor/);
  });
});

describe('purge (sign-out)', () => {
  // Graphcache skips persisting under NODE_ENV=test.
  afterEach(() => void vi.unstubAllEnvs());

  const getCustomer = (customerId: string): GraphqlOperation => ({
    kind: 'query',
    cache: 'stored',
    document: 'query GetCustomer($input: GetCustomerByRefIdInput!){getCustomerByRefId(input: $input){customerId name}}',
    variables: { input: { customerId } },
  });
  const answer = (call: FetchCall) => {
    const { customerId } = (call.body as { variables: { input: { customerId: string } } }).variables.input;
    return json({ data: { getCustomerByRefId: { __typename: 'Customer', customerId, name: `Name of ${customerId}` } } });
  };
  const storedKeys = async (world: TestWorld) => {
    const open = world.indexedDB!.open('gatehouse-test');
    const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
    const request = db.transaction('graphcache').objectStore('graphcache').getAll();
    const entries = await new Promise<{ key: string }[]>((resolve) => (request.onsuccess = () => resolve(request.result)));
    db.close();
    return entries.map((entry) => entry.key).join('\n');
  };

  it("forgets the customer's stored answers, in storage and in memory, and keeps the others'", async () => {
    vi.stubEnv('NODE_ENV', 'development');
    const world = new TestWorld();
    world.graphql = answer;
    const engine = world.engine({ graphql: createGraphqlExecutor });
    const ask = (customerId: string) =>
      world.settle(engine.handle({ type: 'graphql', connection: connection({ customerId }), operation: getCustomer(customerId) }));
    // A dot in an id: graphcache writes it as %2e in the keys of embedded entries.
    const leaving = 'leaving.customer';
    await ask(leaving);
    await ask('staying-customer');
    await world.settle(new Promise((resolve) => setTimeout(resolve, 50)));
    expect(await world.settle(storedKeys(world))).toContain('leaving');

    await world.settle(engine.handle({ type: 'purge', connection: connection({ customerId: leaving }) }));
    expect(await world.settle(storedKeys(world))).not.toContain('leaving');

    world.graphql = networkError;
    await expect(ask(leaving)).rejects.toThrow('Failed to fetch');
    await expect(ask('staying-customer')).resolves.toEqual({ getCustomerByRefId: { customerId: 'staying-customer', name: 'Name of staying-customer' } });
  });
});
