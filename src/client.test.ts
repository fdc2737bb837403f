import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { partitionKey } from '../core/partition';
import { feature01, feature02, feature03, guideEntitlements } from '../core/test/wire-fixtures';
import { GatehouseClient } from './client';
import { resolveConfiguration, type ClientConfiguration } from './config';
import { Evaluation } from './evaluation';
import { FakeEngine, flush, memoryStore, record } from './test/fake-engine';
import type { StoredData } from './partition-view';

const NOW = Date.parse('2022-09-15T12:00:00.000Z');
const apiKey = 'client-demo-key';
const customer = { apiKey, customerId: 'customer-demo-01' };
const other = { apiKey, customerId: 'customer-demo-02' };
const silent = { log: () => undefined, error: () => undefined };

let engine: FakeEngine;

function makeClient(options: Partial<ClientConfiguration> = {}, stored: StoredData | null = memoryStore()) {
  const { config } = resolveConfiguration({
    apiKey,
    baseUri: 'http://localhost:3060',
    logConfiguration: { logger: silent, logLevel: 'NONE' },
    ...options,
  });
  const client = new GatehouseClient(config, {
    engine: async () => engine,
    stored,
    evaluation: new Evaluation(() => NOW),
    now: () => NOW,
  });
  client.start();
  return client;
}

async function answerSdkConfiguration() {
  (await vi.waitFor(() => engine.take('graphql'))).resolve({ sdkConfiguration: { isWidgetWatermarkEnabled: true } });
}

beforeEach(() => {
  engine = new FakeEngine();
});
afterEach(() => vi.useRealTimers());

describe('configuration', () => {
  it('refuses a missing API key and mistyped fields with clear errors', () => {
    expect(() => resolveConfiguration({ apiKey: '' })).toThrow('You must configure the client with an SDK key');
    expect(() => resolveConfiguration({ apiKey: 'k', cacheTtlMs: 'soon' })).toThrow('Configuration field "cacheTtlMs" must be a non-negative number');
    expect(() => resolveConfiguration({ apiKey: 'k', host: 'cloud' })).toThrow(/host/);
    expect(() => resolveConfiguration(null)).toThrow(/configuration object/);
  });

  it('warns about unknown fields and applies the official defaults', () => {
    const { config, warnings } = resolveConfiguration({ apiKey: 'k', cacheTTL: 5 });
    expect(warnings).toEqual(['Unknown configuration field "cacheTTL" is ignored']);
    expect(config).toMatchObject({
      baseUri: 'https://api.stigg.io',
      baseEdgeUri: 'https://edge.api.stigg.io',
      cacheTtlMs: 30_000,
      enableEdge: true,
      lazyLoad: false,
    });
    expect(resolveConfiguration({ apiKey: 'k', baseUri: 'http://localhost:4000' }).config.baseEdgeUri).toBe('http://localhost:3060');
    expect(resolveConfiguration({ apiKey: 'k', entitlementPollingInterval: 5000 }).config.cacheTtlMs).toBe(5000);
  });
});

