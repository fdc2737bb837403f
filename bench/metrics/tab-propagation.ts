// tab_propagation_ms: usage changes on the server; refresh() in tab A; the time until
// tab B's getter shows the new currentUsage (both clocks Date.now() in the same browser).
// The official SDK has no cross-tab channel: B sees it at its own next fetch, so its
// figure is bounded by its cacheTtlMs (B reads every 50 ms, which triggers that fetch).
import { benchEmulator } from '../harness/emulator';
import { initialized, openBenchPage, pageUrl, SDKS, sleep, type Sdk } from '../harness/browser';
import type { BenchEnv, Measurement } from '../types';

const CUSTOMER = 'customer-demo-01';
const FEATURE = 'feature-demo-03';
const TTL_MS = 5_000;
const RUNS: Record<Sdk, number> = { gatehouse: 7, official: 3 };

export async function tabPropagation({ browser, site, log }: BenchEnv): Promise<Measurement[]> {
  const emulator = await benchEmulator();
  const samples = {} as Record<Sdk, number[]>;
  try {
    for (const sdk of SDKS) {
      const context = await browser.newContext();
      try {
        const url = pageUrl(site.url, sdk, emulator.url, { customerId: CUSTOMER, featureId: FEATURE, cacheTtlMs: TTL_MS, readEveryMs: 50 });
        const a = await openBenchPage(context, url);
        await initialized([a]);
        const b = await openBenchPage(context, url);
        await initialized([b]);
        await sleep(1_000);
        samples[sdk] = [];
        for (let run = 0; run < RUNS[sdk]; run += 1) {
          const value = 100 + run;
          await emulator.setUsage(CUSTOMER, FEATURE, value);
          const seen = b.evaluate(([f, v, t]) => window.bench.waitFor(f as string, 'currentUsage', v as number, t as number), [FEATURE, value, 3 * TTL_MS] as const);
          await sleep(50); // B is watching
          const started = await a.evaluate(() => {
            const at = Date.now();
            void window.bench.client.refresh();
            return at;
          });
          const at = await seen;
          if (at === null) throw new Error(`${sdk}: tab B never showed the new usage`);
          samples[sdk].push(Math.max(0, at - started));
          await sleep(300);
        }
        log(`tab propagation ${sdk}: ${samples[sdk].map(Math.round).join(', ')} ms`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await emulator.close();
  }
  return [
    {
      name: 'tab_propagation_ms',
      unit: 'ms',
      goal: '≤ 100',
      gatehouse: samples.gatehouse,
      official: samples.official,
      note: `official: no cross-tab sharing; B's own next fetch (cacheTtlMs ${TTL_MS})`,
    },
  ];
}
