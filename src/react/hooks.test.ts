// @vitest-environment happy-dom
// The hooks over a real client (the engine faked): values, re-renders only on change,
// customer switch, provenance, and no render loop.
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement as h, StrictMode, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { partitionKey } from '../../core/partition';
import { feature01, feature02, feature03, guideEntitlements } from '../../core/test/wire-fixtures';
import { GatehouseClient } from '../client';
import { resolveConfiguration, type ClientConfiguration } from '../config';
import { Evaluation } from '../evaluation';
import { FakeEngine, flush, memoryStore, record } from '../test/fake-engine';
import {
  StiggProvider,
  useBooleanEntitlement,
  useEntitlementProvenance,
  useMeteredEntitlement,
  useNumericEntitlement,
  useStiggContext,
  useSyncStatus,
} from './index';

const NOW = Date.parse('2022-09-15T12:00:00.000Z');
const apiKey = 'client-demo-key';
const customer = { apiKey, customerId: 'customer-demo-01' };
const other = { apiKey, customerId: 'customer-demo-02' };

let engine: FakeEngine;
let now: number;
const renders: Record<string, number> = {};

function makeClient(options: Partial<ClientConfiguration> = {}, stored = memoryStore()) {
  const { config } = resolveConfiguration({
    apiKey,
    baseUri: 'http://localhost:3060',
    logConfiguration: { logger: { log: () => undefined, error: () => undefined } },
    ...options,
  });
  const client = new GatehouseClient(config, { engine: async () => engine, stored, evaluation: new Evaluation(() => now), now: () => now });
  client.start();
  return client;
}

/** A component that shows one hook's answer and counts its renders. */
function Show({ name, use }: { name: string; use: () => unknown }) {
  renders[name] = (renders[name] ?? 0) + 1;
  return h('output', { 'data-testid': name }, JSON.stringify(use()));
}
const shown = (name: string) => JSON.parse(screen.getByTestId(name).textContent ?? 'null');

function Gates() {
  return h(
    'div',
    null,
    h(Show, { name: 'numeric', use: () => useNumericEntitlement({ featureId: 'feature-demo-01' }) }),
    h(Show, { name: 'boolean', use: () => useBooleanEntitlement({ featureId: 'feature-demo-02' }) }),
    h(Show, { name: 'metered', use: () => useMeteredEntitlement({ featureId: 'feature-demo-03', options: { requestedUsage: 1 } }) }),
  );
}

const answerSync = async (connection: typeof customer, list: unknown[], fetchedAt: number) => {
  const sync = await vi.waitFor(() => engine.take('sync'));
  await act(async () => {
    sync.resolve(record(connection, list, fetchedAt));
    await flush();
  });
};

