// A first visit: no service worker controls the page yet, so nothing is stored and the
// engine is not running. The page then sends the edge entitlements request itself, at
// once, and answers from it; the engine (service worker registration and start) and the
// metering worker wait until that answer is in, or at most DEFER_MS, so they do not
// compete with it for the network and the CPU. The engine then stores the answer the page
// hands it (core/protocol's PrefetchedEntitlements) instead of asking again.
//
// A large answer (a catalog of thousands of features) is decoded, parsed and turned into
// a snapshot in the metering worker, not on the main thread: its bytes move there (no
// copy) and come back with the snapshot, for the engine. The worker starts as soon as the
// answer is known to be large, and is the one evaluation moves to later. Small answers,
// and pages without a worker, are read on the page.
import type { EntitlementSnapshot } from '../core/model';
import type { Connection, PrefetchedEntitlements } from '../core/protocol';
import { fetchEdgeAnswer } from './first-fetch';
import { mark } from './timeline';

/** The engine and the metering worker start at most this long after the client. */
export const DEFER_MS = 1_000;

/** Answers larger than this are read in the metering worker, where there is one. */
export const LARGE_ANSWER_BYTES = 1024 * 1024;

/** Reads an answer's bytes in another host (the metering worker): its snapshot, and the bytes back. */
export type AnswerReader = (body: ArrayBuffer, receivedAt: number) => Promise<{ snapshot: EntitlementSnapshot | null; body: ArrayBuffer }>;

export interface FirstVisitOptions {
  now?: () => number;
  /** Gets the metering worker's reader ready; null when no worker can be had. Absent: every answer is read on the page. */
  offMainThread?: (() => Promise<AnswerReader | null>) | undefined;
}

/** The page's own answer: as it came (for the engine), and read (for the page's table). */
export interface FirstAnswer {
  prefetched: PrefetchedEntitlements;
  snapshot: EntitlementSnapshot;
}

export interface FirstVisit {
  /** Null when the request failed or its answer is not one: the engine then fetches as usual. */
  answer: Promise<FirstAnswer | null>;
  /** Resolves when the answer is in (or failed), or after DEFER_MS, whichever is first. */
  settled: Promise<void>;
}

/**
 * True where this load is a first visit as far as the engine goes: service workers exist
 * but none controls the page, and the browser is online.
 */
export function isFirstVisit(host: 'auto' | 'service-worker' | 'page'): boolean {
  return (
    host !== 'page' &&
    typeof navigator !== 'undefined' &&
    'serviceWorker' in navigator &&
    !navigator.serviceWorker.controller &&
    navigator.onLine !== false &&
    typeof fetch === 'function'
  );
}

export function startFirstVisit(connection: Connection, timeoutMs: number, options: FirstVisitOptions = {}): FirstVisit {
  const { now = Date.now, offMainThread } = options;
  mark('prefetch sent');
  const reader = import('./first-answer');
  let worker: Promise<AnswerReader | null> | null = null;
  const workerReader = (): Promise<AnswerReader | null> => (worker ??= offMainThread ? offMainThread().catch(() => null) : Promise.resolve(null));
  // The worker boots while the rest of a large answer arrives.
  const onProgress = (bytes: number) => void (bytes > LARGE_ANSWER_BYTES && offMainThread && workerReader());
  const answer = fetchEdgeAnswer(connection, timeoutMs, now, onProgress)
    .then(async (prefetched): Promise<FirstAnswer | null> => {
      mark(prefetched ? 'prefetch answered' : 'prefetch failed');
      if (!prefetched) return null;
      const elsewhere = prefetched.body.byteLength > LARGE_ANSWER_BYTES ? await workerReader() : null;
      if (elsewhere) return readElsewhere(elsewhere, prefetched, timeoutMs);
      const snapshot = (await reader).snapshotOf(prefetched);
      return snapshot ? { prefetched, snapshot } : null;
    })
    .catch(() => null);
  const settled = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, DEFER_MS);
    // A task later: the page has built its first table from the answer by then.
    void answer.then(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
  return { answer, settled };
}

/**
 * The answer read by `reader`, within `timeoutMs`. Its bytes are the reader's from the
 * call on: when it fails or takes too long the answer is null, and the engine fetches as usual.
 */
async function readElsewhere(reader: AnswerReader, prefetched: PrefetchedEntitlements, timeoutMs: number): Promise<FirstAnswer | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    const read = await Promise.race([reader(prefetched.body, prefetched.receivedAt), late]);
    mark(read ? 'answer read off the main thread' : 'answer not read off the main thread');
    return read?.snapshot ? { prefetched: { ...prefetched, body: read.body }, snapshot: read.snapshot } : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
