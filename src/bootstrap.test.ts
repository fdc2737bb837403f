// The bootstrap on the client: served from the first synchronous answer, replaced only by
// newer stored or fetched data, never served to another customer; and the server-side client.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { feature01, feature02, feature03, guideEntitlements } from '../core/test/wire-fixtures';
import { seedViews } from './bootstrap-seed';
import { GatehouseClient, provideBootstrapSeeder } from './client';
import { resolveConfiguration, type ClientConfiguration } from './config';
import { Evaluation } from './evaluation';
import { Stigg } from './index';
import type { StoredData } from './partition-view';
import { FakeEngine, flush, memoryStore, record } from './test/fake-engine';

const NOW = Date.parse('2022-09-15T12:00:00.000Z');
const apiKey = 'client-demo-key';
const customer = { apiKey, customerId: 'customer-demo-01' };
const edgeBody = (list: unknown[]) => ({ data: { entitlements: list } });
const bootstrap = { customerId: 'customer-demo-01', entitlements: edgeBody(guideEntitlements), fetchedAt: NOW - 2_000 };

let engine: FakeEngine;
let logged: string[];

function makeClient(options: Partial<ClientConfiguration> = {}, stored: StoredData | null = memoryStore(), serverSide = false) {
  const logger = { log: () => undefined, error: (message: string) => void logged.push(message) };
  const { config } = resolveConfiguration({ apiKey, baseUri: 'http://localhost:3060', logConfiguration: { logger, logLevel: 'ERROR' }, ...options });
  const client = new GatehouseClient(config, { engine: async () => engine, stored, evaluation: new Evaluation(() => NOW), now: () => NOW, serverSide });
  client.start();
  return client;
}

beforeEach(() => {
  engine = new FakeEngine();
  logged = [];
});
afterEach(() => vi.restoreAllMocks());

describe('bootstrap on a plain page (no gatehouse/react)', () => {
  it('loads its decoder only when given, and serves it before any engine answer', async () => {
    const client = makeClient({ customerId: 'customer-demo-01', bootstrap });
    expect(client.getNumericEntitlement({ featureId: 'feature-demo-01' }).isFallback).toBe(true); // the decoder is loading
    const changes = vi.fn();
    client.addListener('answersChanged', changes);
    await client.waitForInitialization();
    expect(client.getNumericEntitlement({ featureId: 'feature-demo-01' })).toMatchObject({ isFallback: false, value: 100 });
    expect(client.getEntitlementProvenance({ featureId: 'feature-demo-01' }).source).toBe('bootstrap');
    expect(changes).toHaveBeenCalled();
    expect(engine.requests.filter((r) => r.body.type === 'sync')).toHaveLength(1); // asked, not answered
  });
});

