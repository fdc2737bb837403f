// Rich fixed answers (every optional branch) served by a small GraphQL stub to both the
// official SDK and createStiggApi, with and without the offline cache: same results, same
// failure messages. Also checks the wire: headers, body, timeouts.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { buildSchema, graphql } from 'graphql';
import Stigg, { LogLevel } from '@stigg/js-client-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StiggApi } from '../../core/stigg-calls/calls';
import type { ApiContext } from '../../core/stigg-calls/operation';
import { createStiggApi } from './testing/stigg-api';
import * as fixtures from '../../core/stigg-calls/testing/fixtures';
import { createMemoryStorage } from './testing/memoryStorage';
import { cuttableNetwork, persistAsInProduction } from './testing/offline';

const schema = buildSchema(readFileSync(new URL('../../server/schema.graphql', import.meta.url), 'utf8'));

interface Seen {
  operationName: string;
  headers: IncomingHttpHeaders;
  body: { operationName: string; variables: Record<string, unknown>; query: string };
}

const seen: Seen[] = [];
/** The next GraphQL request answers with this status and no GraphQL body. */
let failNextWith: number | null = null;
let delayMs = 0;

const root = {
  sdkConfiguration: () => ({ sentryDsn: null, isWidgetWatermarkEnabled: true }),
  cachedEntitlements: () => [],
  paywall: ({ input }: { input: { resourceId?: string } }) =>
    input.resourceId ? { ...fixtures.paywall, resource: { resourceId: input.resourceId } } : fixtures.paywall,
  mockPaywall: () => fixtures.mockPaywall,
  getCustomerByRefId: ({ input }: { input: { customerId: string } }) => (input.customerId === 'customer-1' ? fixtures.customer : null),
  getActiveSubscriptions: () => [fixtures.subscription],
  getSubscription: ({ input }: { input: { subscriptionId: string } }) => {
    if (input.subscriptionId === 'missing') throw new Error('Subscription not found: missing');
    return fixtures.subscription;
  },
  coupons: () => fixtures.coupons,
  customerPortal: () => fixtures.customerPortal,
  checkoutState: () => fixtures.checkoutState,
  applySubscription: () => ({ subscription: fixtures.subscription, entitlements: [] }),
  estimateSubscription: () => fixtures.subscriptionPreview,
  estimateSubscriptionUpdate: () => ({ ...fixtures.subscriptionPreview, proration: null, discount: null, subscription: null }),
  previewSubscription: () => fixtures.subscriptionPreviewV2,
  usageHistory: () => fixtures.usageHistory,
  usageHistoryV2: () => fixtures.usageHistoryV2,
};

let server: Server;
let url: string;
let official: ReturnType<typeof Stigg.initialize>;
const ctx: ApiContext = { customerId: 'customer-1', resourceId: 'resource-1' };

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const body = JSON.parse(text) as Seen['body'];
    seen.push({ operationName: body.operationName, headers: req.headers, body });
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (failNextWith) {
      res.writeHead(failNextWith, { 'content-type': 'text/plain' }).end('down');
      failNextWith = null;
      return;
    }
    const result = await graphql({ schema, source: body.query, variableValues: body.variables, rootValue: root });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  official = Stigg.initialize({
    apiKey: 'client-key',
    baseUri: url,
    enableEdge: false,
    customerId: 'customer-1',
    resourceId: 'resource-1',
    logConfiguration: { logger: console, logLevel: LogLevel.NONE },
  });
  await official.waitForInitialization();
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** JSON-equal data without `__typename`, which Apollo adds to the official's results. */
const comparable = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value ?? null, (key, field: unknown) => (key === '__typename' ? undefined : field)));

const errorOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: Error) => error.message);

const variants: [string, boolean][] = [
  ['network only', false],
  ['with the offline cache', true],
];

