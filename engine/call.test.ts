import { describe, expect, it } from 'vitest';
import type { ApiContext, GraphqlOperation } from '../core/stigg-calls/operation';
import type { GraphqlExecutorConfig } from './api/executor';
import { connection, TestWorld } from './test/harness';

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
