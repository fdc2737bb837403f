// A first visit's edge answer read as the engine reads its own (core/wire): on the page
// when it is small, in the metering worker when it is large and a worker can be had.
// Loaded while that request is in flight, so it is not part of the code the page loads up front.
import type { PrefetchedEntitlements } from '../core/protocol';
import { entitlementsFromText, toSnapshot } from '../core/wire';
import { mark } from './timeline';
import { LARGE_ANSWER_BYTES, type AnswerReader, type FirstAnswer } from './first-visit';

/** The answer and its snapshot; null when its body is not an entitlements answer, or could not be read. */
export async function readFirstAnswer(
  prefetched: PrefetchedEntitlements,
  workerReader: () => Promise<AnswerReader | null>,
  timeoutMs: number,
): Promise<FirstAnswer | null> {
  const elsewhere = prefetched.body.byteLength > LARGE_ANSWER_BYTES ? await workerReader() : null;
  if (elsewhere) return readElsewhere(elsewhere, prefetched, timeoutMs);
  // Decoded here rather than with engine/transport/answer-body, which the worker and the
  // engine share: that would be one more chunk for the page to load on its first visit.
  const list = entitlementsFromText(new TextDecoder().decode(prefetched.body));
  return list ? { prefetched, snapshot: toSnapshot(list, prefetched.receivedAt) } : null;
}

/**
 * The answer read by `reader`, within `timeoutMs`. Its bytes are the reader's from the
 * call on: when it fails or takes too long the answer is null, and the engine fetches as usual.
 */
async function readElsewhere(reader: AnswerReader, prefetched: PrefetchedEntitlements, timeoutMs: number): Promise<FirstAnswer | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    const read = await Promise.race([reader(prefetched.body, prefetched.receivedAt), late]);
    mark(read ? 'answer read off the main thread' : 'answer not read off the main thread');
    return read?.snapshot ? { prefetched: { ...prefetched, body: read.body }, snapshot: read.snapshot } : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