describe('bootstrap with its decoder provided up front (as gatehouse/react does)', () => {
  beforeAll(() => provideBootstrapSeeder(seedViews));

  it('answers real data from the first synchronous call, with provenance bootstrap and its age', async () => {
    const client = makeClient({ customerId: 'customer-demo-01', bootstrap });
    expect(client.getNumericEntitlement({ featureId: 'feature-demo-01' })).toMatchObject({ isFallback: false, value: 100 });
    expect(client.getMeteredEntitlement({ featureId: 'feature-demo-03' })).toMatchObject({ isFallback: false, usageLimit: 2, hasAccess: true });
    expect(client.getEntitlementProvenance({ featureId: 'feature-demo-01' })).toEqual({ source: 'bootstrap', fetchedAt: NOW - 2_000, ageMs: 2_000 });
    expect(client.isCustomerLoaded).toBe(true);
    await client.waitForInitialization(); // without an engine answer
    expect(logged).toEqual([]);
  });

  it('keeps the bootstrap over older stored data, and gives way to newer stored data', async () => {
    const older = makeClient({ customerId: 'customer-demo-01', bootstrap }, memoryStore([record(customer, [{ ...feature01, usageLimit: 5 }], NOW - 60_000)]));
    await flush();
    expect(older.getNumericEntitlement({ featureId: 'feature-demo-01' }).value).toBe(100);
    expect(older.getEntitlementProvenance({ featureId: 'feature-demo-01' }).source).toBe('bootstrap');

    const newer = makeClient({ customerId: 'customer-demo-01', bootstrap }, memoryStore([record(customer, [{ ...feature01, usageLimit: 5 }], NOW - 1_000)]));
    await vi.waitFor(() => expect(newer.getNumericEntitlement({ featureId: 'feature-demo-01' }).value).toBe(5));
    expect(newer.getEntitlementProvenance({ featureId: 'feature-demo-01' })).toMatchObject({ source: 'cache', fetchedAt: NOW - 1_000 });
  });

  it('gives way to fetched data, announcing the change', async () => {
    const client = makeClient({ customerId: 'customer-demo-01', bootstrap });
    const changes = vi.fn();
    client.addListener('answersChanged', changes);
    await vi.waitFor(() => engine.take('sync')).then((sync) => sync.resolve(record(customer, [feature01, feature02, { ...feature03, usageLimit: 1, currentUsage: 1 }], NOW + 1)));
    await vi.waitFor(() => expect(client.getEntitlementProvenance({ featureId: 'feature-demo-03' }).source).toBe('network'));
    expect(client.getMeteredEntitlement({ featureId: 'feature-demo-03' })).toMatchObject({ currentUsage: 1, usageLimit: 1 });
    expect(changes).toHaveBeenCalled();
  });

  it("is ignored with a warning for another customer or resource, and never served to them", async () => {
    const client = makeClient({ customerId: 'customer-demo-02', bootstrap });
    expect(client.getNumericEntitlement({ featureId: 'feature-demo-01' }).isFallback).toBe(true);
    expect(client.getEntitlementProvenance({ featureId: 'feature-demo-01' }).source).toBe('fallback');
    expect(logged).toEqual(['[Stigg] The bootstrap is ignored: the bootstrap is for another customer']);

    const resource = makeClient({ customerId: 'customer-demo-01', resourceId: 'resource-01', bootstrap: { ...bootstrap, resourceId: 'resource-02' } });
    expect(resource.getNumericEntitlement({ featureId: 'feature-demo-01', resourceId: 'resource-01' }).isFallback).toBe(true);
    expect(resource.getNumericEntitlement({ featureId: 'feature-demo-01' }).isFallback).toBe(true);
    expect(logged[1]).toContain('another resource');
  });

  it("applies to its own customer once that customer is set, and to a matching resource", async () => {
    const client = makeClient({ bootstrap });
    expect(client.getNumericEntitlement({ featureId: 'feature-demo-01' }).isFallback).toBe(true);
    void client.setCustomerId('customer-demo-02');
    expect(client.getNumericEntitlement({ featureId: 'feature-demo-01' }).isFallback).toBe(true);
    void client.setCustomerId('customer-demo-01');
    expect(client.getNumericEntitlement({ featureId: 'feature-demo-01' })).toMatchObject({ isFallback: false, value: 100 });

    const scoped = makeClient({ customerId: 'customer-demo-01', resourceId: 'resource-01', bootstrap: { ...bootstrap, resourceId: 'resource-01' } });
    expect(scoped.getBooleanEntitlement({ featureId: 'feature-demo-02', resourceId: 'resource-01' }).isFallback).toBe(false);
    expect(scoped.getBooleanEntitlement({ featureId: 'feature-demo-02' }).isFallback).toBe(true);
  });

  it('is not served when older than cacheMaxAgeMs, nor when malformed', () => {
    const stale = makeClient({ customerId: 'customer-demo-01', cacheMaxAgeMs: 1_000, bootstrap });
    expect(stale.getNumericEntitlement({ featureId: 'feature-demo-01' }).isFallback).toBe(true);
    const junk = makeClient({ customerId: 'customer-demo-01', bootstrap: { customerId: 'customer-demo-01', entitlements: '<html>' } });
    expect(junk.getNumericEntitlement({ featureId: 'feature-demo-01' }).isFallback).toBe(true);
    expect(logged).toEqual([
      '[Stigg] The bootstrap is ignored: the bootstrap is older than cacheMaxAgeMs',
      '[Stigg] The bootstrap is ignored: the bootstrap entitlements are not an edge entitlements body',
    ]);
  });

  it('is forgotten by clearCustomer({ purgeStoredData: true }), not by a customer switch', async () => {
    const client = makeClient({ customerId: 'customer-demo-01', bootstrap });
    void client.setCustomerId('customer-demo-02');
    void client.setCustomerId('customer-demo-01');
    expect(client.getNumericEntitlement({ featureId: 'feature-demo-01' }).isFallback).toBe(false);
    client.clearCustomer({ purgeStoredData: true });
    void client.setCustomerId('customer-demo-01');
    expect(client.getNumericEntitlement({ featureId: 'feature-demo-01' }).isFallback).toBe(true);
  });

  it('can be given to an existing client (setBootstrap)', () => {
    const client = makeClient({ customerId: 'customer-demo-01' });
    const changes = vi.fn();
    client.addListener('answersChanged', changes);
    client.setBootstrap({ ...bootstrap, customerId: 'customer-demo-02' });
    expect(client.getNumericEntitlement({ featureId: 'feature-demo-01' }).isFallback).toBe(true);
    client.setBootstrap(bootstrap);
    expect(client.getNumericEntitlement({ featureId: 'feature-demo-01' }).value).toBe(100);
    expect(changes).toHaveBeenCalledTimes(1);
  });
});

describe('on a server', () => {
  it('makes no request and answers from the bootstrap', async () => {
    const client = makeClient({ customerId: 'customer-demo-01', bootstrap }, null, true);
    expect(client.getNumericEntitlement({ featureId: 'feature-demo-01' })).toMatchObject({ isFallback: false, value: 100 });
    await client.waitForInitialization();
    await flush();
    expect(engine.requests).toEqual([]);
  });

  it('Stigg.initialize in Node (no window) fetches nothing: bootstrap answers, else fallbacks', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    expect(typeof window).toBe('undefined');
    const logConfiguration = { logger: { log: () => undefined, error: () => undefined } };
    const served = Stigg.initialize({ apiKey, customerId: 'customer-demo-01', bootstrap: { ...bootstrap, fetchedAt: Date.now() }, logConfiguration });
    expect(served.getNumericEntitlement({ featureId: 'feature-demo-01' }).isFallback).toBe(false);
    const bare = Stigg.initialize({ apiKey, customerId: 'customer-demo-01', logConfiguration, entitlementsFallback: { 'feature-demo-02': { hasAccess: true } } });
    expect(bare.getBooleanEntitlement({ featureId: 'feature-demo-02' })).toEqual({ isFallback: true, hasAccess: true, accessDeniedReason: 'Unknown' });
    expect(bare.getSyncStatus()).toBeNull();
    await flush();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('completes initialization with what is at hand, so a server render never waits', async () => {
    const logConfiguration = { logger: { log: () => undefined, error: () => undefined } };
    for (const configuration of [{ customerId: 'customer-demo-01' }, {}, { customerId: 'customer-demo-01', lazyLoad: true }]) {
      const client = Stigg.initialize({ apiKey, logConfiguration, ...configuration });
      await expect(client.waitForInitialization()).resolves.toBe(client);
      expect(client.getBooleanEntitlement({ featureId: 'feature-demo-02' }).isFallback).toBe(true);
    }
  });
});
