// long_tasks_50000_features and heap_all_bytes_50000_features: a customer with 50,000
// features. A first visit (fresh context), until the page answers, has initialized and
// settled; then the server's usage changes and refresh() runs until the getter shows it.
// Long tasks (> 50 ms, main thread) are counted over the whole of it, script start-up
// included; then the memory of every host the SDK runs on, after a full GC: V8 heap in use
// plus backing stores of ArrayBuffers and external strings (as memory.ts, harness/heap.ts).
import { writeLargeCatalog, METERED_BENCH_FEATURE } from '../harness/catalog';
import { benchEmulator } from '../harness/emulator';
import { openSettledPage, pageUrl, SDKS, sleep, type Sdk } from '../harness/browser';
import { describeHeap, heapsOf, totalBytes } from '../harness/heap';
import type { BenchEnv, Measurement } from '../types';

const FEATURES = 50_000;
const RUNS = 2;
const CUSTOMER = 'customer-demo-01';

export async function largeCatalog({ browser, site, log }: BenchEnv): Promise<Measurement[]> {
  const emulator = await benchEmulator(writeLargeCatalog(FEATURES));
  const tasks = { gatehouse: [], official: [] } as Record<Sdk, number[]>;
  const heapAll = { gatehouse: [], official: [] } as Record<Sdk, number[]>;
  const heapPage = { gatehouse: [], official: [] } as Record<Sdk, number[]>;
  try {
    for (let run = 0; run < RUNS; run += 1) {
      for (const sdk of SDKS) {
        const context = await browser.newContext();
        try {
          const url = pageUrl(site.url, sdk, emulator.url, { customerId: CUSTOMER, featureId: METERED_BENCH_FEATURE });
          const page = await openSettledPage(context, url, `${sdk} with ${FEATURES} features`);
          const value = 100 + run;
          await emulator.setUsage(CUSTOMER, METERED_BENCH_FEATURE, value);
          await page.evaluate(
            async ([featureId, value]) => {
              const shown = window.bench.waitFor(featureId as string, 'currentUsage', value as number, 30_000);
              await window.bench.client.refresh();
              if ((await shown) === null) throw new Error('the refreshed value never showed');
            },
            [METERED_BENCH_FEATURE, value] as const,
          );
          await sleep(1_000);
          const long = await page.evaluate(() => window.bench.longTasks.map((t) => Math.round(t.duration)));
          tasks[sdk].push(long.length);
          const heaps = await heapsOf(browser, page, site.url);
          const pages = heaps.filter((heap) => heap.type === 'page');
          const hosts = sdk === 'gatehouse' ? heaps : pages;
          heapPage[sdk].push(pages[0]!.usedBytes);
          heapAll[sdk].push(totalBytes(hosts));
          log(
            `${FEATURES} features ${sdk}: ${long.length} long tasks (${long.join(', ')} ms); memory ${hosts.map(describeHeap).join(' + ')} MB`,
          );
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await emulator.close();
  }
  return [
    {
      name: 'long_tasks_50000_features',
      unit: 'tasks',
      goal: '0',
      gatehouse: tasks.gatehouse,
      official: tasks.official,
      note: 'first visit until settled, then refresh() until the getter shows the new usage; script start-up included',
    },
    { name: 'heap_page_bytes_50000_features', unit: 'B', goal: '(info)', gatehouse: heapPage.gatehouse, official: heapPage.official, note: 'page; V8 heap in use + backing stores (ArrayBuffers, external strings), after GC' },
    {
      name: 'heap_all_bytes_50000_features',
      unit: 'B',
      goal: '≤ official',
      gatehouse: heapAll.gatehouse,
      official: heapAll.official,
      note: 'gatehouse: page + metering worker + service worker; official: its page; V8 heap in use + backing stores (ArrayBuffers, external strings), after GC',
    },
  ];
}
