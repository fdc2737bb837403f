// A first visit's edge answer read as the engine reads its own (core/wire): on the page
// when it is small, in the metering worker when it is large and a worker can be had.
// Loaded while that request is in flight, so it is not part of the code the page loads up front.
import { entitlementsFromText, toSnapshot } from '../core/wire';
import { joinChunks, MAX_ENTITLEMENTS_BYTES, readCappedStream, sizeOf } from '../engine/transport/capped-body';
import type { EdgeAnswer } from './first-fetch';
import { mark } from './timeline';
import { LARGE_ANSWER_BYTES, type AnswerReader, type FirstAnswer } from './first-visit';

/** The answer read; null when its body is not an entitlements answer, or could not be read. */
export async function readFirstAnswer(answer: EdgeAnswer, workerReader: () => Promise<AnswerReader | null>, timeoutMs: number): Promise<FirstAnswer | null> {
  const { body, rest, etag, receivedAt } = answer;
  const elsewhere = rest || sizeOf(body) > LARGE_ANSWER_BYTES ? await workerReader() : null;
  let snapshot;
  if (elsewhere) {
    snapshot = await readElsewhere(elsewhere, answer, timeoutMs);
  } else {
    // The page reads it: the rest of its body too, if reading was handed over and no reader took it.
    const more = rest ? (await readCappedStream(rest, MAX_ENTITLEMENTS_BYTES - sizeOf(body))).chunks : [];
    const list = entitlementsFromText(new TextDecoder().decode(joinChunks([...body, ...more])));
    snapshot = list && toSnapshot(list, receivedAt);
  }
  return snapshot ? { snapshot, prefetched: { snapshot, ...(etag ? { etag } : {}), receivedAt } } : null;
}

/**
 * The answer read by `reader`, within `timeoutMs`. Its bytes are the reader's from the
 * call on: when it fails or takes too long the answer is null, and the engine fetches as usual.
 */
async function readElsewhere(reader: AnswerReader, { body, rest, receivedAt }: EdgeAnswer, timeoutMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    const snapshot = await Promise.race([reader(body, receivedAt, rest), late]);
    mark(snapshot ? 'answer read off the main thread' : 'answer not read off the main thread');
    return snapshot;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
