// The client on the page host: the real engine in this process, fake-indexeddb for its
// store and the page's warm-start reads, BroadcastChannel between "tabs", and the real
// emulator over HTTP.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startEngine } from '../engine/start';
import { startEmulator, type RunningEmulator } from '../server/index';
import { GatehouseClient, type EngineHandle } from './client';
import { resolveConfiguration } from './config';
import { subscribeToPartition, subscribeToStatus } from './engine-link/broadcasts';
import { Evaluation } from './evaluation';
import { storedData } from './engine-link/stored-data';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  await fetch(`${emulator.url}/_emulator/reset`, { method: 'POST' });
});

function pageHostEngine(): EngineHandle {
  const engine = startEngine('page');
  return { request: (body) => engine.handle(body), subscribe: subscribeToPartition, onStatus: subscribeToStatus };
}

function tab(engine: Promise<EngineHandle>, customerId = 'customer-demo-01') {
  const { config } = resolveConfiguration({
    apiKey: 'client-demo-key',
    baseUri: emulator.url,
    baseEdgeUri: emulator.url,
    customerId,
    logConfiguration: { logLevel: 'NONE' },
  });
  const client = new GatehouseClient(config, { engine: () => engine, stored: storedData, evaluation: new Evaluation() });
  client.start();
  return client;
}

describe('the client on the page host', () => {
  it('answers with the emulator’s data, fetched by the engine and marked live', async () => {
    const client = await tab(Promise.resolve(pageHostEngine())).waitForInitialization();
    expect(client.getNumericEntitlement({ featureId: 'feature-demo-01' })).toMatchObject({ isFallback: false, hasAccess: true, value: 100 });
    expect(client.getMeteredEntitlement({ featureId: 'feature-demo-03' })).toMatchObject({ isFallback: false, usageLimit: 2, currentUsage: 0 });
    expect(client.getEntitlementProvenance({ featureId: 'feature-demo-01' }).source).toBe('network');
    await vi.waitFor(() => expect(client.getSyncStatus()).toMatchObject({ host: 'page', storage: 'indexeddb', state: 'idle' }));
  });

  it('after a reload, answers from IndexedDB before any engine is up', async () => {
    const first = await tab(Promise.resolve(pageHostEngine())).waitForInitialization();
    const before = first.getMeteredEntitlement({ featureId: 'feature-demo-03' });
    const reloaded = await tab(new Promise<EngineHandle>(() => {})).waitForInitialization();
    expect(reloaded.getMeteredEntitlement({ featureId: 'feature-demo-03' })).toEqual(before);
    expect(reloaded.getEntitlementProvenance({ featureId: 'feature-demo-03' }).source).toBe('cache');
  });

  it('shares local usage between tabs at once and never lets the limit be exceeded', async () => {
    const engine = Promise.resolve(pageHostEngine());
    const [one, two] = await Promise.all([tab(engine).waitForInitialization(), tab(engine).waitForInitialization()]);
    await one.recordUsage({ featureId: 'feature-demo-03', value: 2 });
    await vi.waitFor(() => expect(two.getMeteredEntitlement({ featureId: 'feature-demo-03' }).currentUsage).toBe(2));
    await expect(two.recordUsage({ featureId: 'feature-demo-03', value: 1 })).rejects.toThrow(/^Failed to record usage\. Error: .*exceed/);
    expect(one.getMeteredEntitlement({ featureId: 'feature-demo-03', options: { requestedUsage: 1 } })).toMatchObject({
      hasAccess: false,
      accessDeniedReason: 'RequestedUsageExceedingLimit',
    });
    expect(two.getEntitlementProvenance({ featureId: 'feature-demo-03' })).toMatchObject({ source: 'local-usage', localUsage: 2 });
  });

  it('proxies the other Stigg calls through the engine, with the customer helpers restored', async () => {
    const client = await tab(Promise.resolve(pageHostEngine())).waitForInitialization();
    const paywall = await client.getPaywall();
    expect(paywall.plans.map((plan) => plan.id)).toEqual(expect.arrayContaining(['plan-stigg-starter', 'plan-stigg-pro']));
    const customer = await client.getCustomer();
    expect(customer.name).toBe('First customer');
    expect(customer.getActiveSubscriptions().length).toBeGreaterThan(0);
    await expect(client.getSubscription({ subscriptionId: 'nope' })).rejects.toThrow(/^Failed to get subscription\. Error: /);
  });

  it('switches customers without ever answering with the previous customer’s data', async () => {
    const client = await tab(Promise.resolve(pageHostEngine())).waitForInitialization();
    const switching = client.setCustomerId('customer-demo-02');
    expect(client.getMeteredEntitlement({ featureId: 'feature-demo-03' }).isFallback).toBe(true);
    await switching;
    expect(client.getMeteredEntitlement({ featureId: 'feature-demo-03' })).toMatchObject({ isFallback: false, usageLimit: 5 });
  });
});
