// One HTTP exchange with a deadline and a verdict: every request the engine sends has
// a timeout that covers the body too, and every failure says whether retrying can help.
import { messageOf } from '../../core/messages';
import { classifyStatus, parseRetryAfter, type FailureKind } from '../../core/sync-policy';
import type { EngineEnvironment } from '../environment';
import { withDeadline } from './deadline';
import { BodyTooLargeError, MAX_BODY_BYTES, readCappedText } from './capped-body';

export class RequestFailure extends Error {
  override readonly name = 'RequestFailure';
  constructor(
    message: string,
    readonly kind: FailureKind,
    readonly status?: number,
    /** Milliseconds the server asked us to wait (Retry-After), when it did. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

export interface Exchange<T> {
  url: string;
  init: RequestInit;
  timeoutMs: number;
  /** Reads an accepted response (2xx/3xx). Runs under the same timeout. */
  read(response: Response): Promise<T>;
  /** The caller's own cancel. */
  signal?: AbortSignal | undefined;
}

/** Sends a request; resolves with `read`'s result or rejects with a RequestFailure. */
export function exchange<T>(env: EngineEnvironment, { url, init, timeoutMs, read, signal: cancel }: Exchange<T>): Promise<T> {
  const what = `${init.method ?? 'GET'} ${url}`;
  return withDeadline(
    { timers: env, timeoutMs, signal: cancel },
    async (signal) => {
      const response = await env.fetch(url, { ...init, signal });
      const kind = classifyStatus(response.status);
      if (kind !== 'ok') {
        void response.body?.cancel().catch(() => undefined);
        const retryAfterMs = kind === 'throttled' ? parseRetryAfter(response.headers.get('Retry-After'), env.now()) : null;
        throw new RequestFailure(`${what} answered HTTP ${response.status}`, kind, response.status, retryAfterMs);
      }
      return read(response);
    },
    (error, timedOut) => (error instanceof RequestFailure ? error : networkFailure(what, error, timedOut, timeoutMs)),
  );
}

function networkFailure(what: string, error: unknown, timedOut: boolean, timeoutMs: number): RequestFailure {
  if (timedOut) return new RequestFailure(`${what} timed out after ${timeoutMs} ms`, 'transient');
  return new RequestFailure(`${what} failed: ${messageOf(error)}`, 'transient');
}

/**
 * Parses a JSON body, read up to the body cap; a body that is not JSON, or over the cap,
 * is a (transient) failure of the exchange.
 */
export async function readJson(response: Response, capBytes = MAX_BODY_BYTES): Promise<unknown> {
  let text: string;
  try {
    text = await readCappedText(response, capBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new RequestFailure(`the response to ${response.url || 'a request'}: ${error.message}`, 'transient', response.status);
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RequestFailure(`the response to ${response.url || 'a request'} is not JSON`, 'transient', response.status);
  }
}
