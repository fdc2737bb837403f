// What the page API holds: one way to ask the engine, wherever it runs.
import type { Broadcast, EngineReply, EngineRequest, SyncStatus } from '../../core/protocol';

export type EngineHost = 'service-worker' | 'page';

export interface EngineLink {
  host: EngineHost;
  /** Why the engine runs in the page, when it does (given to `getSyncStatus().hostReason`). */
  hostReason?: string | undefined;
  request(body: EngineRequest): Promise<unknown>;
  subscribe(partitionKey: string, listener: (broadcast: Broadcast) => void): () => void;
  onStatus(listener: (status: SyncStatus) => void): () => void;
  close(): void;
}

export interface ConnectOptions {
  /** 'auto' (default): the service worker when one can be had, else the page host. */
  host?: 'auto' | EngineHost;
  /** Default '/sw.js'. */
  serviceWorkerUrl?: string;
  scope?: string;
  /** Per request; longer than the engine's own sync budget (15 s). Default 20000. */
  requestTimeoutMs?: number;
  /** Where to say that 'auto' fell back to the page host (the client passes its logger). */
  log?: (message: string) => void;
  /** Where to warn (once per page) that the service worker could not be had: the app's logger. */
  warn?: (message: string) => void;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;

/** An engine reply's value, or its error as an Error (with its `code`, when it has one). */
export function unwrapReply(reply: EngineReply): unknown {
  if (reply.ok) return reply.value;
  const { message, code } = reply.error;
  throw typeof code === 'string' ? Object.assign(new Error(message), { code }) : new Error(message);
}

export function newRequestId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