describe('getters before and after data', () => {
  it('answer the fallback until data arrives, then real data from the engine', async () => {
    const client = makeClient({ customerId: 'customer-demo-01', entitlementsFallback: { 'feature-demo-02': { hasAccess: true } } });
    expect(client.getBooleanEntitlement({ featureId: 'feature-demo-02' })).toEqual({
      isFallback: true,
      hasAccess: true,
      accessDeniedReason: 'Unknown',
    });
    await answerSdkConfiguration();
    engine.take('sync').resolve(record(customer, guideEntitlements, NOW + 1)); // fetched after the view opened
    await client.waitForInitialization();
    expect(client.getNumericEntitlement({ featureId: 'feature-demo-01' })).toMatchObject({ isFallback: false, value: 100 });
    expect(client.isCustomerLoaded).toBe(true);
    expect(client.isWidgetWatermarkEnabled).toBe(true);
    expect(client.getEntitlementProvenance({ featureId: 'feature-demo-01' })).toEqual({ source: 'network', fetchedAt: NOW + 1, ageMs: 0 });
  });

  it('answers from stored data before the engine replies (warm start), marked as cache', async () => {
    const stored = memoryStore([record(customer, guideEntitlements, NOW - 60_000)]);
    const client = makeClient({ customerId: 'customer-demo-01' }, stored);
    await client.waitForInitialization();
    expect(engine.requests.some((r) => r.body.type === 'sync')).toBe(true); // still asked, not yet answered
    expect(client.getMeteredEntitlement({ featureId: 'feature-demo-03' })).toMatchObject({ isFallback: false, hasAccess: true, usageLimit: 2 });
    expect(client.getEntitlementProvenance({ featureId: 'feature-demo-03' })).toMatchObject({ source: 'cache', ageMs: 60_000 });
  });

  it('does not serve stored data older than cacheMaxAgeMs as real data', async () => {
    const stored = memoryStore([record(customer, guideEntitlements, NOW - 10_000)]);
    const client = makeClient({ customerId: 'customer-demo-01', cacheMaxAgeMs: 5_000, initTimeoutMs: 50 }, stored);
    await expect(client.waitForInitialization()).rejects.toThrow(
      'Failed to load initial entitlements for customer. Error: no entitlements could be loaded within 50 ms',
    );
    expect(client.getBooleanEntitlement({ featureId: 'feature-demo-02' }).isFallback).toBe(true);
  });

  it('fails initialization on a refused API key, as the official SDK does', async () => {
    const client = makeClient({ customerId: 'customer-demo-01' });
    const refused = Object.assign(new Error('Response not successful: Received status code 401'), { code: 'Unauthenticated' });
    (await vi.waitFor(() => engine.take('graphql'))).reject(refused);
    await expect(client.waitForInitialization()).rejects.toThrow('Authentication failed. Double check your SDK key.');
  });

  it('rejects initialization with the engine error when nothing is stored', async () => {
    const client = makeClient({ customerId: 'customer-demo-01', initTimeoutMs: 200 });
    await flush();
    engine.take('sync').reject(new Error('network down'));
    await expect(client.waitForInitialization()).rejects.toThrow(
      'Failed to load initial entitlements for customer. Error: network down',
    );
  });

  it('reads the resource partition only for the current resource', async () => {
    const resource = { ...customer, resourceId: 'resource-01' };
    const stored = memoryStore([record(customer, [feature01], NOW), record(resource, [feature02], NOW)]);
    const client = makeClient({ customerId: 'customer-demo-01', resourceId: 'resource-01' }, stored);
    await client.waitForInitialization();
    expect(client.getBooleanEntitlement({ featureId: 'feature-demo-02', resourceId: 'resource-01' }).hasAccess).toBe(true);
    expect(client.getBooleanEntitlement({ featureId: 'feature-demo-02' })).toMatchObject({ hasAccess: false, isFallback: false });
    expect(client.getBooleanEntitlement({ featureId: 'feature-demo-02', resourceId: 'resource-99' }).isFallback).toBe(true);
    expect(client.isResourceLoaded).toBe(true);
    client.getBooleanEntitlement({ featureId: 'feature-demo-02', resourceId: 'resource-01', options: { shouldTrack: true } });
    await new Promise((done) => setTimeout(done, 150));
    expect(engine.take('track').body).toMatchObject({ connection: { resourceId: 'resource-01' }, reports: [{ featureId: 'feature-demo-02' }] });
    client.clearResource();
    expect(client.isResourceLoaded).toBe(false);
  });
});

describe('customer isolation', () => {
  it('discards a response that was in flight when the customer changed', async () => {
    const client = makeClient({ customerId: 'customer-demo-01' });
    await flush();
    const first = engine.take('sync');
    const switching = client.setCustomerId('customer-demo-02');
    await flush();
    const second = engine.take('sync');
    first.resolve(record(customer, guideEntitlements, NOW));
    second.resolve(record(other, [feature02], NOW));
    await switching;
    expect(client.getNumericEntitlement({ featureId: 'feature-demo-01' })).toMatchObject({ isFallback: false, hasAccess: false });
    expect(client.getBooleanEntitlement({ featureId: 'feature-demo-02' }).hasAccess).toBe(true);
  });

  it('refuses an engine answer for another partition', async () => {
    const client = makeClient({ customerId: 'customer-demo-01', initTimeoutMs: 200 });
    await flush();
    engine.take('sync').resolve(record(other, guideEntitlements, NOW));
    await expect(client.waitForInitialization()).rejects.toThrow(/another partition/);
    expect(client.getNumericEntitlement({ featureId: 'feature-demo-01' }).isFallback).toBe(true);
  });

  it('ignores broadcasts for other partitions and forgets everything on clearCustomer', async () => {
    const client = makeClient({ customerId: 'customer-demo-01' }, memoryStore([record(customer, [feature02], NOW)]));
    await client.waitForInitialization();
    engine.broadcast({ type: 'snapshot', partitionKey: partitionKey(other), record: record(other, guideEntitlements, NOW) });
    expect(client.getNumericEntitlement({ featureId: 'feature-demo-01' }).hasAccess).toBe(false);
    client.clearCustomer({ purgeStoredData: true });
    await flush();
    expect(client.getBooleanEntitlement({ featureId: 'feature-demo-02' }).isFallback).toBe(true);
    expect(engine.requests.some((r) => r.body.type === 'purge')).toBe(true);
  });
});

