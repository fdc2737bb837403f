// The memory in use on each host of an origin (pages, dedicated workers, service workers),
// after a full garbage collection, read over the Chrome DevTools Protocol: the V8 heap in
// use (`Runtime.getHeapUsage().usedSize`) plus what lives outside it
// (`backingStorageSize`: the bytes of ArrayBuffers and of external strings, such as script
// sources and texts the browser handed over whole; usedSize counts neither). Both SDKs
// are read alike. A browser-level session reaches workers too:
// Playwright opens CDP sessions on pages only.
import type { Browser, CDPSession, Page } from '@playwright/test';

export type HostType = 'page' | 'worker' | 'service_worker';

export interface HostHeap {
  type: HostType;
  url: string;
  /** V8 heap in use after GC (`usedSize`). */
  jsHeapBytes: number;
  /** Backing stores of ArrayBuffers and external strings (`backingStorageSize`), outside the V8 heap. */
  backingStoreBytes: number;
  /** What the host holds: jsHeapBytes + backingStoreBytes. */
  usedBytes: number;
}

const HOST_TYPES: readonly string[] = ['page', 'worker', 'service_worker'] satisfies HostType[];

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(2);
/** A host's memory as the bench logs it, in MiB. */
export const describeHeap = (heap: HostHeap): string =>
  `${heap.type} ${mb(heap.usedBytes)}${heap.backingStoreBytes ? ` (${mb(heap.backingStoreBytes)} outside the V8 heap)` : ''}`;

/** Memory of several hosts together. */
export const totalBytes = (heaps: readonly HostHeap[]): number => heaps.reduce((total, heap) => total + heap.usedBytes, 0);

const REPLY_TIMEOUT_MS = 10_000;
const ATTEMPTS = 3;

/**
 * Every host of `page`'s browser context whose URL starts with `origin`, with its heap in
 * use after a garbage collection. A target that stops while measured (a worker going away)
 * never replies: each reply has a deadline, and the whole reading is taken again, up to
 * three times.
 */
export async function heapsOf(browser: Browser, page: Page, origin: string): Promise<HostHeap[]> {
  const session = await page.context().newCDPSession(page);
  const { targetInfo } = await session.send('Target.getTargetInfo');
  await session.detach();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await readHeaps(browser, targetInfo.browserContextId, origin);
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

async function readHeaps(browser: Browser, contextId: string | undefined, origin: string): Promise<HostHeap[]> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const hosts = targetInfos.filter((t) => t.browserContextId === contextId && HOST_TYPES.includes(t.type) && t.url.startsWith(origin));
    const heaps: HostHeap[] = [];
    for (const host of hosts) {
      const { jsHeapBytes, backingStoreBytes } = await usageAfterGc(cdp, host.targetId);
      heaps.push({ type: host.type as HostType, url: host.url, jsHeapBytes, backingStoreBytes, usedBytes: jsHeapBytes + backingStoreBytes });
    }
    return heaps;
  } finally {
    await cdp.detach();
  }
}

/** Talks to one target through the browser session (attached without flattening, so replies come back as events). */
async function usageAfterGc(cdp: CDPSession, targetId: string): Promise<{ jsHeapBytes: number; backingStoreBytes: number }> {
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
  const replies = new Map<number, (reply: { result?: unknown; error?: { message: string } }) => void>();
  const onMessage = (event: { sessionId?: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const reply = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (reply.id !== undefined) replies.get(reply.id)?.(reply);
  };
  cdp.on('Target.receivedMessageFromTarget', onMessage);
  let nextId = 0;
  const call = async (method: string): Promise<unknown> => {
    const id = ++nextId;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reply = new Promise<{ result?: unknown; error?: { message: string } }>((resolve, reject) => {
      replies.set(id, resolve);
      timer = setTimeout(() => reject(new Error(`${method} on ${targetId}: no reply within ${REPLY_TIMEOUT_MS} ms`)), REPLY_TIMEOUT_MS);
    });
    reply.catch(() => undefined); // awaited below; a deadline passing before then is no crash
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    const { result, error } = await reply.finally(() => clearTimeout(timer));
    if (error) throw new Error(`${method} on ${targetId}: ${error.message}`);
    return result;
  };
  try {
    await call('HeapProfiler.collectGarbage');
    const usage = (await call('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
    if (typeof usage.backingStorageSize !== 'number') {
      throw new Error(`Runtime.getHeapUsage on ${targetId}: no backingStorageSize (an older Chromium): ArrayBuffers and external strings would go uncounted`);
    }
    return { jsHeapBytes: usage.usedSize, backingStoreBytes: usage.backingStorageSize };
  } finally {
    cdp.off('Target.receivedMessageFromTarget', onMessage);
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
  }
}
