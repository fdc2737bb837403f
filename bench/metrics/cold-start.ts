// cold_start_ms and cold_start_latency300_ms: a first visit, nothing stored yet (a fresh
// browser context: no service worker, no IndexedDB, no HTTP cache), navigation start →
// first non-fallback getMeteredEntitlement answer, at emulator latency 0 and 300 ms. The
// SDKs alternate run by run so a slow moment of the machine falls on both. Each SDK's
// median timeline of the phases (bench/harness/timeline.ts) is printed and kept in the note.
import { benchEmulator } from '../harness/emulator';
import { firstRealAnswer, openBenchPage, pageUrl, SDKS, type Sdk } from '../harness/browser';
import { formatTimeline, medianTimeline, readTimeline, type Phase } from '../harness/timeline';
import type { BenchEnv, Measurement } from '../types';

const RUNS = 7;
const LATENCIES = [0, 300] as const;
const ANSWER_TIMEOUT_MS = 15_000;

export async function coldStart({ browser, site, log }: BenchEnv): Promise<Measurement[]> {
  const measurements: Measurement[] = [];
  for (const latencyMs of LATENCIES) {
    const emulator = await benchEmulator();
    const samples = { gatehouse: [], official: [] } as Record<Sdk, number[]>;
    const timelines = { gatehouse: [], official: [] } as Record<Sdk, Phase[][]>;
    try {
      await emulator.setFaults({ latencyMs });
      for (let run = 0; run < RUNS; run += 1) {
        for (const sdk of SDKS) {
          const context = await browser.newContext();
          try {
            const page = await openBenchPage(context, pageUrl(site.url, sdk, emulator.url));
            const at = await firstRealAnswer(page, ANSWER_TIMEOUT_MS);
            if (at === null) throw new Error(`${sdk}: a first visit got no real answer (latency ${latencyMs} ms)`);
            samples[sdk].push(at);
            timelines[sdk].push(await readTimeline(page));
          } finally {
            await context.close();
          }
        }
      }
    } finally {
      await emulator.close();
    }
    const notes: string[] = [];
    for (const sdk of SDKS) {
      const timeline = formatTimeline(medianTimeline(timelines[sdk]));
      log(`cold start ${sdk}, latency ${latencyMs} ms: ${samples[sdk].map(Math.round).join(', ')} ms; median timeline: ${timeline}`);
      notes.push(`${sdk} timeline (ms, medians): ${timeline}`);
    }
    measurements.push({
      name: latencyMs ? `cold_start_latency${latencyMs}_ms` : 'cold_start_ms',
      unit: 'ms',
      goal: '≤ 0.5 × official',
      gatehouse: samples.gatehouse,
      official: samples.official,
      note: `first visit, fresh context, emulator latency ${latencyMs} ms. ${notes.join(' | ')}`,
    });
  }
  return measurements;
}
