import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiContext, GraphqlOperation } from '../core/stigg-calls/operation';
import { createGraphqlExecutor, type GraphqlExecutorConfig } from './api/executor';
import { isFreshAnswer, SHARED_ANSWER_TTL_MS, sharedAnswerKey } from './shared-answers';
import { connection, json, networkError, TestWorld, type FetchCall } from './test/harness';

const operation: GraphqlOperation = { kind: 'query', cache: 'stored', document: 'query GetPaywall{paywall{plans{refId}}}', variables: {} };
const sdkConfiguration: GraphqlOperation = { kind: 'query', cache: 'stored', document: 'query GetSdkConfiguration{sdkConfiguration{sentryDsn isWidgetWatermarkEnabled}}', variables: {} };

describe('graphql requests', () => {
  it('run on one executor per partition (environment, customer, resource), with the token of each request', async () => {
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
    expect(built.map((config) => config.apiKey)).toEqual(['client-key', 'client-key', 'other-key']);
    await ask(connection({ customerToken: 'token-2' }));
    expect(built).toHaveLength(3);
    expect(built[0]).toMatchObject({ baseUri: 'https://api.test', requestTimeoutMs: 8_000 });
    expect(built[0]!.storage).toBeDefined();
    expect(ran).toEqual([
      ['client-key', operation, { customerId: 'customer-1', resourceId: undefined, customerToken: 'token-1' }],
      ['client-key', operation, { customerId: 'customer-2', resourceId: 'r', customerToken: undefined }],
      ['other-key', operation, { customerId: 'customer-1', resourceId: undefined, customerToken: undefined }],
      ['client-key', operation, { customerId: 'customer-1', resourceId: undefined, customerToken: 'token-2' }],
    ]);
  });

  it('keep a bounded number of executors in memory, the least recently used going first', async () => {
    const { MAX_EXECUTORS } = await import('./call');
    const world = new TestWorld();
    const built: string[] = [];
    const counting = world.engine({
      graphql: (config) => {
        built.push(config.apiKey);
        return async (_op, ctx) => ctx.customerId;
      },
    });
    const ask = (customerId: string) => world.settle(counting.handle({ type: 'graphql', connection: connection({ customerId }), operation }));
    for (let i = 0; i < MAX_EXECUTORS; i++) await ask(`customer-${i}`);
    expect(built).toHaveLength(MAX_EXECUTORS);
    await ask('customer-0'); // used again: now the most recent
    await ask('customer-new'); // evicts customer-1, the least recently used
    expect(built).toHaveLength(MAX_EXECUTORS + 1);
    await ask('customer-0');
    expect(built).toHaveLength(MAX_EXECUTORS + 1);
    await expect(ask('customer-1')).resolves.toBe('customer-1');
    expect(built).toHaveLength(MAX_EXECUTORS + 2);
  });

  it('fail clearly on an engine started without an executor', async () => {
    const world = new TestWorld();
    const engine = world.engine();
    await expect(world.settle(engine.handle({ type: 'graphql', connection: connection(), operation }))).rejects.toThrow(/without a GraphQL executor/);
  });
});

