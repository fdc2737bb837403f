// requests_per_page_load: the API requests one reload causes with one tab open, every kind
// (entitlements, SDK configuration, anything else; CORS preflights not counted), counted by
// the emulator from the reload until the page has answered and settled. The first visit
// and one untimed reload come first, so the figure is a returning visit's.
import { benchEmulator } from '../harness/emulator';
import { firstRealAnswer, initialized, openBenchPage, pageUrl, SDKS, sleep, type Sdk } from '../harness/browser';
import type { BenchEnv, Measurement } from '../types';

const RELOADS = 5;
const SETTLE_MS = 1_500;

const apiRequests = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([key]) => !key.startsWith('OPTIONS '))
    .reduce((total, [, count]) => total + count, 0);

export async function requestsPerLoad({ browser, site, log }: BenchEnv): Promise<Measurement[]> {
  const perLoad = {} as Record<Sdk, number[]>;
  const kinds = {} as Record<Sdk, string>;
  for (const sdk of SDKS) {
    const emulator = await benchEmulator();
    const context = await browser.newContext();
    try {
      const page = await openBenchPage(context, pageUrl(site.url, sdk, emulator.url));
      await initialized([page]);
      await sleep(SETTLE_MS);
      await page.reload();
      await firstRealAnswer(page, 10_000);
      await sleep(SETTLE_MS);
      perLoad[sdk] = [];
      const seen = new Set<string>();
      for (let i = 0; i < RELOADS; i += 1) {
        await emulator.clearRequests();
        await page.reload();
        if ((await firstRealAnswer(page, 10_000)) === null) throw new Error(`${sdk}: a reload got no real answer`);
        await initialized([page]);
        await sleep(SETTLE_MS);
        const { counts } = await emulator.requestCounts();
        perLoad[sdk].push(apiRequests(counts));
        for (const key of Object.keys(counts)) if (!key.startsWith('OPTIONS ')) seen.add(key.replace(/\/v1\/c\/[^/]+\//, '/v1/c/…/'));
      }
      kinds[sdk] = [...seen].sort().join(', ');
      log(`requests per load ${sdk}: ${perLoad[sdk].join(', ')} (${kinds[sdk]})`);
    } finally {
      await context.close();
      await emulator.close();
    }
  }
  return [
    {
      name: 'requests_per_page_load',
      unit: 'requests',
      goal: '≤ official',
      gatehouse: perLoad.gatehouse,
      official: perLoad.official,
      note: `one tab, a reload until ${SETTLE_MS} ms after it initialized; gatehouse: ${kinds.gatehouse}; official: ${kinds.official}`,
    },
  ];
}
