// A first visit's edge answer read as the engine reads its own (core/wire): on the page
// when it is small, in the metering worker when it is large and a worker can be had.
// Loaded while that request is in flight, so it is not part of the code the page loads up front.
import { snapshotFromText } from '../core/wire';
import { joinChunks, sizeOf } from '../engine/transport/capped-body';
import type { EdgeAnswer } from './first-fetch';
import { mark } from './timeline';
import { LARGE_ANSWER_BYTES, type AnswerReader, type FirstAnswer } from './first-visit';

/** The answer read; null when its body is not an entitlements answer, or could not be read. */
export async function readFirstAnswer(answer: EdgeAnswer, workerReader: () => Promise<AnswerReader | null>, timeoutMs: number): Promise<FirstAnswer | null> {
  const { body, rest, etag, receivedAt } = answer;
  const elsewhere = rest || sizeOf(body) > LARGE_ANSWER_BYTES ? await workerReader() : null;
  // Reading is handed over (`rest`) only once the worker's reader is up, so `elsewhere` then has it.
  const snapshot = elsewhere
    ? await readElsewhere(elsewhere, answer, timeoutMs)
    : snapshotFromText(new TextDecoder().decode(joinChunks(body)), receivedAt);
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
