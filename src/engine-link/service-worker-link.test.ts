// A first visit's answer bytes are moved to the service worker with the sync that hands
// them over, not copied; requests after that one go without them.
import { describe, expect, it } from 'vitest';
import { demoConnection } from '../../core/test/connection';
import type { EngineRequest } from '../../core/protocol';
import { outgoing } from './service-worker-link';

const sync = (body: ArrayBuffer): EngineRequest => ({ type: 'sync', connection: demoConnection, ttlMs: 1_000, prefetched: { body, etag: '"e"', receivedAt: 1 } });

describe('requests posted to the service worker', () => {
  it('move a first visit’s answer bytes with them; a request after that goes without them', () => {
    const bytes = new TextEncoder().encode('{"data":{"entitlements":[]}}').buffer as ArrayBuffer;
    const request = sync(bytes);
    const first = outgoing(request);
    expect(first.message).toBe(request);
    expect(first.transfer).toEqual([bytes]);

    // Posting moves the buffer: the page's is then empty, and cloning it would throw.
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(first.message, first.transfer);
    port1.close();
    port2.close();
    expect(bytes.byteLength).toBe(0);
    expect(() => structuredClone(request)).toThrow();

    const again = outgoing(request);
    expect(again.transfer).toEqual([]);
    expect(again.message).toEqual({ type: 'sync', connection: demoConnection, ttlMs: 1_000 });
    expect(() => structuredClone(again.message)).not.toThrow();
  });

  it('leave every other request as it is', () => {
    const requests: EngineRequest[] = [
      { type: 'sync', connection: demoConnection, ttlMs: 1_000 },
      { type: 'sync', connection: demoConnection, ttlMs: 1_000, force: true, skipEdge: true },
      { type: 'connectivity', online: true },
    ];
    for (const request of requests) expect(outgoing(request)).toEqual({ message: request, transfer: [] });
  });
});