describe('the SDK configuration, shared by every page of the environment', () => {
  const executorCounting = (answers: (() => unknown)[]) => (config: GraphqlExecutorConfig) => async () => {
    answers.push(() => config.apiKey);
    const next = sdkAnswers.shift();
    if (next instanceof Error) throw next;
    return next;
  };
  let sdkAnswers: unknown[] = [];

  it('is fetched once per interval, served from storage on reload (a new engine) and by other customers, and again after the interval', async () => {
    const world = new TestWorld();
    const fetched: (() => unknown)[] = [];
    sdkAnswers = [{ sdkConfiguration: { isWidgetWatermarkEnabled: true } }, { sdkConfiguration: { isWidgetWatermarkEnabled: false } }];
    const ask = (engine: ReturnType<TestWorld['engine']>, conn = connection()) =>
      world.settle(engine.handle({ type: 'graphql', connection: conn, operation: sdkConfiguration }));
    const first = world.engine({ graphql: executorCounting(fetched) });
    await expect(ask(first)).resolves.toEqual({ sdkConfiguration: { isWidgetWatermarkEnabled: true } });
    await expect(ask(first, connection({ customerId: 'customer-2' }))).resolves.toEqual({ sdkConfiguration: { isWidgetWatermarkEnabled: true } });
    const reloaded = world.engine({ graphql: executorCounting(fetched) });
    await expect(ask(reloaded)).resolves.toEqual({ sdkConfiguration: { isWidgetWatermarkEnabled: true } });
    expect(fetched).toHaveLength(1);
    // Another environment is asked on its own.
    sdkAnswers.unshift({ sdkConfiguration: { isWidgetWatermarkEnabled: null } });
    await ask(reloaded, connection({ apiKey: 'other-key' }));
    expect(fetched).toHaveLength(2);

    world.clock += SHARED_ANSWER_TTL_MS;
    await expect(ask(reloaded)).resolves.toEqual({ sdkConfiguration: { isWidgetWatermarkEnabled: false } });
    expect(fetched).toHaveLength(3);
  });

  it('offline (the fetch fails), the stored answer is served on reload; a refused key is not covered by it', async () => {
    const world = new TestWorld();
    const fetched: (() => unknown)[] = [];
    sdkAnswers = [{ sdkConfiguration: { isWidgetWatermarkEnabled: true } }, new TypeError('Failed to fetch'), Object.assign(new Error('Unauthenticated'), { code: 'Unauthenticated' })];
    const ask = (engine: ReturnType<TestWorld['engine']>) => world.settle(engine.handle({ type: 'graphql', connection: connection(), operation: sdkConfiguration }));
    await ask(world.engine({ graphql: executorCounting(fetched) }));
    world.clock += SHARED_ANSWER_TTL_MS;
    await expect(ask(world.engine({ graphql: executorCounting(fetched) }))).resolves.toEqual({ sdkConfiguration: { isWidgetWatermarkEnabled: true } });
    await expect(ask(world.engine({ graphql: executorCounting(fetched) }))).rejects.toThrow('Unauthenticated');
    expect(fetched).toHaveLength(3);
  });

  it('builds no executor while the stored answer is fresh, and fetches on a network-only one (no customer cache read or written)', async () => {
    const world = new TestWorld();
    const built: GraphqlExecutorConfig[] = [];
    sdkAnswers = [{ sdkConfiguration: { isWidgetWatermarkEnabled: true } }];
    const building = (config: GraphqlExecutorConfig) => (built.push(config), executorCounting([])(config));
    const ask = (engine: ReturnType<TestWorld['engine']>) => world.settle(engine.handle({ type: 'graphql', connection: connection(), operation: sdkConfiguration }));
    await expect(ask(world.engine({ graphql: building }))).resolves.toEqual({ sdkConfiguration: { isWidgetWatermarkEnabled: true } });
    expect(built).toHaveLength(1);
    expect(built[0]).toMatchObject({ baseUri: 'https://api.test', apiKey: 'client-key', requestTimeoutMs: 8_000 });
    expect(built[0]!.storage).toBeUndefined();
    // A reload (a new engine) within the interval: served from storage, nothing built.
    await expect(ask(world.engine({ graphql: building }))).resolves.toEqual({ sdkConfiguration: { isWidgetWatermarkEnabled: true } });
    expect(built).toHaveLength(1);
    // The customer's own calls still get the partition's executor, with its cache.
    const engine = world.engine({ graphql: building });
    sdkAnswers = [{ paywall: { plans: [] } }];
    await world.settle(engine.handle({ type: 'graphql', connection: connection(), operation }));
    expect(built).toHaveLength(2);
    expect(built[1]!.storage).toBeDefined();
  });

  it('trusts no fetch stamp from the future (a clock set back): it asks again', () => {
    expect(isFreshAnswer(1_000, 1_000 + SHARED_ANSWER_TTL_MS - 1, SHARED_ANSWER_TTL_MS)).toBe(true);
    expect(isFreshAnswer(1_000, 1_000 + SHARED_ANSWER_TTL_MS, SHARED_ANSWER_TTL_MS)).toBe(false);
    expect(isFreshAnswer(1_000, 999, SHARED_ANSWER_TTL_MS)).toBe(false);
  });

  it('shares only customer-independent queries without variables', () => {
    expect(sharedAnswerKey(connection(), sdkConfiguration)).not.toBeNull();
    expect(sharedAnswerKey(connection(), operation)).toBeNull();
    expect(sharedAnswerKey(connection(), { ...sdkConfiguration, variables: { x: 1 } })).toBeNull();
    expect(sharedAnswerKey(connection(), { ...sdkConfiguration, kind: 'mutation' })).toBeNull();
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

  // An answer whose keys name no customer: a subscription, looked up by its id.
  const getSubscription: GraphqlOperation = {
    kind: 'query',
    cache: 'stored',
    document: 'query GetSubscription($input: GetSubscriptionInput!){getSubscription(input: $input){subscriptionId latestInvoice{paymentUrl pdfUrl paymentSecret total}}}',
    variables: { input: { subscriptionId: 'subscription-shared-id' } },
  };
  const subscriptionOf = (owner: string) =>
    json({
      data: {
        getSubscription: {
          __typename: 'CustomerSubscription',
          subscriptionId: 'subscription-shared-id',
          latestInvoice: {
            __typename: 'SubscriptionInvoice',
            paymentUrl: `https://billing.emulator.invalid/pay/${owner}`,
            pdfUrl: `https://billing.emulator.invalid/pdf/${owner}`,
            paymentSecret: `secret-of-${owner}`,
            total: 42,
          },
        },
      },
    });
  const storedValues = async (world: TestWorld) => {
    const open = world.indexedDB!.open('gatehouse-test');
    const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
    const request = db.transaction('graphcache').objectStore('graphcache').getAll();
    const entries = await new Promise<unknown[]>((resolve) => (request.onsuccess = () => resolve(request.result)));
    db.close();
    return JSON.stringify(entries);
  };

  it("drops the customer's partition whole, also answers whose keys name no customer; another customer never reads them", async () => {
    vi.stubEnv('NODE_ENV', 'development');
    const world = new TestWorld();
    world.graphql = () => subscriptionOf('first-customer');
    const engine = world.engine({ graphql: createGraphqlExecutor });
    const ask = (customerId: string) =>
      world.settle(engine.handle({ type: 'graphql', connection: connection({ customerId }), operation: getSubscription }));
    await expect(ask('first-customer')).resolves.toMatchObject({ getSubscription: { latestInvoice: { total: 42 } } });
    await world.settle(new Promise((resolve) => setTimeout(resolve, 50)));
    const stored = await world.settle(storedValues(world));
    expect(stored).toContain('first-customer');
    // Payment URLs and secrets are never written to storage.
    expect(stored).not.toContain('billing.emulator.invalid');
    expect(stored).not.toContain('secret-of');

    // Offline, another customer asking the very same query gets no answer of the first.
    world.graphql = networkError;
    await expect(ask('second-customer')).rejects.toThrow('Failed to fetch');
    // Offline, the first customer's stored answer carries null where the URLs were.
    await expect(ask('first-customer')).resolves.toMatchObject({ getSubscription: { latestInvoice: { total: 42 } } });

    await world.settle(engine.handle({ type: 'purge', connection: connection({ customerId: 'first-customer' }) }));
    expect(await world.settle(storedValues(world))).toBe('[]');
    await expect(ask('first-customer')).rejects.toThrow('Failed to fetch');
  });

  it('a stored answer read back after a restart carries null for payment URLs and secrets', async () => {
    vi.stubEnv('NODE_ENV', 'development');
    const world = new TestWorld();
    world.graphql = () => subscriptionOf('first-customer');
    const first = world.engine({ graphql: createGraphqlExecutor });
    await world.settle(first.handle({ type: 'graphql', connection: connection(), operation: getSubscription }));
    await world.settle(new Promise((resolve) => setTimeout(resolve, 50)));
    world.graphql = networkError;
    const restarted = world.engine({ graphql: createGraphqlExecutor });
    await expect(world.settle(restarted.handle({ type: 'graphql', connection: connection(), operation: getSubscription }))).resolves.toMatchObject({
      getSubscription: { latestInvoice: { paymentUrl: null, pdfUrl: null, paymentSecret: null, total: 42 } },
    });
  });
});

describe('which namespaces a purge takes', () => {
  const leaving = connection({ customerId: 'leaving' });
  const ns = (...parts: unknown[]) => JSON.stringify(parts);
  it("takes the customer's partitions, the customer-less and older per-environment namespaces of its environment, nothing else", async () => {
    const { purgedWith } = await import('./call');
    expect(purgedWith(ns(leaving.baseUri, leaving.apiKey, 'leaving', null), leaving)).toBe(true);
    expect(purgedWith(ns(leaving.baseUri, leaving.apiKey, 'leaving', 'resource-1'), leaving)).toBe(true);
    expect(purgedWith(ns(leaving.baseUri, leaving.apiKey, null, null), leaving)).toBe(true);
    expect(purgedWith(ns(leaving.baseUri, leaving.apiKey), leaving)).toBe(true);
    expect(purgedWith('not json', leaving)).toBe(true);
    expect(purgedWith(ns(leaving.baseUri, leaving.apiKey, 'staying', null), leaving)).toBe(false);
    expect(purgedWith(ns(leaving.baseUri, 'other-key', 'leaving', null), leaving)).toBe(false);
  });
});
