// Storage never holds up the app's origin: every IndexedDB open has this deadline. An
// open can wait indefinitely (an upgrade blocked by a connection another tab keeps to an
// older version, and every open queued behind it), and a service worker's activation or
// a page load that waited on it would hang the origin. Past the deadline the caller goes
// on without storage (memory, network); a database that opens later is handed to `late`.

/** How long any IndexedDB open may take before Gatehouse goes on without storage. */
export const STORAGE_OPEN_DEADLINE_MS = 3_000;

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
