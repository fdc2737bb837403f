// The engine's seam to its host: everything time-, network-, storage- or
// randomness-dependent comes through here, so tests inject a fake clock, a fake fetch
// and fake-indexeddb, and the same engine runs in a service worker or a page.

export type Timer = unknown;

export interface EngineEnvironment {
  now(): number;
  /** Uniform in [0, 1): the jitter of backoff delays. */
  random(): number;
  randomUUID(): string;
  fetch: typeof fetch;
  setTimeout(callback: () => void, ms: number): Timer;
  clearTimeout(timer: Timer): void;
  /** Null where IndexedDB is missing: the engine then works from memory. */
  indexedDB: IDBFactory | null;
  /** Posts a message on a named BroadcastChannel. */
  broadcast(channel: string, message: unknown): void;
  log(level: 'info' | 'warn' | 'error', message: string, detail?: unknown): void;
}

export function defaultEnvironment(overrides: Partial<EngineEnvironment> = {}): EngineEnvironment {
  const channels = new Map<string, BroadcastChannel>();
  return {
    now: () => Date.now(),
    random: () => Math.random(),
    // randomUUID needs a secure context; the page host may run without one.
    randomUUID: () =>
      typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`,
    fetch: (input, init) => globalThis.fetch(input, init),
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (timer) => globalThis.clearTimeout(timer as ReturnType<typeof setTimeout>),
    indexedDB: typeof indexedDB === 'undefined' ? null : indexedDB,
    broadcast(name, message) {
      if (typeof BroadcastChannel === 'undefined') return;
      let channel = channels.get(name);
      if (!channel) {
        channel = new BroadcastChannel(name);
        channels.set(name, channel);
      }
      channel.postMessage(message);
    },
    log: (level, message, detail) => console[level](`Gatehouse: ${message}`, ...(detail === undefined ? [] : [detail])),
    ...overrides,
  };
}
