// The page's own edge request on a first visit: sent as soon as the client is created, in
// parallel with everything else, on the official wire (the engine's URL and headers). The
// answer is kept as the bytes that came, read up to the entitlements cap, for the page
// (or its metering worker) to read. Never throws: anything but a 200 within the cap is
// null, and the engine then fetches as usual.
import type { Connection } from '../core/protocol';
import { MAX_ENTITLEMENTS_BYTES, readCappedBody } from '../engine/transport/capped-body';
import { stiggHeaders } from '../engine/transport/headers';
import { edgeEntitlementsUrl } from '../engine/transport/edge-url';

/**
 * An edge answer as it came: its body's bytes (the chunks read; with `rest`, the part of
 * the body still to read, when reading was handed over), ETag and arrival time.
 */
export interface EdgeAnswer {
  body: Uint8Array[];
  rest?: ReadableStream<Uint8Array> | undefined;
  etag?: string | undefined;
  receivedAt: number;
}

/**
 * `onProgress` hears the bytes read so far, so a large answer's reader can be made ready
 * while the rest arrives; once `handOver` says so, the page stops reading and the answer
 * carries the rest of its body, for that reader (arrival is then when reading stopped).
 */
export async function fetchEdgeAnswer(
  connection: Connection,
  timeoutMs: number,
  now: () => number,
  { onProgress, handOver }: { onProgress?: ((bytes: number) => void) | undefined; handOver?: ((bytes: number) => boolean) | undefined } = {},
): Promise<EdgeAnswer | null> {
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
    const { chunks, rest } = await readCappedBody(response, MAX_ENTITLEMENTS_BYTES, { onProgress, stopWhen: handOver });
    const etag = response.headers.get('ETag') ?? undefined;
    return { body: chunks, ...(rest ? { rest } : {}), ...(etag ? { etag } : {}), receivedAt: now() };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
