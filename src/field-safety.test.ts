// Configuration and callers cannot hurt the client: bounded timing fields, partial and
// throwing loggers, errors passed to the logger as Error objects, arguments checked and
// named, and getters that never throw, whatever they are given (fuzzed, including
// objects whose property reads throw).
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { guideEntitlements } from '../core/test/wire-fixtures';
import { checkArguments } from '../core/argument-checks';
import { GatehouseClient } from './client';
import { resolveConfiguration, type ClientConfiguration } from './config';
import { CONFIG_BOUNDS } from './config-bounds';
import { Evaluation } from './evaluation';
import { LoggerService } from './logger';
import { FakeEngine, memoryStore, record } from './test/fake-engine';

const NOW = Date.parse('2022-09-15T12:00:00.000Z');
const customer = { apiKey: 'client-demo-key', customerId: 'customer-demo-01' };

function loadedClient(options: Partial<ClientConfiguration> = {}) {
  const engine = new FakeEngine();
  engine.autoAnswer = (body) => (body.type === 'sync' ? record(customer, guideEntitlements, NOW) : body.type === 'graphql' ? {} : null);
  const { config } = resolveConfiguration({
    apiKey: 'client-demo-key',
    baseUri: 'http://localhost:3060',
    customerId: 'customer-demo-01',
    logConfiguration: { logger: { log: () => undefined, error: () => undefined } },
    ...options,
  });
  const client = new GatehouseClient(config, {
    engine: async () => engine,
    stored: memoryStore([record(customer, guideEntitlements, NOW)]),
    evaluation: new Evaluation(() => NOW),
    now: () => NOW,
  });
  client.start();
  return client;
}

/** An object every (named) property read of which throws; symbol reads answer, so the fuzzer can handle it. */
const throwingReads = new Proxy(
  {},
  {
    get: (_, key) => {
      if (typeof key === 'symbol') return undefined;
      throw new Error('hostile read');
    },
  },
);
const throwingGetter = Object.defineProperty({}, 'featureId', { get: () => { throw new Error('hostile getter'); }, enumerable: true });

const hostile = fc.oneof(
  fc.anything(),
  fc.constant(throwingReads),
  fc.constant(throwingGetter),
  fc.constant(Object.create(null) as unknown),
  fc.record({ featureId: fc.oneof(fc.string(), fc.constant(Object.create(null) as unknown), fc.constant(throwingReads), fc.anything()) }),
  fc.record({
    featureId: fc.constantFrom('feature-demo-01', 'feature-demo-02', 'feature-demo-03', '__proto__', 'constructor'),
    resourceId: fc.oneof(fc.constant(undefined), fc.anything(), fc.constant(throwingReads)),
    options: fc.oneof(fc.anything(), fc.constant(throwingReads), fc.record({ requestedUsage: fc.anything(), shouldTrack: fc.anything(), fallback: fc.oneof(fc.anything(), fc.constant(throwingReads)) })),
  }),
);

describe('configuration bounds', () => {
  it('clamps cacheTtlMs, initTimeoutMs and cacheMaxAgeMs to their floor and ceiling, with a warning naming the field', () => {
    const { config, warnings } = resolveConfiguration({ apiKey: 'k', cacheTtlMs: 1, initTimeoutMs: 2 ** 31, cacheMaxAgeMs: 2 ** 53 });
    expect(config.cacheTtlMs).toBe(CONFIG_BOUNDS.cacheTtlMs.floor);
    expect(config.initTimeoutMs).toBe(CONFIG_BOUNDS.initTimeoutMs.ceiling);
    expect(config.cacheMaxAgeMs).toBe(CONFIG_BOUNDS.cacheMaxAgeMs.ceiling);
    expect(warnings).toHaveLength(3);
    for (const field of ['cacheTtlMs', 'initTimeoutMs', 'cacheMaxAgeMs']) expect(warnings.some((w) => w.includes(`"${field}"`))).toBe(true);
    expect(resolveConfiguration({ apiKey: 'k', entitlementPollingInterval: 2 ** 40 }).config.cacheTtlMs).toBe(CONFIG_BOUNDS.cacheTtlMs.ceiling);
    expect(resolveConfiguration({ apiKey: 'k', cacheTtlMs: 5_000, initTimeoutMs: 50 }).warnings).toEqual([]);
  });

  it('every bound keeps timers below 2^31 ms', () => {
    for (const { floor, ceiling } of Object.values(CONFIG_BOUNDS)) {
      expect(floor).toBeLessThanOrEqual(ceiling);
    }
    expect(CONFIG_BOUNDS.cacheTtlMs.ceiling).toBeLessThan(2 ** 31);
    expect(CONFIG_BOUNDS.initTimeoutMs.ceiling).toBeLessThan(2 ** 31);
  });
});

