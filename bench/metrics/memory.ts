// heap_page_bytes_5000_features: the page's JS heap in use, after a full garbage
// collection, once a 5,000-feature customer is loaded and answering.
// heap_all_bytes_5000_features: the same over every host the SDK runs on: Gatehouse's
// page, metering worker and service worker; the official SDK's page, its only host (the
// bench's shell service worker on its origin is not part of it, so it is not counted).
import { writeLargeCatalog, METERED_BENCH_FEATURE } from '../harness/catalog';
import { benchEmulator } from '../harness/emulator';
import { openSettledPage, pageUrl, SDKS, type Sdk } from '../harness/browser';
import { heapsOf, type HostHeap } from '../harness/heap';
import type { BenchEnv, Measurement } from '../types';

const FEATURES = 5_000;
const RUNS = 3;
const CUSTOMER = 'customer-demo-01';

const sum = (heaps: HostHeap[]) => heaps.reduce((total, heap) => total + heap.usedBytes, 0);
const mb = (bytes: number) => (bytes / 1_048_576).toFixed(2);

export async function memory({ browser, site, log }: BenchEnv): Promise<Measurement[]> {
  const emulator = await benchEmulator(writeLargeCatalog(FEATURES));
  const page = {} as Record<Sdk, number[]>;
  const all = {} as Record<Sdk, number[]>;
  try {
    for (const sdk of SDKS) {
      page[sdk] = [];
      all[sdk] = [];
      const details: string[] = [];
      const url = pageUrl(site.url, sdk, emulator.url, { customerId: CUSTOMER, featureId: METERED_BENCH_FEATURE });
      for (let run = 0; run < RUNS; run += 1) {
        const context = await browser.newContext();
        try {
          const opened = await openSettledPage(context, url, `${sdk} with ${FEATURES} features`);
          const heaps = await heapsOf(browser, opened, site.url);
          const pages = heaps.filter((heap) => heap.type === 'page');
          if (pages.length !== 1) throw new Error(`${sdk}: expected one bench page, found ${pages.length}`);
          const hosts = sdk === 'gatehouse' ? heaps : pages;
          if (sdk === 'gatehouse' && !['worker', 'service_worker'].every((type) => heaps.some((heap) => heap.type === type))) {
            throw new Error(`gatehouse: its metering worker and service worker should both be running (found ${heaps.map((h) => h.type).join(', ')})`);
          }
          page[sdk].push(pages[0]!.usedBytes);
          all[sdk].push(sum(hosts));
          details.push(hosts.map((heap) => `${heap.type} ${mb(heap.usedBytes)}`).join(' + '));
        } finally {
          await context.close();
        }
      }
      log(`heap ${sdk} (MB): ${details.join('; ')}`);
    }
  } finally {
    await emulator.close();
  }
  return [
    { name: 'heap_page_bytes_5000_features', unit: 'B', goal: '(info)', gatehouse: page.gatehouse, official: page.official, note: 'page JS heap after GC' },
    {
      name: 'heap_all_bytes_5000_features',
      unit: 'B',
      goal: '(info)',
      gatehouse: all.gatehouse,
      official: all.official,
      note: 'gatehouse: page + metering worker + service worker; official: its page',
    },
  ];
}
