// The page's own edge request on a first visit: sent as soon as the client is created, in
// parallel with everything else, on the official wire (the engine's URL and headers). The
// answer is kept as the text that came, for the engine to store (core/protocol's
// PrefetchedEntitlements), read up to the entitlements cap. Never throws: anything but a
// 200 within the cap is null, and the engine then fetches as usual.
import type { Connection, PrefetchedEntitlements } from '../core/protocol';
import { MAX_ENTITLEMENTS_BYTES, readCappedText } from '../engine/transport/capped-body';
import { stiggHeaders } from '../engine/transport/headers';
import { edgeEntitlementsUrl } from '../engine/transport/edge-url';

export async function fetchEdgeAnswer(connection: Connection, timeoutMs: number, now: () => number): Promise<PrefetchedEntitlements | null> {
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = setTimeout(() => controller?.abort(), timeoutMs);
  try {
    const response = await fetch(edgeEntitlementsUrl(connection), {
      method: 'GET',
      headers: { ...stiggHeaders(connection), 'X-API-VERSION': '1' },
      cache: 'no-store',
      credentials: 'omit',
      ...(controller ? { signal: controller.signal } : {}),
    });
    if (response.status !== 200) {
      void response.body?.cancel().catch(() => undefined);
      return null;
    }
    const text = await readCappedText(response, MAX_ENTITLEMENTS_BYTES);
    const etag = response.headers.get('ETag') ?? undefined;
    return { text, ...(etag ? { etag } : {}), receivedAt: now() };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