describe.each(variants)('createStiggApi (%s) matches the official SDK', (_name, cached) => {
  let api: StiggApi;
  beforeAll(() => {
    api = createStiggApi({ baseUri: url, apiKey: 'client-key', storage: cached ? createMemoryStorage() : undefined });
  });

  const calls: [string, (api: StiggApi) => Promise<unknown>, () => Promise<unknown>][] = [
    ['getPaywall', (a) => a.getPaywall(ctx), () => official.getPaywall()],
    ['getPaywall with a resource', (a) => a.getPaywall(ctx, { resourceId: 'resource-1', productId: 'product-1' }), () => official.getPaywall({ resourceId: 'resource-1', productId: 'product-1' })],
    ['getPaywall of test data', (a) => a.getPaywall(ctx, { productId: 'stiggTestData-1' }), () => official.getPaywall({ productId: 'stiggTestData-1' })],
    ['getCustomer', (a) => a.getCustomer(ctx), () => official.getCustomer()],
    ['getCustomerPortal', (a) => a.getCustomerPortal(ctx), () => official.getCustomerPortal()],
    ['getActiveSubscriptions', (a) => a.getActiveSubscriptions(ctx), () => official.getActiveSubscriptions()],
    ['getSubscription', (a) => a.getSubscription(ctx, { subscriptionId: 'sub-1' }), () => official.getSubscription({ subscriptionId: 'sub-1' })],
    ['getCoupons', (a) => a.getCoupons(ctx), () => official.getCoupons()],
    ['getCheckoutState', (a) => a.getCheckoutState(ctx, { planId: 'plan-pro' }), () => official.getCheckoutState({ planId: 'plan-pro' })],
    ['applySubscription', (a) => a.applySubscription(ctx, { planId: 'plan-pro' }), () => official.applySubscription({ planId: 'plan-pro' })],
    [
      'estimateSubscription',
      (a) => a.estimateSubscription(ctx, { customerId: 'customer-1', planId: 'plan-pro' }),
      () => official.estimateSubscription({ customerId: 'customer-1', planId: 'plan-pro' }),
    ],
    [
      'estimateSubscriptionUpdate',
      (a) => a.estimateSubscriptionUpdate(ctx, { subscriptionId: 'sub-1' }),
      () => official.estimateSubscriptionUpdate({ subscriptionId: 'sub-1' }),
    ],
    [
      'previewSubscription',
      (a) => a.previewSubscription(ctx, { customerId: 'customer-1', planId: 'plan-pro' }),
      () => official.previewSubscription({ customerId: 'customer-1', planId: 'plan-pro' }),
    ],
    [
      'fetchUsageHistory',
      (a) => a.fetchUsageHistory(ctx, { customerId: 'customer-1', featureId: 'f', startDate: new Date(0), endDate: new Date(1) }),
      () => official.fetchUsageHistory({ customerId: 'customer-1', featureId: 'f', startDate: new Date(0), endDate: new Date(1) }),
    ],
    [
      'getUsageHistoryV2',
      (a) => a.getUsageHistoryV2(ctx, { customerId: 'customer-1', featureId: 'f', startDate: new Date(0) }),
      () => official.getUsageHistoryV2({ customerId: 'customer-1', featureId: 'f', startDate: new Date(0) }),
    ],
  ];

  it.each(calls)('%s', async (_call, ours, theirs) => {
    const [mine, reference] = await Promise.all([ours(api), theirs()]);
    expect(comparable(mine)).toEqual(comparable(reference));
  });

  it('keeps Dates where the official has Dates and strings where it has strings', async () => {
    const customer = await api.getCustomer(ctx);
    expect(customer.createdAt).toBeInstanceOf(Date);
    expect(customer.subscriptions[0]!.currentBillingPeriodEnd).toBeInstanceOf(Date);
    expect(customer.subscriptions[0]!.latestInvoice?.createdAt).toBeInstanceOf(Date);
    expect(typeof customer.subscriptions[0]!.startDate).toBe('string');
    expect(customer.subscriptions[0]!.scheduledUpdates?.[0]?.scheduleVariables?.__typename).toBe('PlanChangeVariables');
    expect(JSON.stringify(customer.subscriptions[0]!.plan)).not.toContain('__typename');
  });

  it('fails as the official fails', async () => {
    const missing = await errorOf(api.getSubscription(ctx, { subscriptionId: 'missing' }));
    expect(missing).toBe('Failed to get subscription. Error: Subscription not found: missing');
    expect(missing).toBe(await errorOf(official.getSubscription({ subscriptionId: 'missing' })));

    const notFound = await errorOf(api.getCustomer({ customerId: 'nobody' }));
    expect(notFound).toBe('Failed to get customer. Error: Customer not found');

    // A failing server: the official's message, unless a stored answer can stand in.
    failNextWith = 500;
    const coupons = api.getCoupons(ctx);
    if (cached) await expect(coupons).resolves.toHaveLength(2);
    else expect(await errorOf(coupons)).toBe('Failed to get coupons. Error: Unexpected token \'d\', "down" is not valid JSON');

    failNextWith = 500;
    expect(await api.fetchUsageHistory(ctx, { customerId: 'customer-1', featureId: 'f', startDate: new Date(0) })).toBeUndefined();

    for (const call of [
      () => api.getCustomer({}),
      () => api.getCustomerPortal({}),
      () => api.getActiveSubscriptions({}),
      () => api.getActiveSubscriptionsList({}),
      () => api.getCheckoutState({}, { planId: 'p' }),
      () => api.applySubscription({}, { planId: 'p' }),
    ]) {
      expect(await errorOf(call())).toMatch(/^Failed to .+\. Error: You must set customer ID first, use setCustomerId function or pass it via the constructor$/);
    }
  });
});

