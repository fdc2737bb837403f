// `npx tsx bench/trace-large-catalog.ts [features] [--no-build]`: the large-catalog scenario
// (bench/metrics/large-catalog.ts: a first visit until settled, then refresh() until the
// getter shows new usage) for Gatehouse alone, under a Chromium performance trace. Lists
// every main-thread long task (> 50 ms) with what it ran: the trace's own events
// (script evaluation, compile, GC, message and IndexedDB dispatch) and the functions the
// CPU profiler sampled most in it. Builds unminified (dist/ must be rebuilt before a
// measuring bench run). Writes the raw trace to /tmp for DevTools; `--report` re-reads it.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeLargeCatalog, METERED_BENCH_FEATURE } from './harness/catalog';
import { benchEmulator } from './harness/emulator';
import { launchBrowser, openSettledPage, pageUrl, sleep } from './harness/browser';
import { serveSite } from './harness/site';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const args = process.argv.slice(2);
const features = Number(args.find((a) => !a.startsWith('--')) ?? 50_000);
const TRACE = `/tmp/gatehouse-trace-${features}.json`;
const LONG_MS = 50;

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: { name?: string; data?: Record<string, unknown> & { cpuProfile?: CpuProfile; timeDeltas?: number[]; startTime?: number; url?: string; type?: string } };
}
interface CpuProfile {
  nodes?: { id: number; parent?: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
}

if (args.includes('--report')) {
  report(JSON.parse(readFileSync(TRACE, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[]);
  process.exit(0);
}
if (!args.includes('--no-build')) {
  execSync('npm run build', { stdio: ['ignore', 'ignore', 'inherit'] });
  // Readable function names in the profile: the service worker and the site unminified.
  execSync('npx vite build -c vite.sw.config.ts --minify false', { stdio: ['ignore', 'ignore', 'inherit'] });
}
await build({ configFile: fileURLToPath(new URL('./vite.bench.config.ts', import.meta.url)), build: { minify: false } });
const site = await serveSite();
const emulator = await benchEmulator(writeLargeCatalog(features));
const browser = await launchBrowser();
try {
  const context = await browser.newContext();
  const warmup = await context.newPage(); // tracing needs a page; the measured one is opened under it
  await browser.startTracing(warmup, {
    path: TRACE,
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'v8',
      'v8.execute',
      'disabled-by-default-v8.cpu_profiler',
      'blink',
      'IndexedDB',
      'toplevel',
    ],
  });
  const url = pageUrl(site.url, 'gatehouse', emulator.url, { customerId: 'customer-demo-01', featureId: METERED_BENCH_FEATURE });
  const page = await openSettledPage(context, url, `gatehouse with ${features} features`);
  await emulator.setUsage('customer-demo-01', METERED_BENCH_FEATURE, 100);
  await page.evaluate(async (featureId) => {
    const shown = window.bench.waitFor(featureId, 'currentUsage', 100, 30_000);
    await window.bench.client.refresh();
    if ((await shown) === null) throw new Error('the refreshed value never showed');
  }, METERED_BENCH_FEATURE);
  await sleep(1_000);
  const observed = await page.evaluate(() => window.bench.longTasks.map((t) => `${Math.round(t.startTime)}+${Math.round(t.duration)}`));
  await browser.stopTracing();
  await context.close();
  console.log(`page's long-task observer: ${observed.length} (${observed.join(', ')} ms)`);
  report(JSON.parse(readFileSync(TRACE, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[]);
  console.log(`trace: ${TRACE}`);
} finally {
  await browser.close();
  await emulator.close();
  await site.close();
}

function report(trace: { traceEvents: TraceEvent[] } | TraceEvent[]): void {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const threadNames = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const samples = profileSamples(events);
  const documentRequest = events.find((e) => e.name === 'ResourceSendRequest' && String(e.args?.data?.url ?? '').includes('/gatehouse.html'));
  const origin = documentRequest?.ts ?? 0;
  // The measured page's renderer: where its document was parsed (Chromium's own pages have others).
  const parsed = events.find((e) => e.name === 'ParseHTML' && JSON.stringify(e.args ?? {}).includes('/gatehouse.html'));
  const tasks = events.filter(
    (e) =>
      e.ph === 'X' &&
      e.name === 'RunTask' &&
      (e.dur ?? 0) > LONG_MS * 1000 &&
      (!parsed || e.pid === parsed.pid) &&
      /CrRendererMain|DedicatedWorker|ServiceWorker/.test(threadNames.get(`${e.pid}:${e.tid}`) ?? ''),
  );
  for (const task of tasks) {
    const thread = threadNames.get(`${task.pid}:${task.tid}`);
    const end = task.ts + (task.dur ?? 0);
    console.log(`\n${thread} at ${((task.ts - origin) / 1000).toFixed(0)} ms: ${((task.dur ?? 0) / 1000).toFixed(1)} ms`);
    // The task's own timeline events, by name, with their total duration (nested ones included).
    const inside = events.filter((e) => e.pid === task.pid && e.tid === task.tid && e.ph === 'X' && e !== task && e.ts >= task.ts && e.ts < end && (e.dur ?? 0) > 2000);
    const byName = new Map<string, number>();
    for (const e of inside) {
      const detail = e.args?.data?.url ? ` ${String(e.args.data.url).split('/').pop()}` : e.args?.data?.type ? ` ${e.args.data.type}` : '';
      const key = `${e.name}${detail}`;
      byName.set(key, (byName.get(key) ?? 0) + (e.dur ?? 0));
    }
    for (const [name, dur] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`    ${(dur / 1000).toFixed(1).padStart(7)} ms  ${name}`);
    // The CPU profile's samples in the task: self time by function, and by the innermost frame of our own code.
    const selfBy = new Map<string, number>();
    const oursBy = new Map<string, number>();
    let sampled = 0;
    for (const s of samples) {
      if (s.pid !== task.pid || s.tid !== task.tid || s.ts < task.ts || s.ts >= end) continue;
      sampled += s.dt;
      selfBy.set(s.leaf, (selfBy.get(s.leaf) ?? 0) + s.dt);
      oursBy.set(s.ours, (oursBy.get(s.ours) ?? 0) + s.dt);
    }
    if (!sampled) continue;
    const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([n, d]) => `${n} ${(d / 1000).toFixed(0)}`).join('; ');
    console.log(`    self (ms):  ${top(selfBy)}`);
    console.log(`    in (ms):    ${top(oursBy)}`);
  }
  console.log(`\n${tasks.filter((t) => threadNames.get(`${t.pid}:${t.tid}`) === 'CrRendererMain').length} main-thread long tasks in the trace (${tasks.length} with the workers')`);
}

/** Every CPU-profile sample as (thread, time, leaf function, innermost function of a script of ours). */
function profileSamples(events: TraceEvent[]) {
  const out: { pid: number; tid: number; ts: number; dt: number; leaf: string; ours: string }[] = [];
  const profiles = new Map<string, { pid: number; tid: number; time: number; nodes: Map<number, { parent?: number; name: string; url: string }> }>();
  for (const e of events) {
    if (e.name === 'Profile' && e.id) {
      profiles.set(`${e.pid}:${e.id}`, { pid: e.pid, tid: e.tid, time: Number(e.args?.data?.startTime ?? e.ts), nodes: new Map() });
    }
    if (e.name !== 'ProfileChunk' || !e.id) continue;
    const profile = profiles.get(`${e.pid}:${e.id}`);
    const data = e.args?.data;
    if (!profile || !data) continue;
    for (const node of data.cpuProfile?.nodes ?? []) {
      const name = node.callFrame.functionName || '(anonymous)';
      const url = node.callFrame.url ?? '';
      const file = url.split('/').pop() ?? '';
      profile.nodes.set(node.id, { ...(node.parent !== undefined ? { parent: node.parent } : {}), name: file ? `${name}@${file}:${node.callFrame.lineNumber}` : name, url });
    }
    const deltas = data.timeDeltas ?? [];
    (data.cpuProfile?.samples ?? []).forEach((id, i) => {
      profile.time += deltas[i] ?? 0;
      const node = profile.nodes.get(id);
      if (!node) return;
      let ours = node;
      let at: typeof node | undefined = node;
      while (at && !/\/assets\/|\.js/.test(at.url)) at = at.parent !== undefined ? profile.nodes.get(at.parent) : undefined;
      if (at) ours = at;
      out.push({ pid: profile.pid, tid: profile.tid, ts: profile.time, dt: deltas[i + 1] ?? deltas[i] ?? 0, leaf: node.name, ours: ours.name });
    });
  }
  return out;
}