describe('events', () => {
  it('fires entitlementsUpdated only when the entitlements changed', async () => {
    const client = makeClient({ customerId: 'customer-demo-01' });
    const updates: Map<string, unknown>[] = [];
    client.addListener('entitlementsUpdated', (map) => updates.push(map));
    await flush();
    const key = partitionKey(customer);
    engine.take('sync').resolve(record(customer, guideEntitlements, NOW));
    await client.waitForInitialization();
    engine.broadcast({ type: 'snapshot', partitionKey: key, record: record(customer, guideEntitlements, NOW + 1) });
    await flush();
    engine.broadcast({ type: 'snapshot', partitionKey: key, record: record(customer, [feature01, { ...feature03, currentUsage: 1, usageUpdatedAt: '2022-09-12T00:00:00Z' }], NOW + 2) });
    await flush();
    expect(updates).toHaveLength(2);
    expect([...updates[1]!.keys()]).toEqual(['feature-demo-01', 'feature-demo-03']);
  });

  it('a throwing listener does not break the client', async () => {
    const client = makeClient({ customerId: 'customer-demo-01' }, memoryStore([record(customer, guideEntitlements, NOW)]));
    client.addListener('initializeSuccessfully', () => {
      throw new Error('listener bug');
    });
    await expect(client.waitForInitialization()).resolves.toBe(client);
  });
});

describe('async calls', () => {
  it('reject with the official messages when no customer is set', async () => {
    const client = makeClient();
    await expect(client.getCustomer()).rejects.toThrow(
      'Failed to get customer. Error: You must set customer ID first, use setCustomerId function or pass it via the constructor',
    );
    await expect(client.getEntitlements()).rejects.toThrow(/^Failed to get entitlements\. Error: You must set customer ID first/);
  });

  it('proxy calls to the engine with the partition connection and wrap failures', async () => {
    const client = makeClient({ customerId: 'customer-demo-01' }, memoryStore([record(customer, guideEntitlements, NOW)]));
    await client.waitForInitialization();
    const pending = client.getPaywall({ productId: 'product-stigg' });
    const call = await vi.waitFor(() => {
      const last = engine.requests.filter((r) => r.body.type === 'graphql').at(-1);
      if (!last || (last.body.type === 'graphql' && !last.body.operation.document.startsWith('query GetPaywall'))) throw new Error('not yet');
      return last;
    });
    expect(call.body).toMatchObject({
      operation: { kind: 'query', cache: 'stored', variables: { input: { productId: 'product-stigg', customerId: 'customer-demo-01' } } },
      connection: { customerId: 'customer-demo-01' },
    });
    call.reject(new Error('boom'));
    await expect(pending).rejects.toThrow('Failed to get paywall. Error: boom');
  });

  it('setResource validates and requires a customer', async () => {
    const client = makeClient();
    await expect(client.setResource('r')).rejects.toThrow(/`setResource` must be called when customer was set/);
    expect(() => client.clearResource()).toThrow(/`clearResource` must be called when customer was set/);
    await expect(client.setCustomerId(42 as unknown as string)).rejects.toThrow('customerId parameter must be a string');
  });

  it('recordUsage refuses bad input and reports the engine refusal', async () => {
    const client = makeClient({ customerId: 'customer-demo-01' }, memoryStore([record(customer, guideEntitlements, NOW)]));
    await client.waitForInitialization();
    await expect(client.recordUsage({ featureId: 'feature-demo-03', value: -1 })).rejects.toThrow(
      'Failed to record usage. Error: value must be a positive number',
    );
    engine.autoAnswer = () => {
      throw new Error('usage of 5 would exceed the limit of 2');
    };
    await expect(client.recordUsage({ featureId: 'feature-demo-03', value: 5 })).rejects.toThrow(/would exceed the limit/);
    expect(client.getMeteredEntitlement({ featureId: 'feature-demo-03' }).currentUsage).toBe(0);
  });

  it('recordUsage applies the recorded usage at once', async () => {
    const client = makeClient({ customerId: 'customer-demo-01' }, memoryStore([record(customer, guideEntitlements, NOW)]));
    await client.waitForInitialization();
    engine.autoAnswer = (body) =>
      body.type === 'recordUsage'
        ? [{ id: 'u1', partitionKey: partitionKey(customer), featureId: 'feature-demo-03', amount: 2, recordedAt: NOW, expectedUsage: 2 }]
        : null;
    const result = await client.recordUsage({ featureId: 'feature-demo-03', value: 2 });
    expect(result).toMatchObject({ currentUsage: 2, hasAccess: true });
    expect(client.getMeteredEntitlement({ featureId: 'feature-demo-03', options: { requestedUsage: 1 } }).hasAccess).toBe(false);
    expect(client.getEntitlementProvenance({ featureId: 'feature-demo-03' })).toMatchObject({ source: 'local-usage', localUsage: 2 });
  });

  it('usage recorded before a reload counts even when the engine answers before the warm start has read it', async () => {
    const pending = { id: 'u1', partitionKey: partitionKey(customer), featureId: 'feature-demo-03', amount: 1, recordedAt: NOW, expectedUsage: 1 };
    let releaseUsage: () => void = () => undefined;
    const stored: StoredData = {
      readStoredSnapshot: async () => null,
      readLocalUsage: () => new Promise((resolve) => (releaseUsage = () => resolve([pending]))),
    };
    engine.autoAnswer = (body) => (body.type === 'sync' ? record(customer, guideEntitlements, NOW) : null);
    const client = makeClient({ customerId: 'customer-demo-01' }, stored);
    await client.waitForInitialization();
    releaseUsage();
    await flush();
    await flush();
    expect(client.getMeteredEntitlement({ featureId: 'feature-demo-03' }).currentUsage).toBe(1);
  });

  it('shouldTrack checks reach the engine in one batch', async () => {
    const client = makeClient({ customerId: 'customer-demo-01' }, memoryStore([record(customer, guideEntitlements, NOW)]));
    await client.waitForInitialization();
    client.getBooleanEntitlement({ featureId: 'feature-demo-02', options: { shouldTrack: true } });
    client.getMeteredEntitlement({ featureId: 'feature-demo-03', options: { shouldTrack: true, requestedUsage: 5 } });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const track = engine.take('track');
    expect(track.body).toMatchObject({ connection: { customerId: 'customer-demo-01', resourceId: undefined } });
    expect(track.body).toMatchObject({
      reports: [
        { featureId: 'feature-demo-02', result: { hasAccess: true } },
        { featureId: 'feature-demo-03', requestedUsage: 5, result: { hasAccess: false, accessDeniedReason: 'RequestedUsageExceedingLimit' } },
      ],
    });
  });
});

