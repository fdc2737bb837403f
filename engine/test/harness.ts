// Test doubles for the engine: a virtual clock whose timers fire at once (advancing the
// clock to their due time), a scriptable fake Stigg server behind a fake fetch, a
// broadcast recorder and a fresh fake-indexeddb per test.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { parseBroadcast, type Broadcast, type Connection } from '../../core/protocol';
import { Engine, type EngineOptions } from '../engine';
import type { EngineEnvironment } from '../environment';

export const T0 = Date.UTC(2025, 0, 15, 12);
export const FAR_OFF_MS = 30 * 60_000;

export interface FetchCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  at: number;
}

export type Route = (call: FetchCall, signal: AbortSignal | undefined) => Response | Promise<Response>;

export function connection(overrides: Partial<Connection> = {}): Connection {
  return {
    apiKey: 'client-key',
    customerId: 'customer-1',
    baseUri: 'https://api.test',
    baseEdgeUri: 'https://edge.test',
    enableEdge: true,
    ...overrides,
  };
}

export function wireEntitlement(featureId: string, updatedAt: number, extra: Record<string, unknown> = {}) {
  return {
    isGranted: true,
    usageLimit: 10,
    hasUnlimitedUsage: false,
    hasSoftLimit: false,
    currentUsage: 0,
    entitlementUpdatedAt: new Date(updatedAt).toISOString(),
    usageUpdatedAt: new Date(updatedAt).toISOString(),
    feature: { featureType: 'NUMBER', meterType: 'Incremental', refId: featureId, displayName: featureId },
    ...extra,
  };
}

export const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' }, ...init });

/** A fetch that never answers until aborted (a hung server). */
export const hang: Route = (_call, signal) =>
  new Promise<Response>((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
  });

export class TestWorld {
  clock = T0;
  readonly calls: FetchCall[] = [];
  readonly broadcasts: { channel: string; body: Broadcast }[] = [];
  readonly logs: { level: string; message: string }[] = [];
  indexedDB: IDBFactory | null = new IDBFactory();
  /** Per-customer entitlements the fake server answers, with the ETag it derives. */
  serverEntitlements = new Map<string, unknown[]>();
  edge: Route = (call) => this.answerEdge(call);
  graphql: Route = (call) => this.answerGraphql(call);
  random = 0.5;
  private uuid = 0;
  private timers: { id: number; due: number; callback: () => void }[] = [];
  private timerIds = 0;

  /**
   * Waits for a promise, letting real I/O (fake-indexeddb) run and advancing the virtual
   * clock to the next timer only while nothing else is happening.
   */
  async settle<T>(promise: Promise<T>): Promise<T> {
    let done = false;
    promise.then(
      () => (done = true),
      () => (done = true),
    );
    for (let idle = 0; !done && idle < 200; ) {
      await new Promise((resolve) => setTimeout(resolve, 3));
      if (done) break;
      // Far-off timers (the storage open timeout) never fire by themselves: real I/O may be slow.
      const next = [...this.timers].filter((t) => t.due - this.clock < FAR_OFF_MS).sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!next) {
        idle += 1;
        continue;
      }
      this.timers = this.timers.filter((timer) => timer !== next);
      this.clock = Math.max(this.clock, next.due);
      next.callback();
    }
    return promise;
  }

  environment(): Partial<EngineEnvironment> {
    return {
      now: () => this.clock,
      random: () => this.random,
      randomUUID: () => `uuid-${++this.uuid}`,
      fetch: (input, init) => this.fetch(String(input), init),
      setTimeout: (callback, ms) => {
        const timer = { id: ++this.timerIds, due: this.clock + Math.max(0, ms), callback };
        this.timers.push(timer);
        return timer.id;
      },
      clearTimeout: (id) => {
        this.timers = this.timers.filter((timer) => timer.id !== id);
      },
      indexedDB: this.indexedDB as unknown as IDBFactory | null,
      broadcast: (channel, message) => {
        const parsed = parseBroadcast(message);
        if (!parsed) throw new Error(`invalid broadcast ${JSON.stringify(message)}`);
        this.broadcasts.push({ channel, body: parsed.body });
      },
      log: (level, message) => this.logs.push({ level, message }),
    };
  }

  engine(options: Partial<EngineOptions> = {}): Engine {
    return new Engine({
      host: 'service-worker',
      environment: this.environment(),
      storage: { databaseName: 'gatehouse-test', openTimeoutMs: 2 * FAR_OFF_MS },
      ...options,
    });
  }

  requests(kind: 'edge' | 'graphql' | 'all' = 'all'): FetchCall[] {
    return this.calls.filter((c) => kind === 'all' || (kind === 'edge' ? c.method === 'GET' : c.method === 'POST'));
  }

  snapshotBroadcasts(): Broadcast[] {
    return this.broadcasts.map((b) => b.body).filter((b) => b.type === 'snapshot');
  }

  private async fetch(url: string, init: RequestInit | undefined): Promise<Response> {
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>));
    const call: FetchCall = {
      url,
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      at: this.clock,
    };
    this.calls.push(call);
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    return call.method === 'GET' ? this.edge(call, init?.signal ?? undefined) : this.graphql(call, init?.signal ?? undefined);
  }

  private entitlementsFor(customerId: string): unknown[] {
    return this.serverEntitlements.get(customerId) ?? [];
  }

  etagOf(customerId: string): string {
    const text = JSON.stringify(this.entitlementsFor(customerId));
    let hash = 0;
    for (let i = 0; i < text.length; i += 1) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
    return `"${customerId}-${(hash >>> 0).toString(16)}"`;
  }

  private answerEdge(call: FetchCall): Response {
    const customerId = decodeURIComponent(new URL(call.url).pathname.split('/')[3]!);
    const etag = this.etagOf(customerId);
    if (call.headers['If-None-Match'] === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
    return json({ data: { entitlements: this.entitlementsFor(customerId) } }, { headers: { ETag: etag } });
  }

  private answerGraphql(call: FetchCall): Response {
    const body = call.body as { variables?: { query?: { customerId?: string } } } | unknown[];
    if (Array.isArray(body)) return json(body.map(() => ({ data: { reportEntitlementCheckRequested: true } })));
    return json({ data: { entitlements: this.entitlementsFor(body.variables?.query?.customerId ?? '') } });
  }
}

export const failWith =
  (status: number, headers: Record<string, string> = {}): Route =>
  () =>
    new Response(JSON.stringify({ errors: [{ message: `HTTP ${status}` }] }), { status, headers });

export const networkError: Route = () => Promise.reject(new TypeError('Failed to fetch'));
