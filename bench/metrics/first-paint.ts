// first_paint_real_answer: a first visit (nothing stored) to a React page with entitlement
// gates, the emulator answering after 1 s. Gatehouse: examples/react-ssr, server-rendered
// with a bootstrap the server fetched from the edge endpoint (through the same latency).
// The official SDK: the same gates under @stigg/react-sdk (bench/pages/react-official),
// rendered in the browser, as it has no bootstrap. Each visit records the numeric gate's
// text at every DOM change from the parser's first insertion on (a paint follows within a
// frame): whether the first gate shown was a real answer, and when the first real one appeared.
import type { Browser } from '@playwright/test';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { buildExampleClient } from '../../examples/react-ssr/build';
import { createExampleServer } from '../../examples/react-ssr/server';
import { createStaticServer } from '../../scripts/static-server';
import { benchEmulator } from '../harness/emulator';
import type { BenchEnv, Measurement } from '../types';

const LATENCY_MS = 1_000;
const VISITS = 5;
const OFFICIAL_ROOT = fileURLToPath(new URL('../pages/react-official', import.meta.url));
const OFFICIAL_OUT = fileURLToPath(new URL('../../dist/bench-react-official', import.meta.url));

interface Visit {
  firstIsReal: boolean;
  realAtMs: number;
}

async function firstVisit(browser: Browser, url: string): Promise<Visit> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const gates: { at: number; text: string }[] = [];
      (window as unknown as { __gates: typeof gates }).__gates = gates;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="numeric"]')?.textContent;
        if (text && gates.at(-1)?.text !== text) gates.push({ at: performance.now(), text });
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await page.goto(url);
    const gates = await page
      .waitForFunction(() => {
        const gates = (window as unknown as { __gates: { at: number; text: string }[] }).__gates;
        return gates.some((gate) => gate.text.includes('"isFallback":false')) && gates;
      }, null, { timeout: 20_000 })
      .then((handle) => handle.jsonValue() as Promise<{ at: number; text: string }[]>);
    const real = gates.find((gate) => gate.text.includes('"isFallback":false'))!;
    return { firstIsReal: gates[0] === real || gates[0]!.text === real.text, realAtMs: real.at };
  } finally {
    await context.close();
  }
}

async function listen(server: ReturnType<typeof createStaticServer>): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function firstPaint({ browser, log }: BenchEnv): Promise<Measurement[]> {
  await buildExampleClient();
  await build({ configFile: false, root: OFFICIAL_ROOT, logLevel: 'error', build: { outDir: OFFICIAL_OUT, emptyOutDir: true, chunkSizeWarningLimit: 8192 } });
  const emulator = await benchEmulator();
  const gatehouseServer = createExampleServer({ apiUrl: emulator.url });
  const officialServer = createStaticServer(OFFICIAL_OUT);
  try {
    await emulator.setFaults({ latencyMs: LATENCY_MS });
    const urls = {
      gatehouse: `${await listen(gatehouseServer)}/?customerId=customer-demo-01`,
      official: `${await listen(officialServer)}/?${new URLSearchParams({ emulator: emulator.url })}`,
    };
    const visits: Record<keyof typeof urls, Visit[]> = { gatehouse: [], official: [] };
    for (let i = 0; i < VISITS; i += 1) {
      for (const sdk of ['gatehouse', 'official'] as const) visits[sdk].push(await firstVisit(browser, urls[sdk]));
    }
    for (const [sdk, list] of Object.entries(visits)) {
      log(`first paint ${sdk}: real first ${list.map((v) => Number(v.firstIsReal)).join(', ')}; real at ${list.map((v) => Math.round(v.realAtMs)).join(', ')} ms`);
    }
    return [
      {
        name: 'first_paint_real_answer',
        unit: '0/1',
        goal: '1 (official: 0)',
        gatehouse: visits.gatehouse.map((v) => Number(v.firstIsReal)),
        official: visits.official.map((v) => Number(v.firstIsReal)),
        note: `first visit, React: the first gate painted is a real answer (Gatehouse SSR with bootstrap; official under @stigg/react-sdk), latency ${LATENCY_MS} ms`,
      },
      {
        name: 'first_paint_real_answer_ms',
        unit: 'ms',
        goal: '(info)',
        gatehouse: visits.gatehouse.map((v) => v.realAtMs),
        official: visits.official.map((v) => v.realAtMs),
        note: 'navigation start → first real answer in the DOM (Gatehouse includes its server fetching the bootstrap)',
      },
    ];
  } finally {
    await Promise.all([gatehouseServer, officialServer].map((server) => new Promise((resolve) => server.close(resolve))));
    await emulator.close();
  }
}
