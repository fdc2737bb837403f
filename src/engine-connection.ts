// Connects a page to the engine, loaded with the engine link rather than before the
// first answer. Pages tick and the engine coalesces (docs/engine.md): this page asks for
// a sync every interval and whenever it becomes visible, and relays the browser's
// connectivity, which a service worker never hears of. The engine answers a relay with
// its status, delivered like the statuses it broadcasts.
import { messageOf } from '../core/messages';
import { isSyncStatus, type SyncStatus } from '../core/protocol';
import { connectEngine, type ConnectOptions, type EngineLink } from './engine-link';

export interface TickingOptions extends ConnectOptions {
  intervalMs: number;
  /** Asks the engine to sync every current partition that is due. */
  tick(): void;
}

export async function connectTickingEngine(options: TickingOptions): Promise<EngineLink> {
  const link = await connectEngine(options);
  const statusListeners = new Set<(status: SyncStatus) => void>();
  const relayConnectivity = (online: boolean, tick: boolean) => {
    link.request({ type: 'connectivity', online }).then(
      (status) => {
        if (isSyncStatus(status)) for (const listener of statusListeners) listener(status);
      },
      (error) => options.log?.(`Could not reach the Gatehouse engine: ${messageOf(error)}`),
    );
    if (online && tick) options.tick();
  };
  setInterval(options.tick, options.intervalMs);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') options.tick();
  });
  addEventListener('online', () => relayConnectivity(true, true));
  addEventListener('offline', () => relayConnectivity(false, false));
  // After the caller has subscribed to statuses: replies arrive as later tasks. No tick
  // with it: every view syncs once the engine is connected, and a tick now would ask
  // again at once, for a second copy of each partition's snapshot to cross to this page.
  queueMicrotask(() => relayConnectivity(navigator.onLine, false));
  return {
    ...link,
    onStatus(listener) {
      statusListeners.add(listener);
      const unsubscribe = link.onStatus(listener);
      return () => {
        statusListeners.delete(listener);
        unsubscribe();
      };
    },
  };
}
