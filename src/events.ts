// A small typed event emitter; a throwing listener is logged, never breaks the SDK.
import type { Entitlement } from '../core/model';
import type { SyncStatus } from '../core/protocol';

export interface Events {
  initializeSuccessfully: () => void;
  initializeFailed: (error: Error) => void;
  /** Fires only when the entitlements changed; the map is keyed by feature id. */
  entitlementsUpdated: (entitlements: Map<string, Entitlement>) => void;
  /** Connectivity and sync state: online, offline, degraded, last sync, outbox depth. */
  statusChanged: (status: SyncStatus) => void;
  /**
   * Gatehouse only: any getter's answer or provenance may have changed (new data, local
   * usage, the clock, another customer or resource). Subscriptions re-read and compare.
   */
  answersChanged: () => void;
}
export type EventName = keyof Events;

export class Emitter {
  private readonly listeners = new Map<EventName, Set<(...args: never[]) => void>>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  on<K extends EventName>(name: K, listener: Events[K]): void {
    if (typeof listener !== 'function') throw new TypeError(`addListener("${name}") needs a function`);
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener);
  }

  off<K extends EventName>(name: K, listener: Events[K]): void {
    this.listeners.get(name)?.delete(listener);
  }

  emit<K extends EventName>(name: K, ...args: Parameters<Events[K]>): void {
    for (const listener of [...(this.listeners.get(name) ?? [])]) {
      try {
        (listener as (...a: Parameters<Events[K]>) => void)(...args);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
