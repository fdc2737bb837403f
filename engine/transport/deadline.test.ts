import { describe, expect, it } from 'vitest';
import { withDeadline, type Timers } from './deadline';

/** Timers fired by hand: `fire()` runs every pending callback. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  const timers: Timers = {
    setTimeout: (callback) => {
      pending.set(++next, callback);
      return next;
    },
    clearTimeout: (timer) => void pending.delete(timer as number),
  };
  return {
    timers,
    pending: () => pending.size,
    fire: () => {
      for (const [id, callback] of [...pending]) {
        pending.delete(id);
        callback();
      }
    },
  };
}

/** Work that settles only when its signal aborts, with the abort's reason. */
const untilAborted = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason ?? new Error('aborted'))));

const asIs = (error: unknown, timedOut: boolean) => ({ error, timedOut });

describe('withDeadline', () => {
  it('resolves with the work and clears its timer', async () => {
    const clock = manualTimers();
    await expect(withDeadline({ timers: clock.timers, timeoutMs: 100 }, async () => 42, asIs)).resolves.toBe(42);
    expect(clock.pending()).toBe(0);
  });

  it('aborts the work when the time is up and says the deadline caused the failure', async () => {
    const clock = manualTimers();
    const run = withDeadline({ timers: clock.timers, timeoutMs: 100 }, untilAborted, asIs);
    clock.fire();
    await expect(run).rejects.toMatchObject({ timedOut: true });
  });

  it('passes a failure of the work itself to describe as not timed out', async () => {
    const clock = manualTimers();
    const failure = new Error('connection reset');
    const run = withDeadline({ timers: clock.timers, timeoutMs: 100 }, async () => Promise.reject(failure), asIs);
    await expect(run).rejects.toEqual({ error: failure, timedOut: false });
    expect(clock.pending()).toBe(0);
  });

  it("aborts the work with the caller's reason when the caller's signal aborts, before or during the work", async () => {
    const clock = manualTimers();
    const during = new AbortController();
    const run = withDeadline({ timers: clock.timers, timeoutMs: 100, signal: during.signal }, untilAborted, asIs);
    during.abort(new Error('torn down'));
    await expect(run).rejects.toMatchObject({ error: new Error('torn down'), timedOut: false });

    const before = new AbortController();
    before.abort(new Error('already gone'));
    const late = withDeadline({ timers: clock.timers, timeoutMs: 100, signal: before.signal }, async (signal) => signal.aborted, asIs);
    await expect(late).resolves.toBe(true);
  });
});
