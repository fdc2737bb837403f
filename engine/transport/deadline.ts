// A deadline over a piece of async work: a request and the reading of its answer. The
// work's signal aborts when the time is up or when the caller's own signal aborts.
import type { EngineEnvironment } from '../environment';

export type Timers = Pick<EngineEnvironment, 'setTimeout' | 'clearTimeout'>;

export interface Deadline {
  timers: Timers;
  timeoutMs: number;
  /** The caller's signal, passed on to the work. */
  signal?: AbortSignal | null | undefined;
}

/** Runs `work` under the deadline; a failure is rethrown as `describe` words it, told whether the deadline caused it. */
export async function withDeadline<T>(
  { timers, timeoutMs, signal: outer }: Deadline,
  work: (signal: AbortSignal) => Promise<T>,
  describe: (error: unknown, timedOut: boolean) => unknown,
): Promise<T> {
  const controller = new AbortController();
  const abort = () => controller.abort(outer?.reason);
  if (outer?.aborted) abort();
  outer?.addEventListener('abort', abort);
  let timedOut = false;
  const timer = timers.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    return await work(controller.signal);
  } catch (error) {
    throw describe(error, timedOut);
  } finally {
    timers.clearTimeout(timer);
    outer?.removeEventListener('abort', abort);
  }
}