describe('loggers', () => {
  it('a partial logger works: missing methods are no-ops', () => {
    for (const logger of [{}, { log: () => undefined }, { error: 'not a function' }, null]) {
      const service = new LoggerService(logger as never, 'ALL');
      expect(() => service.error('x', new Error('y'))).not.toThrow();
      expect(() => service.log('x')).not.toThrow();
    }
  });

  it('a throwing logger is harmless', () => {
    const service = new LoggerService({ log: () => { throw new Error('log'); }, error: () => { throw new Error('error'); } }, 'ALL');
    expect(() => service.error('x')).not.toThrow();
    expect(() => service.log('x')).not.toThrow();
  });

  it('initialization settles with a logger without an error method, or one that throws', async () => {
    for (const logger of [{ log: () => undefined }, { log: () => { throw new Error('no'); }, error: () => { throw new Error('no'); } }]) {
      const engine = new FakeEngine();
      engine.autoAnswer = (body) => {
        if (body.type === 'sync') throw new Error('the API is down');
        return {};
      };
      const { config } = resolveConfiguration({ apiKey: 'k', customerId: 'c', initTimeoutMs: 30, logConfiguration: { logger: logger as never } });
      const client = new GatehouseClient(config, { engine: async () => engine, stored: null, evaluation: new Evaluation(() => NOW), now: () => NOW });
      client.start();
      await expect(client.waitForInitialization()).rejects.toThrow('Failed to load initial entitlements for customer. Error: the API is down');
    }
  });

  it('receives the Error that caused a failure, with its stack, as the official passes it', async () => {
    const error = vi.fn();
    const client = loadedClient({ logConfiguration: { logger: { log: () => undefined, error } } });
    await client.waitForInitialization();
    await expect(client.getPaywall({ productId: 5 } as never)).rejects.toThrow('Failed to get paywall. Error: productId must be a string, got number');
    const [message, cause] = error.mock.calls.at(-1)!;
    expect(message).toBe('[Stigg] Failed to get paywall. Error: productId must be a string, got number');
    expect(cause).toBeInstanceOf(TypeError);
    expect((cause as Error).stack).toContain('productId must be a string');
  });
});

describe('arguments of the async calls', () => {
  it('name the wrong one', async () => {
    const client = loadedClient();
    await client.waitForInitialization();
    await expect(client.getSubscription({} as never)).rejects.toThrow('Failed to get subscription. Error: subscriptionId is required (a string)');
    await expect(client.getCheckoutState({ planId: 'p', billingCountryCode: 7 } as never)).rejects.toThrow('billingCountryCode must be a string, got number');
    await expect(client.getActiveSubscriptions({ resourceId: [1] } as never)).rejects.toThrow('resourceId must be a string or an array of strings');
    await expect(client.fetchUsageHistory({ featureId: 'f', startDate: new Date(Number.NaN) } as never)).rejects.toThrow('startDate must be a Date or a date string');
    await expect(client.getPaywall('product' as never)).rejects.toThrow('getPaywall takes a parameter object, got string');
    await expect(client.getEntitlements(5 as never)).rejects.toThrow('resourceId must be a string, got number');
    await expect(client.getPaywall(throwingReads as never)).rejects.toThrow('Failed to get paywall. Error: hostile read');
  });

  it('never throw synchronously, whatever they are given', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys({ getPaywall: 1, getSubscription: 1, applySubscription: 1, getActiveSubscriptions: 1, fetchUsageHistory: 1 })), hostile, (method, params) => {
        let threw: unknown = null;
        try {
          checkArguments(method, params);
        } catch (error) {
          threw = error;
        }
        // A refusal is always a TypeError naming something, never a crash of another kind.
        if (threw !== null) expect(threw instanceof TypeError || (threw as Error).message.startsWith('hostile')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('synchronous getters', () => {
  it('never throw, for any argument, including objects whose property reads throw', async () => {
    const client = loadedClient();
    await client.waitForInitialization();
    const getters = ['getBooleanEntitlement', 'getNumericEntitlement', 'getMeteredEntitlement', 'getEntitlementProvenance'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...getters), hostile, (getter, params) => {
        const result = (client[getter] as (p: unknown) => unknown)(params);
        expect(typeof result).toBe('object');
      }),
      { numRuns: 3_000 },
    );
    expect(client.getEntitlementProvenance({ featureId: Object.create(null) as string })).toEqual({ source: 'fallback' });
    expect(client.getBooleanEntitlement(throwingGetter as never)).toMatchObject({ isFallback: true, hasAccess: false });
    expect(client.getMeteredEntitlement({ featureId: 'feature-demo-03', options: throwingReads as never })).toMatchObject({ isFallback: true });
    // Real answers still come through.
    expect(client.getNumericEntitlement({ featureId: 'feature-demo-01' })).toMatchObject({ isFallback: false, value: 100 });
  });
});
