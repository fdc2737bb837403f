// getter_ops_per_sec: getMeteredEntitlement calls per second with loaded data, both SDKs
// in this Node process against the same emulator data, runs interleaved; and the same in
// the browser, on the bench pages.
import officialModule from '@stigg/js-client-sdk';
import { entitlementsFromBody } from '../../core/wire';
import { GatehouseClient } from '../../src/client';
import { resolveConfiguration } from '../../src/config';
import { Evaluation } from '../../src/evaluation';
import { FakeEngine, memoryStore, record } from '../../src/test/fake-engine';
import { benchEmulator } from '../harness/emulator';
import { initialized, openBenchPage, pageUrl, SDKS, type Sdk } from '../harness/browser';
import type { BenchEnv, Measurement } from '../types';

const RUNS = 5;
const RUN_MS = 1_000;
const CUSTOMER = 'customer-demo-01';
const FEATURE = 'feature-demo-03';
const HOUR = 3_600_000;
const silent = { log() {}, error() {}, warn() {}, debug() {}, info() {} };

type Getter = () => { hasAccess: boolean };

function opsPerSecond(getter: Getter): number {
  let calls = 0;
  let granted = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < RUN_MS) {
    for (let i = 0; i < 1_000; i += 1) if (getter().hasAccess) granted += 1;
    calls += 1_000;
    elapsed = performance.now() - start;
  }
  if (granted !== calls) throw new Error('the getter answered without access: data not loaded?');
  return (calls * 1_000) / elapsed;
}

/** Gatehouse's page client over data as the engine would hand it, the engine faked (no browser here). */
async function gatehouseGetter(emulatorUrl: string): Promise<Getter> {
  const response = await fetch(`${emulatorUrl}/v1/c/${CUSTOMER}/entitlements.json`, { headers: { 'X-API-KEY': 'client-demo-key' } });
  const wire = entitlementsFromBody(await response.json());
  if (!wire) throw new Error('the emulator answered without entitlements');
  const { config } = resolveConfiguration({
    apiKey: 'client-demo-key',
    baseUri: emulatorUrl,
    customerId: CUSTOMER,
    cacheTtlMs: HOUR,
    logConfiguration: { logger: silent, logLevel: 'NONE' },
  });
  const loaded = record({ apiKey: config.apiKey, customerId: CUSTOMER }, wire, Date.now());
  const engine = new FakeEngine();
  engine.autoAnswer = (body) => (body.type === 'sync' ? loaded : body.type === 'graphql' ? { sdkConfiguration: { isWidgetWatermarkEnabled: false } } : null);
  const client = new GatehouseClient(config, { engine: async () => engine, stored: memoryStore([loaded]), evaluation: new Evaluation() });
  client.start();
  await client.waitForInitialization();
  return () => client.getMeteredEntitlement({ featureId: FEATURE });
}

interface OfficialClient {
  waitForInitialization(): Promise<unknown>;
  getMeteredEntitlement(params: { featureId: string }): { hasAccess: boolean };
}
type OfficialStigg = { initialize(config: Record<string, unknown>): OfficialClient };

async function officialGetter(emulatorUrl: string): Promise<Getter> {
  const { log: consoleLog, error: consoleError } = console;
  // The UMD bundle's CommonJS export, seen from ESM with or without the interop wrapper.
  const module = officialModule as unknown as OfficialStigg & { default?: OfficialStigg };
  const Stigg = typeof module.initialize === 'function' ? module : module.default!;
  const client = Stigg.initialize({
    apiKey: 'client-demo-key',
    baseUri: emulatorUrl,
    baseEdgeUri: emulatorUrl,
    customerId: CUSTOMER,
    cacheTtlMs: HOUR,
    logConfiguration: { logger: silent, logLevel: 'NONE' },
  });
  // It assigns the logger's log and error to the global console; the bench's output needs them back.
  Object.assign(console, { log: consoleLog, error: consoleError });
  await client.waitForInitialization();
  return () => client.getMeteredEntitlement({ featureId: FEATURE });
}

async function inBrowser({ browser, site }: BenchEnv, emulatorUrl: string): Promise<Record<Sdk, number[]>> {
  const result = {} as Record<Sdk, number[]>;
  for (const sdk of SDKS) {
    const context = await browser.newContext();
    try {
      const page = await openBenchPage(context, pageUrl(site.url, sdk, emulatorUrl, { customerId: CUSTOMER, featureId: FEATURE, cacheTtlMs: HOUR }));
      await initialized([page]);
      result[sdk] = [];
      for (let i = 0; i < RUNS; i += 1) result[sdk].push(await page.evaluate((ms) => window.bench.getterOpsPerSec(ms), RUN_MS));
    } finally {
      await context.close();
    }
  }
  return result;
}

export async function getterThroughput(env: BenchEnv): Promise<Measurement[]> {
  const emulator = await benchEmulator();
  try {
    const getters: Record<Sdk, Getter> = { gatehouse: await gatehouseGetter(emulator.url), official: await officialGetter(emulator.url) };
    const node = { gatehouse: [] as number[], official: [] as number[] };
    for (let i = 0; i < RUNS; i += 1) for (const sdk of SDKS) node[sdk].push(opsPerSecond(getters[sdk]));
    env.log(`getter (node) ops/s: gatehouse ${node.gatehouse.map(Math.round).join(', ')}; official ${node.official.map(Math.round).join(', ')}`);
    const browser = await inBrowser(env, emulator.url);
    return [
      { name: 'getter_ops_per_sec', unit: 'ops/s', goal: '≥ 5 × official', gatehouse: node.gatehouse, official: node.official, note: 'Node, same process' },
      { name: 'getter_ops_per_sec_browser', unit: 'ops/s', goal: '(info)', gatehouse: browser.gatehouse, official: browser.official, note: 'Chromium, bench pages' },
    ];
  } finally {
    await emulator.close();
  }
}
