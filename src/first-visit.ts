// A first visit: no service worker controls the page yet, so nothing is stored and the
// engine is not running. The page then sends the edge entitlements request itself, at
// once, and answers from it; the engine (service worker registration and start) and the
// metering worker wait until that answer is in, or at most DEFER_MS, so they do not
// compete with it for the network and the CPU. The engine then stores the answer the page
// hands it (core/protocol's PrefetchedEntitlements) instead of asking again.
import type { EntitlementSnapshot } from '../core/model';
import type { Connection, PrefetchedEntitlements } from '../core/protocol';
import { fetchEdgeAnswer } from './first-fetch';
import { mark } from './timeline';

/** The engine and the metering worker start at most this long after the client. */
export const DEFER_MS = 1_000;

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

export function startFirstVisit(connection: Connection, timeoutMs: number, now: () => number = Date.now): FirstVisit {
  mark('prefetch sent');
  const reader = import('./first-answer');
  const answer = fetchEdgeAnswer(connection, timeoutMs, now)
    .then(async (prefetched) => {
      mark(prefetched ? 'prefetch answered' : 'prefetch failed');
      const snapshot = prefetched && (await reader).snapshotOf(prefetched);
      return prefetched && snapshot ? { prefetched, snapshot } : null;
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