beforeEach(() => {
  engine = new FakeEngine();
  now = NOW;
  for (const key of Object.keys(renders)) delete renders[key];
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('gatehouse/react hooks', () => {
  it("give the official hooks' results: fallbacks, then the real values", async () => {
    const client = makeClient({ customerId: 'customer-demo-01', entitlementsFallback: { 'feature-demo-02': { hasAccess: true } } });
    render(h(StiggProvider, { stiggClient: client, customerId: 'customer-demo-01' }, h(Gates)));
    expect(shown('boolean')).toEqual({ hasAccess: true, isFallback: true, accessDeniedReason: 'Unknown' });
    expect(shown('numeric')).toMatchObject({ isFallback: true, hasAccess: false });
    await answerSync(customer, guideEntitlements, NOW + 1);
    expect(shown('numeric')).toEqual(client.getNumericEntitlement({ featureId: 'feature-demo-01' }));
    expect(shown('numeric')).toMatchObject({ isFallback: false, value: 100, hasAccess: true });
    expect(shown('metered')).toMatchObject({ isFallback: false, usageLimit: 2, currentUsage: 0, requestedUsage: 1, hasAccess: true });
    expect(shown('boolean')).toMatchObject({ isFallback: false, hasAccess: true });
  });

  it('without a provider, answer the official default fallbacks with the per-call fallback', () => {
    render(h(Show, { name: 'alone', use: () => useBooleanEntitlement({ featureId: 'x', options: { fallback: { hasAccess: true } } }) }));
    expect(shown('alone')).toEqual({ hasAccess: true, isFallback: true, accessDeniedReason: 'Unknown' });
    vi.spyOn(console, 'error').mockImplementation(() => undefined); // React reports the thrown error
    expect(() => render(h(Show, { name: 'context', use: () => useStiggContext() }))).toThrow(/StiggProvider/);
  });

  it('re-render only the components whose answer changed', async () => {
    const client = makeClient({ customerId: 'customer-demo-01' });
    render(h(StiggProvider, { stiggClient: client }, h(Gates)));
    await answerSync(customer, guideEntitlements, NOW + 1);
    const before = { ...renders };
    // Usage of feature 3 changes; features 1 and 2 do not.
    await act(async () => {
      engine.broadcast({ type: 'snapshot', partitionKey: partitionKey(customer), record: record(customer, [feature01, feature02, { ...feature03, currentUsage: 2, usageUpdatedAt: '2022-09-14T00:00:00.000Z' }], NOW + 2) });
      await flush();
    });
    expect(shown('metered')).toMatchObject({ currentUsage: 2, hasAccess: false });
    expect(renders.metered).toBe(before.metered! + 1);
    expect(renders.numeric).toBe(before.numeric);
    expect(renders.boolean).toBe(before.boolean);
    // The same data again (a confirmation) renders nothing.
    await act(async () => {
      engine.broadcast({ type: 'snapshot', partitionKey: partitionKey(customer), record: record(customer, [feature01, feature02, { ...feature03, currentUsage: 2, usageUpdatedAt: '2022-09-14T00:00:00.000Z' }], NOW + 3) });
      await flush();
    });
    expect(renders).toEqual({ ...before, metered: before.metered! + 1 });
  });

  it("switch with the provider's customerId: the client's customer changes and the answers follow", async () => {
    const client = makeClient({ customerId: 'customer-demo-01' });
    const app = (customerId: string) => h(StiggProvider, { stiggClient: client, customerId }, h(Gates));
    const { rerender } = render(app('customer-demo-01'));
    await answerSync(customer, guideEntitlements, NOW + 1);
    expect(shown('numeric')).toMatchObject({ value: 100 });
    rerender(app('customer-demo-02'));
    expect(client.partitions).toEqual([partitionKey(other)]);
    expect(shown('numeric')).toMatchObject({ isFallback: true });
    await answerSync(other, [{ ...feature01, usageLimit: 7 }], NOW + 2);
    expect(shown('numeric')).toMatchObject({ isFallback: false, value: 7 });
  });

  it('switch the customer of a client made from props, and serve the bootstrap from the first render', async () => {
    const bootstrap = { customerId: 'customer-demo-01', entitlements: { data: { entitlements: guideEntitlements } }, fetchedAt: Date.now() - 1_000 };
    const props = { apiKey, baseUri: 'http://127.0.0.1:9', logConfiguration: { logger: { log: () => undefined, error: () => undefined } }, useWorker: false, host: 'page' as const };
    function Context() {
      const { stigg, isInitialized } = useStiggContext();
      return h('output', { 'data-testid': 'context' }, JSON.stringify({ isInitialized, partitions: stigg.partitions.length }));
    }
    const first: string[] = [];
    function FirstRender() {
      first.push(JSON.stringify(useNumericEntitlement({ featureId: 'feature-demo-01' })));
      return null;
    }
    render(h(StiggProvider, { ...props, customerId: 'customer-demo-01', bootstrap }, h(FirstRender), h(Context)));
    expect(JSON.parse(first[0]!)).toMatchObject({ isFallback: false, value: 100 });
    expect(shown('context')).toEqual({ isInitialized: true, partitions: 1 });
  });

  it('show provenance: bootstrap, then network once fetched data is newer', async () => {
    const bootstrap = { customerId: 'customer-demo-01', entitlements: { data: { entitlements: guideEntitlements } }, fetchedAt: NOW - 5_000 };
    const client = makeClient({ customerId: 'customer-demo-01', bootstrap });
    render(h(StiggProvider, { stiggClient: client }, h(Show, { name: 'provenance', use: () => useEntitlementProvenance({ featureId: 'feature-demo-01' }) })));
    expect(shown('provenance')).toEqual({ source: 'bootstrap', fetchedAt: NOW - 5_000, ageMs: 5_000 });
    await answerSync(customer, guideEntitlements, NOW + 1);
    expect(shown('provenance')).toMatchObject({ source: 'network', fetchedAt: NOW + 1 });
  });

  it('never loop: answers that age or repeat keep the same objects, under StrictMode too', async () => {
    const errors = vi.spyOn(console, 'error');
    const client = makeClient({ customerId: 'customer-demo-01' }, memoryStore([record(customer, guideEntitlements, NOW - 60_000)]));
    const results: unknown[] = [];
    function Keep() {
      const numeric = useNumericEntitlement({ featureId: 'feature-demo-01' });
      const provenance = useEntitlementProvenance({ featureId: 'feature-demo-01' });
      const status = useSyncStatus();
      results.push(numeric, provenance, status);
      return null;
    }
    render(h(StrictMode, null, h(StiggProvider, { stiggClient: client }, h(Keep) as ReactNode)));
    await act(flush);
    const settled = renders.keep ?? results.length;
    const [numeric, provenance] = results.slice(-3);
    expect(provenance).toMatchObject({ source: 'cache', ageMs: 60_000 });
    // The clock moves (ages change) and the client announces changes many times over.
    for (let i = 0; i < 50; i += 1) {
      now += 1_000;
      act(() => (client as unknown as { emitter: { emit(name: string): void } }).emitter.emit('answersChanged'));
    }
    expect(results.length).toBe(settled);
    expect(results.at(-3)).toBe(numeric);
    expect(results.at(-2)).toBe(provenance);
    expect(errors).not.toHaveBeenCalled();
  });

  it('report a shouldTrack check once per committed render, as the official hook does, not per snapshot read', async () => {
    const client = makeClient({ customerId: 'customer-demo-01' }, memoryStore([record(customer, guideEntitlements, NOW - 60_000)]));
    await client.waitForInitialization();
    render(h(StiggProvider, { stiggClient: client }, h(Show, { name: 'tracked', use: () => useMeteredEntitlement({ featureId: 'feature-demo-03', options: { requestedUsage: 1, shouldTrack: true } }) })));
    for (let i = 0; i < 5; i += 1) act(() => (client as unknown as { emitter: { emit(name: string): void } }).emitter.emit('answersChanged'));
    const track = await vi.waitFor(() => engine.take('track'), { timeout: 1_000 });
    expect(renders.tracked).toBe(1);
    expect(track.body).toMatchObject({ reports: [{ featureId: 'feature-demo-03', requestedUsage: 1, result: { hasAccess: true } }] });
  });
});
