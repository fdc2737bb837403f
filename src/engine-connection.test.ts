// The ticking engine connection: the page relays connectivity and asks for syncs on its
// interval and when it comes back online, but not once more as it connects (each view
// syncs then by itself).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineRequest } from '../core/protocol';

const requests: EngineRequest[] = [];
vi.mock('./engine-link', () => ({
  connectEngine: async () => ({
    host: 'service-worker',
    request: async (body: EngineRequest) => {
      requests.push(body);
      return null;
    },
    subscribe: () => () => {},
    onStatus: () => () => {},
    close: () => {},
  }),
}));
const { connectTickingEngine } = await import('./engine-connection');

const windowEvents = new EventTarget();
beforeEach(() => {
  requests.length = 0;
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));
  vi.stubGlobal('navigator', { onLine: true });
  vi.stubGlobal('addEventListener', windowEvents.addEventListener.bind(windowEvents));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('connectTickingEngine', () => {
  it('relays connectivity as it connects without asking for a sync; ticks on its interval and when back online', async () => {
    const tick = vi.fn();
    await connectTickingEngine({ host: 'service-worker', serviceWorkerUrl: '/sw.js', intervalMs: 1_000, tick });
    await Promise.resolve();
    expect(requests).toEqual([{ type: 'connectivity', online: true }]);
    expect(tick).not.toHaveBeenCalled();

    vi.advanceTimersByTime(1_000);
    expect(tick).toHaveBeenCalledTimes(1);
    windowEvents.dispatchEvent(new Event('online'));
    expect(tick).toHaveBeenCalledTimes(2);
    expect(requests.at(-1)).toEqual({ type: 'connectivity', online: true });
    windowEvents.dispatchEvent(new Event('offline'));
    expect(tick).toHaveBeenCalledTimes(2);
    expect(requests.at(-1)).toEqual({ type: 'connectivity', online: false });
  });
});
