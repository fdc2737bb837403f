// The engine in the page, for when no service worker can be had. Tabs elect one leader
// with Web Locks; the leader runs the engine (loaded on demand) and serves the other
// tabs' requests over a BroadcastChannel, so one poll per interval holds here too. When
// the leader tab closes another takes the lock, restarts the engine from IndexedDB, and
// the requests that were waiting are sent again.
import { messageOf } from '../../core/messages';
import { envelope, parseReply, type EngineReply, type EngineRequest, type Envelope } from '../../core/protocol';
import { parseRequest } from '../../core/requests';
import type { Engine } from '../../engine/engine';
import { subscribeToPartition, subscribeToStatus } from './broadcasts';
import { newRequestId, unwrapReply, type EngineLink } from './link';

const RPC_CHANNEL = 'gatehouse:rpc';
const LEADER_LOCK = 'gatehouse-leader';
/** A request no leader acknowledged within this is sent again (no leader yet, or it just died). */
const ACK_TIMEOUT_MS = 1_000;

type RpcMessage =
  | { kind: 'request'; from: string; message: Envelope<EngineRequest> }
  | { kind: 'ack'; to: string; id: string }
  | { kind: 'reply'; to: string; message: Envelope<EngineReply> }
  | { kind: 'leader'; tabId: string };

interface Pending {
  body: EngineRequest;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  acked: boolean;
  resendTimer: ReturnType<typeof setTimeout> | undefined;
}

export interface PageHostOptions {
  requestTimeoutMs: number;
}

export function connectPageHost(options: PageHostOptions): EngineLink {
  const tabId = newRequestId();
  const rpc = new BroadcastChannel(RPC_CHANNEL);
  const pending = new Map<string, Pending>();
  let engine: Promise<Engine> | null = null;
  let releaseLock: () => void = () => {};
  let closed = false;

  const post = (message: RpcMessage) => rpc.postMessage(message);

  function becomeLeader(): Promise<void> {
    engine = import('../../engine/start').then(({ startEngine }) => startEngine('page'));
    post({ kind: 'leader', tabId });
    // This tab's own waiting requests go straight to its engine now.
    for (const [id, entry] of pending) void serveOwn(id, entry);
    return new Promise<void>((resolve) => {
      releaseLock = resolve;
    });
  }

  async function serveOwn(id: string, entry: Pending): Promise<void> {
    pending.delete(id);
    clearTimeout(entry.resendTimer);
    try {
      entry.resolve(await (await engine!).handle(entry.body));
    } catch (error) {
      entry.reject(error);
    }
  }

  if ('locks' in navigator) {
    void navigator.locks.request(LEADER_LOCK, () => (closed ? undefined : becomeLeader()));
  } else {
    // No Web Locks: each tab runs its own engine (correct, but one poll per tab).
    void becomeLeader();
  }

  rpc.onmessage = (event: MessageEvent) => {
    const data = event.data as RpcMessage | null;
    if (!data || typeof data !== 'object') return;
    switch (data.kind) {
      case 'request':
        if (engine) void serveOther(data);
        return;
      case 'ack':
        if (data.to === tabId) {
          const entry = pending.get(data.id);
          if (entry) {
            entry.acked = true;
            clearTimeout(entry.resendTimer);
          }
        }
        return;
      case 'reply':
        if (data.to === tabId) settle(data.message);
        return;
      case 'leader':
        // A new leader: whatever the old one had acknowledged will never be answered.
        for (const [id, entry] of pending) if (entry.acked) sendToLeader(id, entry);
        return;
    }
  };

  async function serveOther(data: Extract<RpcMessage, { kind: 'request' }>): Promise<void> {
    const request = parseRequest(data.message);
    if (!request || typeof data.from !== 'string') return;
    post({ kind: 'ack', to: data.from, id: request.id });
    let reply: EngineReply;
    try {
      reply = await (await engine!).reply(request.body);
    } catch (error) {
      reply = { ok: false, error: { message: messageOf(error) } };
    }
    post({ kind: 'reply', to: data.from, message: envelope(request.id, reply) });
  }

  function settle(message: unknown): void {
    const reply = parseReply(message);
    const entry = reply && pending.get(reply.id);
    if (!reply || !entry) return;
    pending.delete(reply.id);
    clearTimeout(entry.resendTimer);
    try {
      entry.resolve(unwrapReply(reply.body));
    } catch (error) {
      entry.reject(error);
    }
  }

  function sendToLeader(id: string, entry: Pending): void {
    entry.acked = false;
    clearTimeout(entry.resendTimer);
    post({ kind: 'request', from: tabId, message: envelope(id, entry.body) });
    entry.resendTimer = setTimeout(() => {
      if (pending.has(id) && !entry.acked) sendToLeader(id, entry);
    }, ACK_TIMEOUT_MS);
  }

  function request(body: EngineRequest): Promise<unknown> {
    if (closed) return Promise.reject(new Error('Gatehouse: the engine link is closed'));
    const id = newRequestId();
    return new Promise<unknown>((resolve, reject) => {
      const timeout = setTimeout(() => {
        const entry = pending.get(id);
        if (!entry) return;
        pending.delete(id);
        clearTimeout(entry.resendTimer);
        reject(new Error(`Gatehouse: the engine did not answer "${body.type}" within ${options.requestTimeoutMs} ms`));
      }, options.requestTimeoutMs);
      const entry: Pending = {
        body,
        resolve: (value) => {
          clearTimeout(timeout);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timeout);
          reject(error);
        },
        acked: false,
        resendTimer: undefined,
      };
      pending.set(id, entry);
      if (engine) void serveOwn(id, entry);
      else sendToLeader(id, entry);
    });
  }

  return {
    host: 'page',
    request,
    subscribe: subscribeToPartition,
    onStatus: subscribeToStatus,
    close() {
      closed = true;
      rpc.close();
      void engine?.then((e) => e.close());
      releaseLock();
    },
  };
}
