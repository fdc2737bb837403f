// A first visit: no service worker controls the page yet, so nothing is stored and the
// engine is not running. The page then sends the edge entitlements request itself, at
// once, and answers from it; the engine (service worker registration and start) and the
// metering worker wait until that answer is in, or at most DEFER_MS, so they do not
// compete with it for the network and the CPU. The engine then stores the answer the page
// hands it, read (core/protocol's PrefetchedEntitlements), instead of asking again.
//
// A large answer (a catalog of thousands of features) is decoded, parsed and turned into
// a snapshot in the metering worker, not on the main thread: its bytes move there (no
// copy; once the worker is up, the rest of the body's stream too, which it reads itself)
// and its snapshot comes back (its packed buffer moved too). The worker starts as soon as
// the answer is known to be large, and is the one evaluation moves to later.
// Small answers, and pages without a worker, are read on the page.
import type { EntitlementSnapshot } from '../core/model';
import type { Connection, PrefetchedEntitlements } from '../core/protocol';
import { fetchEdgeAnswer } from './first-fetch';
import { mark } from './timeline';

/** The engine and the metering worker start at most this long after the client. */
export const DEFER_MS = 1_000;

/** Answers larger than this are read in the metering worker, where there is one. */
export const LARGE_ANSWER_BYTES = 1024 * 1024;

/**
 * Reads an answer's bytes (theirs from the call on) in another host, the metering worker:
 * the chunks read so far and, when the page stopped reading, the rest of the body. Its
 * snapshot; null when it is not an answer.
 */
export type AnswerReader = (body: Uint8Array[], receivedAt: number, rest?: ReadableStream<Uint8Array>) => Promise<EntitlementSnapshot | null>;

export interface FirstVisitOptions {
  now?: () => number;
  /** Gets the metering worker's reader ready; null when no worker can be had. Absent: every answer is read on the page. */
  offMainThread?: (() => Promise<AnswerReader | null>) | undefined;
}

/** The page's own answer, read: for the page's table, and as the engine is handed it (`prefetched.snapshot` is `snapshot`). */
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
  // Loaded a task later: the loader's link tags need not lengthen the script's first task.
  const reader = new Promise((resolve) => setTimeout(resolve, 0)).then(() => import('./first-answer'));
  let worker: Promise<AnswerReader | null> | null = null;
  const workerReader = (): Promise<AnswerReader | null> => (worker ??= (offMainThread?.() ?? Promise.resolve(null)).catch(() => null));
  // The worker boots while the rest of a large answer arrives; once it is up, it reads the
  // rest itself (the body's stream moves there), so the page no longer takes in its chunks.
  let ready: AnswerReader | null = null;
  const onProgress = offMainThread && ((bytes: number) => void (bytes > LARGE_ANSWER_BYTES && workerReader().then((reader) => (ready = reader))));
  const handOver = offMainThread && ((bytes: number) => bytes > LARGE_ANSWER_BYTES && ready !== null);
  const answer = fetchEdgeAnswer(connection, timeoutMs, now, { onProgress, handOver })
    .then(async (prefetched) => {
      mark(prefetched ? 'prefetch answered' : 'prefetch failed');
      return prefetched && (await reader).readFirstAnswer(prefetched, workerReader, timeoutMs);
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
