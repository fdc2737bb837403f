// warm_start_ms and offline_reload_real_answer: a returning visit. First visit seeds
// whatever the SDK keeps (Gatehouse: the SW and IndexedDB; the official: nothing but the
// page shell in the SW), then reloads are timed from navigation start to the first
// non-fallback answer, the emulator answering after 300 ms. Then the same offline.
import type { Browser } from '@playwright/test';
import { benchEmulator } from '../harness/emulator';
import { firstRealAnswer, openBenchPage, pageUrl, SDKS, sleep, type Sdk } from '../harness/browser';
import type { BenchEnv, Measurement } from '../types';

const LATENCY_MS = 300;
const ONLINE_RELOADS = 7;
const OFFLINE_RELOADS = 3;
const ANSWER_TIMEOUT_MS = 10_000;

interface Visits {
  online: number[];
  offline: number[];
  offlineAnswered: number[];
}

async function returningVisits(browser: Browser, siteUrl: string, emulatorUrl: string, sdk: Sdk): Promise<Visits> {
  const context = await browser.newContext();
  try {
    const page = await openBenchPage(context, pageUrl(siteUrl, sdk, emulatorUrl));
    if ((await firstRealAnswer(page, ANSWER_TIMEOUT_MS)) === null) throw new Error(`${sdk}: the first visit got no real answer`);
    await sleep(1_000); // let the engine store what it fetched
    await page.reload(); // untimed: the SW now controls the page and has its shell cached
    await firstRealAnswer(page, ANSWER_TIMEOUT_MS);
    const visits: Visits = { online: [], offline: [], offlineAnswered: [] };
    for (let i = 0; i < ONLINE_RELOADS; i += 1) {
      await page.reload();
      const at = await firstRealAnswer(page, ANSWER_TIMEOUT_MS);
      if (at === null) throw new Error(`${sdk}: a reload got no real answer`);
      visits.online.push(at);
      await sleep(200);
    }
    await context.setOffline(true);
    for (let i = 0; i < OFFLINE_RELOADS; i += 1) {
      const loaded = await page.reload().then(
        () => true,
        () => false, // the page itself did not load offline
      );
      const at = loaded ? await firstRealAnswer(page, 3_000) : null;
      visits.offlineAnswered.push(at === null ? 0 : 1);
      if (at !== null) visits.offline.push(at);
    }
    return visits;
  } finally {
    await context.close();
  }
}

export async function warmStart({ browser, site, log }: BenchEnv): Promise<Measurement[]> {
  const emulator = await benchEmulator();
  try {
    await emulator.setFaults({ latencyMs: LATENCY_MS });
    const bySdk = {} as Record<Sdk, Visits>;
    for (const sdk of SDKS) {
      bySdk[sdk] = await returningVisits(browser, site.url, emulator.url, sdk);
      log(`warm start ${sdk}: online ${bySdk[sdk].online.map(Math.round).join(', ')} ms; offline answers ${bySdk[sdk].offlineAnswered.join(', ')}`);
    }
    return [
      {
        name: 'warm_start_ms',
        unit: 'ms',
        goal: '≤ 0.1 × official',
        gatehouse: bySdk.gatehouse.online,
        official: bySdk.official.online,
        note: `reload → first non-fallback getMeteredEntitlement, emulator latency ${LATENCY_MS} ms`,
      },
      {
        name: 'offline_reload_real_answer',
        unit: '0/1',
        goal: '1 (official: 0)',
        gatehouse: bySdk.gatehouse.offlineAnswered,
        official: bySdk.official.offlineAnswered,
      },
      {
        name: 'offline_reload_ms',
        unit: 'ms',
        goal: '(info)',
        gatehouse: bySdk.gatehouse.offline,
        official: bySdk.official.offline.length ? bySdk.official.offline : null,
        note: 'offline reload → first real answer',
      },
    ];
  } finally {
    await emulator.close();
  }
}