describe('waitForCheckoutCompleted', () => {
  it('resolves null without a completed checkout in the URL', async () => {
    vi.stubGlobal('location', { search: '?checkoutCompleted=false&subscriptionId=s1' });
    const client = makeClient({ customerId: 'customer-demo-01' }, memoryStore([record(customer, guideEntitlements, NOW)]));
    await expect(client.waitForCheckoutCompleted()).resolves.toBeNull();
    vi.unstubAllGlobals();
  });
});

describe("lazyLoad, as Stigg's React SDK initializes the client", () => {
  it('completes initialization with the customer set later, not with the SDK configuration alone', async () => {
    const client = makeClient({ customerId: 'customer-demo-01', lazyLoad: true });
    let settled = false;
    void client.waitForInitialization().finally(() => (settled = true));
    await answerSdkConfiguration();
    await flush();
    expect(settled).toBe(false);
    const loading = client.setCustomerId('customer-demo-01');
    await flush();
    engine.take('sync').resolve(record(customer, guideEntitlements, NOW + 1));
    await loading;
    await expect(client.waitForInitialization()).resolves.toBe(client);
    expect(client.getNumericEntitlement({ featureId: 'feature-demo-01' })).toMatchObject({ isFallback: false, value: 100 });
  });

  it("stays pending while the API is unreachable and completes when the engine's retry gets the data", async () => {
    const client = makeClient({ customerId: 'customer-demo-01', lazyLoad: true });
    (await vi.waitFor(() => engine.take('graphql'))).reject(new TypeError('Failed to fetch'));
    void client.setCustomerId('customer-demo-01').catch(() => undefined);
    let settled = false;
    const initialization = client.waitForInitialization().finally(() => (settled = true));
    await flush();
    engine.take('sync').reject(new Error('Gatehouse could not load entitlements: Failed to fetch'));
    await flush();
    expect(settled).toBe(false);
    engine.broadcast({ type: 'snapshot', partitionKey: partitionKey(customer), record: record(customer, guideEntitlements, NOW + 1) });
    await expect(initialization).resolves.toBe(client);
    expect(client.isCustomerLoaded).toBe(true);
  });

  it('fails with the last error once initTimeoutMs passes with the API still unreachable', async () => {
    const client = makeClient({ customerId: 'customer-demo-01', lazyLoad: true, initTimeoutMs: 200 });
    void client.setCustomerId('customer-demo-01').catch(() => undefined);
    await flush();
    engine.take('sync').reject(new Error('Gatehouse could not load entitlements: Failed to fetch'));
    await expect(client.waitForInitialization()).rejects.toThrow(
      'Failed to load initial entitlements for customer. Error: Gatehouse could not load entitlements: Failed to fetch',
    );
  });
});
