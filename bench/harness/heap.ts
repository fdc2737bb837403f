// The JS heap in use on each host of an origin (pages, dedicated workers, service
// workers), after a full garbage collection, read over the Chrome DevTools Protocol. A
// browser-level session reaches workers too: Playwright opens CDP sessions on pages only.
import type { Browser, CDPSession } from '@playwright/test';

export type HostType = 'page' | 'worker' | 'service_worker';

export interface HostHeap {
  type: HostType;
  url: string;
  usedBytes: number;
}

const HOST_TYPES: readonly string[] = ['page', 'worker', 'service_worker'] satisfies HostType[];

/** Every host whose URL starts with `origin`, with its heap in use after a garbage collection. */
export async function heapsOf(browser: Browser, origin: string): Promise<HostHeap[]> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const hosts = targetInfos.filter((t) => HOST_TYPES.includes(t.type) && t.url.startsWith(origin));
    const heaps: HostHeap[] = [];
    for (const host of hosts) {
      heaps.push({ type: host.type as HostType, url: host.url, usedBytes: await usedHeapAfterGc(cdp, host.targetId) });
    }
    return heaps;
  } finally {
    await cdp.detach();
  }
}

/** Talks to one target through the browser session (attached without flattening, so replies come back as events). */
async function usedHeapAfterGc(cdp: CDPSession, targetId: string): Promise<number> {
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
    const reply = new Promise<{ result?: unknown; error?: { message: string } }>((resolve) => replies.set(id, resolve));
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    const { result, error } = await reply;
    if (error) throw new Error(`${method} on ${targetId}: ${error.message}`);
    return result;
  };
  try {
    await call('HeapProfiler.collectGarbage');
    const { usedSize } = (await call('Runtime.getHeapUsage')) as { usedSize: number };
    return usedSize;
  } finally {
    cdp.off('Target.receivedMessageFromTarget', onMessage);
    await cdp.send('Target.detachFromTarget', { sessionId });
  }
}
