// entitlement_requests_10_tabs: ten tabs of one SDK open on the same origin, each reading
// its getter every 50 ms, cacheTtlMs 2 s; the emulator's request log is read at every
// interval boundary, and each interval's entitlement requests are one sample.
import { benchEmulator } from '../harness/emulator';
import { initialized, openBenchPage, pageUrl, SDKS, sleep, type Sdk } from '../harness/browser';
import type { BenchEnv, Measurement } from '../types';

const TABS = 10;
const TTL_MS = 2_000;
const INTERVALS = 5;
const CUSTOMER = 'customer-demo-01';

export async function tenTabs({ browser, site, log }: BenchEnv): Promise<Measurement[]> {
  const perInterval = {} as Record<Sdk, number[]>;
  for (const sdk of SDKS) {
    const emulator = await benchEmulator();
    const context = await browser.newContext();
    try {
      const url = pageUrl(site.url, sdk, emulator.url, { customerId: CUSTOMER, cacheTtlMs: TTL_MS, readEveryMs: 50 });
      const first = await openBenchPage(context, url); // the first tab installs the service worker
      await initialized([first]);
      const others = await Promise.all(Array.from({ length: TABS - 1 }, () => openBenchPage(context, url)));
      await initialized([first, ...others]);
      await sleep(TTL_MS); // past start-up
      await emulator.clearRequests();
      const samples: number[] = [];
      let previous = 0;
      for (let i = 0; i < INTERVALS; i += 1) {
        await sleep(TTL_MS);
        const total = await emulator.entitlementRequests(CUSTOMER);
        samples.push(total - previous);
        previous = total;
      }
      perInterval[sdk] = samples;
      log(`10 tabs ${sdk}: entitlement requests per ${TTL_MS} ms interval: ${samples.join(', ')}`);
    } finally {
      await context.close();
      await emulator.close();
    }
  }
  return [
    {
      name: 'entitlement_requests_10_tabs',
      unit: 'req/interval',
      goal: '≤ 1 (official ≈ 10)',
      gatehouse: perInterval.gatehouse,
      official: perInterval.official,
      note: `${TABS} tabs reading every 50 ms, cacheTtlMs ${TTL_MS}`,
    },
  ];
}