describe('the wire', () => {
  it('sends the official headers and body', async () => {
    seen.length = 0;
    const api = createStiggApi({ baseUri: url, apiKey: 'client-key', customerToken: 'token-1', clientName: 'my-app', clientVersion: '9.9.9' });
    await api.getPaywall({ customerId: 'customer-1' }, { billingCountryCode: 'DE', includeHiddenPlans: false });
    await api.getActiveSubscriptionsList({ customerId: 'customer-1', customerToken: 'token-2' }, { resourceId: ['r1', 'r2'] });
    const [paywall, list] = seen;
    expect(paywall!.headers).toMatchObject({
      'x-api-key': 'client-key',
      'x-graphql-operation-name': 'GetPaywall',
      source: 'JS_CLIENT_SDK',
      'x-customer-key': 'token-1',
      'apollographql-client-name': 'my-app',
      'apollographql-client-version': '9.9.9',
      'content-type': 'application/json',
    });
    expect(paywall!.body.operationName).toBe('GetPaywall');
    expect(paywall!.body.variables).toEqual({ input: { customerId: 'customer-1', billingCountryCode: 'DE' } });
    expect(list!.headers['x-customer-key']).toBe('token-2');
    expect(list!.body.variables).toEqual({ input: { customerId: 'customer-1', resourceIds: ['r1', 'r2'] } });
  });

  const HEADERS = ['x-api-key', 'x-graphql-operation-name', 'source', 'x-customer-key', 'apollographql-client-name', 'apollographql-client-version', 'accept', 'content-type'];
  const pick = (headers: IncomingHttpHeaders) => Object.fromEntries(HEADERS.map((name) => [name, headers[name]]));

  it('sends the same variables and headers as the official', async () => {
    const args = {
      planId: 'plan-pro',
      addons: [{ addonId: 'a', quantity: 2 }],
      startDate: new Date(5),
      billingPeriod: 'ANNUALLY' as const,
      unitQuantity: 3,
      billableFeatures: [{ featureId: 'f', quantity: 4 }],
      metadata: { k: 'v' },
      promotionCode: 'P',
      billingInformation: { taxRateIds: ['t'], taxPercentage: 5, billingAddress: { city: 'X' } },
      billingCountryCode: 'DE',
      resourceId: 'resource-2',
    };
    const api = createStiggApi({ baseUri: url, apiKey: 'client-key' });
    const pairs: [(a: StiggApi) => Promise<unknown>, () => Promise<unknown>][] = [
      [(a) => a.applySubscription(ctx, args), () => official.applySubscription(args as never)],
      [(a) => a.estimateSubscription(ctx, { ...args, customerId: 'customer-1' }), () => official.estimateSubscription({ ...args, customerId: 'customer-1' } as never)],
      [(a) => a.previewSubscription(ctx, { ...args, customerId: 'customer-1' }), () => official.previewSubscription({ ...args, customerId: 'customer-1' } as never)],
      [(a) => a.estimateSubscriptionUpdate(ctx, { subscriptionId: 's', ...args }), () => official.estimateSubscriptionUpdate({ subscriptionId: 's', ...args })],
      [(a) => a.getCheckoutState(ctx, { planId: 'p', billingCountryCode: 'DE' }), () => official.getCheckoutState({ planId: 'p', billingCountryCode: 'DE' })],
      [(a) => a.getCustomerPortal(ctx, { productId: 'x' }), () => official.getCustomerPortal({ productId: 'x' })],
    ];
    for (const [ours, theirs] of pairs) {
      seen.length = 0;
      await ours(api);
      await theirs();
      const [mine, reference] = seen;
      expect(mine!.operationName).toBe(reference!.operationName);
      expect(mine!.body.variables).toEqual(reference!.body.variables);
      expect(pick(mine!.headers)).toEqual(pick(reference!.headers));
    }
  });

  it('words failed statuses as the official does', async () => {
    const api = createStiggApi({ baseUri: url, apiKey: 'client-key' });
    for (const status of [500, 400]) {
      failNextWith = status;
      const mine = await errorOf(api.getCoupons(ctx));
      failNextWith = status;
      expect(mine).toBe(await errorOf(official.getCoupons()));
    }
  });

  it('gives up after the timeout', async () => {
    const api = createStiggApi({ baseUri: url, apiKey: 'client-key', requestTimeoutMs: 50 });
    delayMs = 300;
    try {
      expect(await errorOf(api.getCoupons(ctx))).toBe('Failed to get coupons. Error: Request timed out after 50 ms');
    } finally {
      delayMs = 0;
    }
  });

  it('maps a rejected key to the official authentication message', async () => {
    const api = createStiggApi({ baseUri: url, apiKey: 'client-key' });
    failNextWith = 401;
    expect(await errorOf(api.getSdkConfiguration())).toBe('Authentication failed. Double check your SDK key.');
    expect(await api.getSdkConfiguration()).toEqual({ sentryDsn: null, isWidgetWatermarkEnabled: true });
  });
});

