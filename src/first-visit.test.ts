// A first visit's own edge answer: small ones are read on the page, large ones in the
// metering worker (started while the answer arrives), and the page falls back to reading
// it itself when no worker can be had. The engine is handed the bytes as they came.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoConnection } from '../core/test/connection';
import { entitlementMap } from '../core/test/packed';
import type { EntitlementSnapshot } from '../core/model';
import { entitlementsFromText, toSnapshot } from '../core/wire';
import { T0, wireEntitlement } from '../engine/test/harness';
import { joinChunks, readCappedStream } from '../engine/transport/capped-body';
import { LARGE_ANSWER_BYTES, startFirstVisit, type AnswerReader, type FirstAnswer } from './first-visit';

const TIMEOUT_MS = 5_000;

/** An edge answer's text with `count` features (about 300 bytes each). */
function answerText(count: number): string {
  return JSON.stringify({ data: { entitlements: Array.from({ length: count }, (_, i) => wireEntitlement(`feature-${i}`, T0 - 1_000)) } });
}
const SMALL = answerText(3);
const LARGE = answerText(Math.ceil((LARGE_ANSWER_BYTES * 1.2) / 300));
const decoded = (body: Uint8Array[]) => new TextDecoder().decode(joinChunks(body));
const read = (body: Uint8Array[], receivedAt: number) => {
  const list = entitlementsFromText(decoded(body));
  return list && toSnapshot(list, receivedAt);
};
/** A snapshot as comparable values (its packed bytes would compare equal whatever they hold). */
const readable = (snapshot: EntitlementSnapshot) => ({ entitlements: entitlementMap(snapshot), lastUpdate: snapshot.lastUpdate });

/** Serves `text` as the edge answer, in chunks: 90 %, then 5 % a moment later, the last 5 % only once `release()` is called. */
function serve(text: string, status = 200) {
  const bytes = new TextEncoder().encode(text);
  const [first, second] = [Math.ceil(bytes.length * 0.9), Math.ceil(bytes.length * 0.95)];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(bytes.slice(0, first));
      await new Promise((resolve) => setTimeout(resolve, 10));
      controller.enqueue(bytes.slice(first, second));
      await released;
      controller.enqueue(bytes.slice(second));
      controller.close();
    },
  });
  const fetch = vi.fn(async () => new Response(stream, { status, headers: { ETag: '"e1"' } }));
  vi.stubGlobal('fetch', fetch);
  return { release, fetch };
}

/** A reader standing in for the metering worker: reads as the worker does (the rest of the body too), and counts. */
function workerReader(ready: Promise<void> = Promise.resolve()) {
  const calls: { body: Uint8Array[]; rest: ReadableStream<Uint8Array> | undefined }[] = [];
  const reader: AnswerReader = async (body, receivedAt, rest) => {
    calls.push({ body, rest });
    const more = rest ? (await readCappedStream(rest)).chunks : [];
    return read([...body, ...more], receivedAt);
  };
  return { calls, offMainThread: vi.fn(async () => ready.then(() => reader)) };
}

const visit = (options: Parameters<typeof startFirstVisit>[2]) => startFirstVisit(demoConnection, TIMEOUT_MS, { now: () => T0, ...options });
const featureIds = (answer: FirstAnswer | null) => (answer ? Object.keys(entitlementMap(answer.snapshot)) : []);

afterEach(() => vi.unstubAllGlobals());

describe('a first visit’s own edge answer', () => {
  it('is read on the page when small, without starting the metering worker', async () => {
    const { release } = serve(SMALL);
    const { offMainThread, calls } = workerReader();
    const first = visit({ offMainThread });
    release();
    const answer = await first.answer;
    expect(featureIds(answer)).toEqual(['feature-0', 'feature-1', 'feature-2']);
    expect(readable(answer!.snapshot)).toEqual(readable(toSnapshot(JSON.parse(SMALL).data.entitlements, T0)));
    expect(offMainThread).not.toHaveBeenCalled();
    expect(calls).toHaveLength(0);
    // The engine is handed what the page read, with the ETag and arrival time.
    expect(answer!.prefetched).toEqual({ snapshot: answer!.snapshot, etag: '"e1"', receivedAt: T0 });
  });

  it('is read in the metering worker when large: started while the answer arrives, it reads the rest of the body itself once up', async () => {
    const { release } = serve(LARGE);
    const { offMainThread, calls } = workerReader();
    const first = visit({ offMainThread });
    // Past the threshold, before the answer is complete: the worker is up and has the rest of the body.
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.rest).toBeInstanceOf(ReadableStream);
    expect(decoded(calls[0]!.body).length).toBeLessThan(LARGE.length);
    release();
    const answer = await first.answer;
    expect(offMainThread).toHaveBeenCalledTimes(1);
    expect(readable(answer!.snapshot)).toEqual(readable(toSnapshot(JSON.parse(LARGE).data.entitlements, T0)));
    expect(answer!.prefetched).toEqual({ snapshot: answer!.snapshot, etag: '"e1"', receivedAt: T0 });
  });

  it('is handed to the metering worker whole when the worker is up only after the answer is in', async () => {
    const { release } = serve(LARGE);
    let up!: () => void;
    const { offMainThread, calls } = workerReader(new Promise<void>((resolve) => (up = resolve)));
    const first = visit({ offMainThread });
    await vi.waitFor(() => expect(offMainThread).toHaveBeenCalledTimes(1));
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    up();
    const answer = await first.answer;
    expect(calls).toHaveLength(1);
    expect(calls[0]!.rest).toBeUndefined();
    expect(decoded(calls[0]!.body)).toBe(LARGE);
    expect(readable(answer!.snapshot)).toEqual(readable(toSnapshot(JSON.parse(LARGE).data.entitlements, T0)));
  });

  it('is read on the page, large as it is, when no worker can be had (none allowed, or none starts)', async () => {
    for (const offMainThread of [undefined, async () => null, async () => Promise.reject(new Error('no worker'))]) {
      const { release } = serve(LARGE);
      const first = visit(offMainThread ? { offMainThread } : {});
      release();
      const answer = await first.answer;
      expect(featureIds(answer)).toHaveLength(JSON.parse(LARGE).data.entitlements.length);
      expect(answer!.prefetched.snapshot).toBe(answer!.snapshot);
    }
  });

  it('is null, for the engine to fetch as usual, when the worker fails or never answers with the bytes', async () => {
    const failing: AnswerReader = async () => Promise.reject(new Error('the worker died'));
    const silent: AnswerReader = () => new Promise(() => {});
    for (const reader of [failing, silent]) {
      const { release } = serve(LARGE);
      const first = startFirstVisit(demoConnection, 50, { now: () => T0, offMainThread: async () => reader });
      release();
      expect(await first.answer).toBeNull();
    }
  });

  it('is null when it is not an entitlements answer, read where it is read', async () => {
    for (const text of ['<html>not an answer</html>', `<html>${'x'.repeat(LARGE_ANSWER_BYTES)}</html>`]) {
      const { release } = serve(text);
      const { offMainThread } = workerReader();
      const first = visit({ offMainThread });
      release();
      expect(await first.answer).toBeNull();
    }
    const { release } = serve(SMALL, 503);
    const first = visit({});
    release();
    expect(await first.answer).toBeNull();
  });
});
