// The HTTP leg of every GraphQL call: headers as the official SDK sends them, a timeout
// over the whole exchange (headers and body), and failed statuses reported the way the
// official's Apollo link reports them, so error messages match.

export const SDK_SOURCE = 'JS_CLIENT_SDK';

export interface Credentials {
  apiKey: string;
  customerToken?: string | null;
  clientName: string;
  clientVersion: string;
}

/** Headers of one operation; the operation name is repeated in a header for routing. */
export function requestHeaders(operationName: string, credentials: Credentials): Record<string, string> {
  const headers: Record<string, string> = {
    accept: '*/*',
    'X-API-KEY': credentials.apiKey,
    'x-graphql-operation-name': operationName,
    source: SDK_SOURCE,
    'apollographql-client-name': credentials.clientName,
    'apollographql-client-version': credentials.clientVersion,
  };
  if (credentials.customerToken) headers['X-CUSTOMER-KEY'] = credentials.customerToken;
  return headers;
}

/** A status >= 300 without a GraphQL body carrying both data and errors. */
export class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`Response not successful: Received status code ${status}`);
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

// Apollo still surfaces GraphQL errors when a failed status carries `{data, errors}`.
function carriesGraphQLErrors(body: string): boolean {
  try {
    const json: unknown = JSON.parse(body);
    return typeof json === 'object' && json !== null && 'data' in json && 'errors' in json;
  } catch {
    return false;
  }
}

/** A fetch that times out after `timeoutMs` and throws HttpStatusError for failed statuses. */
export function timedFetch(baseFetch: typeof fetch, timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const controller = new AbortController();
    const outer = init?.signal;
    const abort = () => controller.abort(outer?.reason);
    if (outer?.aborted) abort();
    outer?.addEventListener('abort', abort);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const response = await baseFetch(input, { ...init, signal: controller.signal });
      // Read the body here so the timeout covers it too.
      const body = await response.text();
      if (response.status >= 300 && !carriesGraphQLErrors(body)) throw new HttpStatusError(response.status);
      // A null-body status (204, 304) must not be given a body.
      return new Response(body || null, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (error) {
      throw timedOut ? new RequestTimeoutError(timeoutMs) : error;
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', abort);
    }
  };
}
