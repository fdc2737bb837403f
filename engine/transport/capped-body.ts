// No answer body is read without a size cap: a body over the cap fails the request
// clearly (the stored data stays), and reading stops at the cap, so a junk body costs at
// most the cap in memory and bandwidth, once per attempt.

/** 8 MiB: the largest Stigg answers (a customer portal, a paywall with many plans) are a small fraction of it. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** 48 MiB for an entitlements answer: a 50,000-feature catalog's (39 MiB in the emulator's wire format) fits. */
export const MAX_ENTITLEMENTS_BYTES = 48 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(readonly capBytes: number) {
    super(`the response body exceeds ${capBytes} bytes`);
  }
}

/** The body as text, read up to `capBytes`; rejects with BodyTooLargeError past it (announced or streamed). */
export async function readCappedText(response: Response, capBytes = MAX_BODY_BYTES): Promise<string> {
  // Decoded once, whole: a string built chunk by chunk is a rope that the parsed values
  // keep alive (4 MB more page heap for a 5,000-feature answer, as the bench measured).
  return new TextDecoder().decode(await readCappedBytes(response, capBytes));
}

export interface ReadOptions {
  onProgress?: ((bytes: number) => void) | undefined;
  stopWhen?: ((bytes: number) => boolean) | undefined;
}

/** A body read so far: its chunks as they came, and the rest when reading stopped early. */
export interface BodyRead {
  chunks: Uint8Array[];
  /** The body's remainder, unread and unlocked: another host can read it (a stream transfers). */
  rest?: ReadableStream<Uint8Array>;
}

/**
 * The body's chunks as they came, read up to `capBytes`; rejects with BodyTooLargeError
 * past the cap. `onProgress` hears the byte count read so far, after each chunk; reading
 * stops early (the rest left in `rest`) once `stopWhen` says so. Left as chunks, a large
 * body can be handed to a worker to join rather than copied into one buffer on the main thread.
 */
export async function readCappedBody(
  response: Response,
  capBytes = MAX_BODY_BYTES,
  { onProgress, stopWhen }: ReadOptions = {},
): Promise<BodyRead> {
  const announced = Number(response.headers.get('content-length'));
  const body = response.body;
  if (announced > capBytes) {
    void body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(capBytes);
  }
  if (!body) return { chunks: [new Uint8Array(await response.arrayBuffer())] };
  return readCappedStream(body, capBytes, { onProgress, stopWhen });
}

/** A body stream's chunks, read up to `capBytes` (see readCappedBody): also the rest of one whose reading was handed over. */
export async function readCappedStream(
  body: ReadableStream<Uint8Array>,
  capBytes = MAX_BODY_BYTES,
  { onProgress, stopWhen }: ReadOptions = {},
): Promise<BodyRead> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { chunks };
    received += value.byteLength;
    if (received > capBytes) {
      void reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(capBytes);
    }
    chunks.push(value);
    onProgress?.(received);
    if (stopWhen?.(received)) {
      reader.releaseLock();
      return { chunks, rest: body };
    }
  }
}

/** Bytes in all chunks. */
export const sizeOf = (chunks: readonly Uint8Array[]): number => chunks.reduce((total, chunk) => total + chunk.byteLength, 0);

/** Chunks joined in one ArrayBuffer of exactly their length. */
export function joinChunks(chunks: readonly Uint8Array[]): ArrayBuffer {
  const bytes = new Uint8Array(sizeOf(chunks));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes.buffer;
}

/** The body's bytes, read up to `capBytes`, in one ArrayBuffer (see readCappedBody). */
export async function readCappedBytes(response: Response, capBytes = MAX_BODY_BYTES, onProgress?: (bytes: number) => void): Promise<ArrayBuffer> {
  return joinChunks((await readCappedBody(response, capBytes, { onProgress })).chunks);
}
