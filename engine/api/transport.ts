// The HTTP leg of every GraphQL call: a timeout over the whole exchange (headers and
// body), and failed statuses reported the way the official's Apollo link reports them, so
// error messages match.
import { withDeadline } from '../transport/deadline';
import { readCappedText } from '../transport/capped-body';
import type { PostJson } from './post-exchange';

/**
 * An answer that is not a GraphQL result: a body that is not JSON (worded as the parser
 * words it, as Apollo reports it), or a status >= 300 without both `data` and `errors`.
 */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    message = `Response not successful: Received status code ${status}`,
  ) {
    super(message);
    this.name = 'ServerError';
  }
}

export class RequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Request timed out after ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

/** Failures worth answering from the cache: no answer at all, or the server is down. */
export const isUnreachable = (error: unknown): boolean =>
  !!error && !(error instanceof HttpStatusError && error.status < 500);

/** The parsed answer; throws what Apollo would throw for an answer that is not a GraphQL result. */
function parseAnswer(status: number, body: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new HttpStatusError(status, (error as Error).message);
  }
  // Apollo still surfaces the GraphQL errors when a failed status carries `{data, errors}`.
  const graphQLAnswer = typeof json === 'object' && json !== null && 'data' in json && 'errors' in json;
  if (status >= 300 && !graphQLAnswer) throw new HttpStatusError(status);
  return json;
}

/** Posts with a timeout over the whole exchange (headers and body) and resolves with the parsed answer. */
export function timedPost(baseFetch: typeof fetch, timeoutMs: number): PostJson {
  return (url, init) =>
    withDeadline(
      { timers: globalThis, timeoutMs, signal: init.signal },
      async (signal) => {
        const response = await baseFetch(url, { ...init, signal });
        return parseAnswer(response.status, await readCappedText(response));
      },
      (error, timedOut) => (timedOut ? new RequestTimeoutError(timeoutMs) : error),
    );
}
