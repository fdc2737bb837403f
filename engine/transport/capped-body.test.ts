import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, MAX_BODY_BYTES, readCappedBody, readCappedBytes, readCappedStream, readCappedText, sizeOf } from './capped-body';
import { readJson, RequestFailure } from './http';
import { timedPost } from '../api/transport';

/** A streamed body of `chunks` chunks of `size` bytes, counting how many were pulled. */
function streamed(chunks: number, size: number, headers: Record<string, string> = {}) {
  let pulled = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(size).fill(0x78));
    },
    cancel() {
      cancelled = true;
    },
  });
  const response = new Response(stream, { headers });
  return { response, pulled: () => pulled, cancelled: () => cancelled };
}

describe('capped answer bodies', () => {
  it('stop being read when told, leaving the rest of the body for another reader, under the same cap', async () => {
    const body = streamed(10, 64);
    const { chunks, rest } = await readCappedBody(body.response, 640, { stopWhen: (bytes) => bytes >= 192 });
    expect(sizeOf(chunks)).toBe(192);
    expect(body.pulled()).toBeLessThan(10);
    const more = await readCappedStream(rest!, 640 - 192);
    expect(sizeOf(more.chunks)).toBe(448);
    expect(more.rest).toBeUndefined();
    const over = streamed(10, 64);
    const start = await readCappedBody(over.response, 600, { stopWhen: (bytes) => bytes >= 192 });
    await expect(readCappedStream(start.rest!, 600 - 192)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('reads a body within the cap whole', async () => {
    await expect(readCappedText(new Response('{"ok":true}'), 100)).resolves.toBe('{"ok":true}');
    const { response } = streamed(4, 25);
    await expect(readCappedText(response, 100)).resolves.toBe('x'.repeat(100));
  });

  it('reads the bytes into a buffer of exactly their length, telling the count after each chunk', async () => {
    const progress: number[] = [];
    const { response } = streamed(4, 25);
    const body = await readCappedBytes(response, 100, (bytes) => progress.push(bytes));
    expect(body).toBeInstanceOf(ArrayBuffer);
    expect(body.byteLength).toBe(100);
    expect(new TextDecoder().decode(body)).toBe('x'.repeat(100));
    expect(progress).toEqual([25, 50, 75, 100]);
    await expect(readCappedBytes(streamed(5, 25).response, 100)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('decodes characters split across chunks', async () => {
    const bytes = new TextEncoder().encode('{"name":"Zürich ✓"}');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 3) controller.enqueue(bytes.slice(i, i + 3));
        controller.close();
      },
    });
    await expect(readCappedText(new Response(stream), 100)).resolves.toBe('{"name":"Zürich ✓"}');
  });

  it('stops reading a streamed body at the cap and cancels it', async () => {
    const body = streamed(1_000, 64);
    await expect(readCappedText(body.response, 1_000)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(body.pulled()).toBeLessThan(20);
    expect(body.cancelled()).toBe(true);
  });

  it('refuses an announced oversized body without reading it', async () => {
    const body = streamed(1_000, 64, { 'content-length': String(MAX_BODY_BYTES + 1) });
    await expect(readCappedText(body.response)).rejects.toThrow(`the response body exceeds ${MAX_BODY_BYTES} bytes`);
    expect(body.pulled()).toBeLessThanOrEqual(1);
  });

  it('the entitlement requests and the GraphQL calls fail clearly on an oversized body', async () => {
    const huge = () => streamed(200, 64 * 1024).response; // 12.5 MiB
    const failure = await readJson(huge()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RequestFailure);
    expect((failure as RequestFailure).message).toMatch(/exceeds 8388608 bytes/);
    const post = timedPost(async () => huge(), 5_000);
    await expect(post('https://api.test/graphql', { method: 'POST', body: '{}' })).rejects.toThrow(/exceeds 8388608 bytes/);
  });
});
