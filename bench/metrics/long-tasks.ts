// long_tasks_5000_features: main-thread long tasks (> 50 ms) while a 5,000-feature
// snapshot arrives and is evaluated: from refresh() (the server's data changed) until
// the getter shows the change. Also (info) on a reload, from navigation start until the
// first real answer: script start-up plus the stored or fetched snapshot's evaluation.
import type { Page } from '@playwright/test';
import { writeLargeCatalog, METERED_BENCH_FEATURE } from '../harness/catalog';
import { benchEmulator } from '../harness/emulator';
import { firstRealAnswer, openSettledPage, pageUrl, SDKS, sleep, type Sdk } from '../harness/browser';
import type { BenchEnv, Measurement } from '../types';

const FEATURES = 5_000;
const RUNS = 3;
const CUSTOMER = 'customer-demo-01';

interface Window {
  count: number;
  longestMs: number;
}

/** Long tasks the page observed that started within [from, to] (performance.now()). */
function longTasksBetween(page: Page, from: number, to: number): Promise<Window> {
  return page.evaluate(
    ([from, to]) => {
      const tasks = window.bench.longTasks.filter((t) => t.startTime >= from! && t.startTime <= to!);
      return { count: tasks.length, longestMs: Math.max(0, ...tasks.map((t) => t.duration)) };
    },
    [from, to],
  );
}

export async function longTasks({ browser, site, log }: BenchEnv): Promise<Measurement[]> {
  const emulator = await benchEmulator(writeLargeCatalog(FEATURES));
  const refresh = {} as Record<Sdk, number[]>;
  const reload = {} as Record<Sdk, number[]>;
  try {
    for (const sdk of SDKS) {
      const context = await browser.newContext();
      try {
        const url = pageUrl(site.url, sdk, emulator.url, { customerId: CUSTOMER, featureId: METERED_BENCH_FEATURE });
        const page = await openSettledPage(context, url, `${sdk} with ${FEATURES} features`);
        refresh[sdk] = [];
        const details: string[] = [];
        for (let run = 0; run < RUNS; run += 1) {
          const value = 10 + run;
          await emulator.setUsage(CUSTOMER, METERED_BENCH_FEATURE, value);
          const window_ = await page.evaluate(
            async ([featureId, value]) => {
              const from = performance.now();
              const shown = window.bench.waitFor(featureId as string, 'currentUsage', value as number, 20_000);
              await window.bench.client.refresh();
              if ((await shown) === null) throw new Error('the refreshed value never showed');
              await new Promise((resolve) => setTimeout(resolve, 100)); // let a task in progress be reported
              return { from, to: performance.now() };
            },
            [METERED_BENCH_FEATURE, value] as const,
          );
          const tasks = await longTasksBetween(page, window_.from, window_.to);
          refresh[sdk].push(tasks.count);
          details.push(`${tasks.count} (longest ${Math.round(tasks.longestMs)} ms, ${Math.round(window_.to - window_.from - 100)} ms to show)`);
          await sleep(500);
        }
        reload[sdk] = [];
        for (let run = 0; run < RUNS; run += 1) {
          await page.reload();
          const at = await firstRealAnswer(page, 30_000);
          if (at === null) throw new Error(`${sdk}: a reload got no answer with ${FEATURES} features`);
          await sleep(100);
          reload[sdk].push((await longTasksBetween(page, 0, at)).count);
          await sleep(500);
        }
        log(`long tasks ${sdk}: refresh ${details.join('; ')}; reload ${reload[sdk].join(', ')}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await emulator.close();
  }
  return [
    { name: 'long_tasks_5000_features', unit: 'tasks', goal: '0', gatehouse: refresh.gatehouse, official: refresh.official, note: 'refresh() → getter shows the new value' },
    { name: 'long_tasks_5000_features_reload', unit: 'tasks', goal: '(info)', gatehouse: reload.gatehouse, official: reload.official, note: 'reload → first real answer' },
  ];
}
