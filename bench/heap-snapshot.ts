// `npx tsx bench/heap-snapshot.ts [gatehouse|official|blank] [features] [outDir]`: opens a
// bench page (dist/bench, built here from dist/: `npm run build` first) against an emulator with that many
// features, lets it settle as the memory metric does, then writes a V8 heap snapshot of
// every host of its origin (page, metering worker, service worker) and prints what each
// holds by category (bench/harness/heap-summary.ts). `blank` is the site's index page: no
// script, same origin, the floor a page costs in this Chromium.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession } from '@playwright/test';
import { launchBrowser, openSettledPage, pageUrl, sleep } from './harness/browser';
import { METERED_BENCH_FEATURE, writeLargeCatalog } from './harness/catalog';
import { benchEmulator } from './harness/emulator';
import { heapsOf } from './harness/heap';
import { formatSummary, summarizeSnapshot } from './harness/heap-summary';
import { buildSite, serveSite } from './harness/site';

const [which = 'gatehouse', featuresArg = '20', outDir = 'dist/heap-snapshots'] = process.argv.slice(2);
const features = Number(featuresArg);
mkdirSync(outDir, { recursive: true });

await buildSite(); // dist/bench from the current dist/ (npm run build first)
await buildSite(); // dist/bench from the current dist/ (npm run build first)
const site = await serveSite();
const emulator = await benchEmulator(writeLargeCatalog(features));
const browser = await launchBrowser();
try {
  const context = await browser.newContext();
  const page =
    which === 'blank'
      ? await context.newPage().then(async (p) => {
          await p.goto(`${site.url}/index.html`);
          await p.evaluate(() => document.title); // Playwright's utility script, as on the bench pages
          await sleep(1_500);
          return p;
        })
      : await openSettledPage(
          context,
          pageUrl(site.url, which as 'gatehouse' | 'official', emulator.url, { customerId: 'customer-demo-01', featureId: METERED_BENCH_FEATURE }),
          which,
        );
  const heaps = await heapsOf(browser, page, site.url);
  const session = await page.context().newCDPSession(page);
  const { targetInfo } = await session.send('Target.getTargetInfo');
  await session.detach();
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const hosts = targetInfos.filter(
    (t) => t.browserContextId === targetInfo.browserContextId && ['page', 'worker', 'service_worker'].includes(t.type) && t.url.startsWith(site.url),
  );
  for (const host of hosts) {
    const text = await snapshotOf(cdp, host.targetId);
    const file = join(outDir, `${which}-${features}-${host.type}.heapsnapshot`);
    writeFileSync(file, text);
    const reading = heaps.find((h) => h.url === host.url && h.type === host.type);
    console.log(
      `\n## ${which} ${host.type} (${features} features) ${host.url}\n` +
        `usedSize ${reading?.jsHeapBytes.toLocaleString('en-US')} B, backing stores ${reading?.backingStoreBytes.toLocaleString('en-US')} B; snapshot ${file}`,
    );
    console.log(formatSummary(summarizeSnapshot(JSON.parse(text))));
  }
  await cdp.detach();
} finally {
  await browser.close();
  await emulator.close();
  await site.close();
}
process.exit(0);

/** A heap snapshot of one target, through the browser session (as bench/harness/heap.ts talks to targets). */
async function snapshotOf(cdp: CDPSession, targetId: string): Promise<string> {
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
  const chunks: string[] = [];
  let done: (reply: { error?: { message: string } }) => void = () => undefined;
  const finished = new Promise<{ error?: { message: string } }>((resolve) => (done = resolve));
  const onMessage = (event: { sessionId?: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; method?: string; params?: { chunk: string }; error?: { message: string } };
    if (message.method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(message.params!.chunk);
    if (message.id === 2) done(message);
  };
  cdp.on('Target.receivedMessageFromTarget', onMessage);
  try {
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }) });
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 2, method: 'HeapProfiler.takeHeapSnapshot', params: { reportProgress: false, exposeInternals: true } }),
    });
    const reply = await finished;
    if (reply.error) throw new Error(reply.error.message);
    return chunks.join('');
  } finally {
    cdp.off('Target.receivedMessageFromTarget', onMessage);
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
  }
}
