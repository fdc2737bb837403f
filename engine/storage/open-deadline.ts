// An IndexedDB open bounded by the storage deadline (core/storage-deadline.ts), for the
// engine and the service worker; a database that opens after the deadline goes to `late`
// (to adopt it, or close it), never lost. Kept out of core so pages do not load it.
import { STORAGE_OPEN_DEADLINE_MS } from '../../core/storage-deadline';

export interface DeadlineTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

/**
 * The open's result, or `timedOut` once the deadline passed first. A value that arrives
 * after the deadline goes to `late` (to close it, or adopt it), never lost.
 */
export function openWithinDeadline<T>(
  pending: Promise<T>,
  options: { timers: DeadlineTimers; deadlineMs?: number; late?: (value: T) => void },
): Promise<{ value: T } | { timedOut: true }> {
  const { timers } = options;
  return new Promise((resolve, reject) => {
    let done = false;
    const timer = timers.setTimeout(() => {
      if (done) return;
      done = true;
      resolve({ timedOut: true });
    }, options.deadlineMs ?? STORAGE_OPEN_DEADLINE_MS);
    pending.then(
      (value) => {
        if (done) return options.late?.(value);
        done = true;
        timers.clearTimeout(timer);
        resolve({ value });
      },
      (error: unknown) => {
        if (done) return;
        done = true;
        timers.clearTimeout(timer);
        reject(error);
      },
    );
  });
}
