// heap_page_bytes_5000_features: the page's memory in use, after a full garbage
// collection, once a 5,000-feature customer is loaded and answering: the V8 heap in use
// plus the backing stores of ArrayBuffers and external strings (script sources, texts
// handed over whole), which the V8 heap figure leaves out (bench/harness/heap.ts); both
// SDKs alike.
// heap_all_bytes_5000_features: the same over every host the SDK runs on: Gatehouse's
// page, metering worker and service worker; the official SDK's page, its only host (the
// bench's shell service worker on its origin is not part of it, so it is not counted).
// heap_*_bytes_baseline: the same with a 20-feature customer: what the code and the hosts
// cost with next to no data, so the 5,000-feature figures read as code + data.
import { writeLargeCatalog, METERED_BENCH_FEATURE } from '../harness/catalog';
import { benchEmulator } from '../harness/emulator';
import { openSettledPage, pageUrl, SDKS, type Sdk } from '../harness/browser';
import { describeHeap, heapsOf, totalBytes } from '../harness/heap';
import type { BenchEnv, Measurement } from '../types';

const FEATURES = 5_000;
const BASELINE_FEATURES = 20;
const RUNS = 3;
const BASELINE_RUNS = 2;
const CUSTOMER = 'customer-demo-01';

/** "page 1.50 (0.10 outside the V8 heap)": the host's total, and its part in backing stores. */

interface Readings {
  page: Record<Sdk, number[]>;
  all: Record<Sdk, number[]>;
}

/** The page's and every host's memory, `runs` times per SDK, each in a new context. */
async function readHosts({ browser, site, log }: BenchEnv, features: number, runs: number): Promise<Readings> {
  const emulator = await benchEmulator(writeLargeCatalog(features));
  const readings: Readings = { page: { gatehouse: [], official: [] }, all: { gatehouse: [], official: [] } };
  try {
    for (const sdk of SDKS) {
      const details: string[] = [];
      const url = pageUrl(site.url, sdk, emulator.url, { customerId: CUSTOMER, featureId: METERED_BENCH_FEATURE });
      for (let run = 0; run < runs; run += 1) {
        const context = await browser.newContext();
        try {
          const opened = await openSettledPage(context, url, `${sdk} with ${features} features`);
          const heaps = await heapsOf(browser, opened, site.url);
          const pages = heaps.filter((heap) => heap.type === 'page');
          if (pages.length !== 1) throw new Error(`${sdk}: expected one bench page, found ${pages.length}`);
          const hosts = sdk === 'gatehouse' ? heaps : pages;
          if (sdk === 'gatehouse' && !['worker', 'service_worker'].every((type) => heaps.some((heap) => heap.type === type))) {
            throw new Error(`gatehouse: its metering worker and service worker should both be running (found ${heaps.map((h) => h.type).join(', ')})`);
          }
          readings.page[sdk].push(pages[0]!.usedBytes);
          readings.all[sdk].push(totalBytes(hosts));
          details.push(hosts.map(describeHeap).join(' + '));
        } finally {
          await context.close();
        }
      }
      log(`memory ${sdk}, ${features} features (MB): ${details.join('; ')}`);
    }
  } finally {
    await emulator.close();
  }
  return readings;
}

const COUNTED = 'V8 heap in use + backing stores (ArrayBuffers, external strings), after GC';
const ALL_HOSTS = 'gatehouse: page + metering worker + service worker; official: its page';

export async function memory(env: BenchEnv): Promise<Measurement[]> {
  const baseline = await readHosts(env, BASELINE_FEATURES, BASELINE_RUNS);
  const large = await readHosts(env, FEATURES, RUNS);
  return [
    {
      name: 'heap_page_bytes_baseline',
      unit: 'B',
      goal: '(info)',
      gatehouse: baseline.page.gatehouse,
      official: baseline.page.official,
      note: `page, ${BASELINE_FEATURES} features: what the code costs; ${COUNTED}`,
    },
    {
      name: 'heap_all_bytes_baseline',
      unit: 'B',
      goal: '(info)',
      gatehouse: baseline.all.gatehouse,
      official: baseline.all.official,
      note: `${BASELINE_FEATURES} features; ${ALL_HOSTS}; ${COUNTED}`,
    },
    {
      name: 'heap_page_bytes_5000_features',
      unit: 'B',
      goal: '≤ 0.3 × official',
      gatehouse: large.page.gatehouse,
      official: large.page.official,
      note: `page; ${COUNTED}`,
    },
    {
      name: 'heap_all_bytes_5000_features',
      unit: 'B',
      goal: '≤ 0.6 × official',
      gatehouse: large.all.gatehouse,
      official: large.all.official,
      note: `${ALL_HOSTS}; ${COUNTED}`,
    },
  ];
}