describe('the offline cache', () => {
  persistAsInProduction();

  it('never stores a payment secret or payment URL: online answers carry them, stored answers carry null', async () => {
    const storage = createMemoryStorage();
    const network = cuttableNetwork();
    const api = createStiggApi({ baseUri: url, apiKey: 'client-key', fetch: network.fetch, storage });
    const customer = await api.getCustomer(ctx);
    expect(customer.subscriptions[0]!.latestInvoice?.paymentSecret).toBe('secret');
    expect(customer.subscriptions[0]!.latestInvoice?.paymentUrl).toBe('https://pay');

    await storage.flushed();
    const secretEntries = Object.entries(storage.entries).filter(([key]) => key.endsWith('.paymentSecret'));
    expect(secretEntries.length).toBeGreaterThan(0);
    for (const [, value] of secretEntries) expect(value).toBe('null');
    expect(JSON.stringify(storage.entries)).not.toContain('"secret"');
    expect(JSON.stringify(storage.entries)).not.toContain('https://pay');

    // A restarted service worker, offline: the rest of the answer is intact.
    network.cut();
    const restarted = createStiggApi({ baseUri: url, apiKey: 'client-key', fetch: network.fetch, storage });
    const stored = await restarted.getCustomer(ctx);
    expect(stored.subscriptions[0]!.latestInvoice?.paymentSecret).toBeNull();
    const withoutSecret = structuredClone(customer);
    withoutSecret.subscriptions[0]!.latestInvoice!.paymentSecret = null;
    withoutSecret.subscriptions[0]!.latestInvoice!.paymentUrl = null;
    expect(stored).toEqual(withoutSecret);
  });
});
