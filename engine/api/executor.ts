// Runs the GraphQL operations of the Stigg calls (core/stigg-calls builds them) over
// urql. With a storage adapter, `stored` queries go through graphcache's offline
// exchange: answers come from the network when it answers, and from the last stored
// answer when it does not. `fresh` queries and mutations always go to the network.
import { Client, type CombinedError, type Exchange } from '@urql/core';
import { offlineExchange, type KeyingConfig, type StorageAdapter } from '@urql/exchange-graphcache';
import type { ApiContext, ExecuteOperation, OperationErrorCode } from '../../core/stigg-calls/operation';
import { signallingHydration, withoutSecrets } from './cache-storage';
import { postExchange } from './post-exchange';
import { stiggHeaders } from '../transport/headers';
import { HttpStatusError, isUnreachable, timedPost } from './transport';

export interface GraphqlExecutorConfig {
  baseUri: string;
  apiKey: string;
  customerToken?: string | null;
  clientName?: string;
  clientVersion?: string;
  fetch?: typeof fetch;
  /** Per request, headers and body included. Default 10000. */
  requestTimeoutMs?: number;
  /** Enables the offline cache of `stored` queries; secret fields are stored as null. Never graphcache's default (it needs `window`). */
  storage?: StorageAdapter;
}

const CLIENT_NAME = 'js-client-sdk';
/** The official SDK version whose behaviour this layer reproduces, sent as the client version. */
const CLIENT_VERSION = '3.35.0';
const DEFAULT_TIMEOUT_MS = 10_000;

// Every type is embedded in its parent rather than normalised by id: the same plan or
// customer differs by context (country prices, resource), so one shared record per id
// would let one answer overwrite another. Embedding keeps each stored answer whole.
const embedEveryType = new Proxy({}, { get: () => () => null }) as KeyingConfig;

/** A failure as callers act on it: a refused API key is `Unauthenticated`, as the official tells it. */
function codeOf(error: Error & { graphQLErrors?: { extensions?: { code?: unknown } }[] }): OperationErrorCode | undefined {
  const unauthorized = error instanceof HttpStatusError && error.status === 401;
  return unauthorized || error.graphQLErrors?.[0]?.extensions?.code === 'Unauthenticated' ? 'Unauthenticated' : undefined;
}

/** The failure reported to callers: GraphQL messages joined by newlines (as Apollo does), else the network error; with its code. */
function causeOf(error: CombinedError): Error {
  const { graphQLErrors, networkError } = error;
  const cause = graphQLErrors.length
    ? Object.assign(new Error(graphQLErrors.map((e) => e.message).join('\n')), { graphQLErrors })
    : (networkError ?? new Error(error.message));
  const code = codeOf(cause);
  return code ? Object.assign(cause, { code }) : cause;
}

export function createGraphqlExecutor(config: GraphqlExecutorConfig): ExecuteOperation {
  const baseFetch = config.fetch ?? ((input, init) => fetch(input, init));
  const offlineErrors = new Map<number, Error>();

  const post = postExchange(timedPost(baseFetch, config.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS));
  const clientWith = (exchanges: Exchange[]) => new Client({ url: `${config.baseUri}/graphql`, exchanges, requestPolicy: 'network-only' });

  const network = clientWith([post]);
  const { storage, hydrated } = config.storage ? signallingHydration(withoutSecrets(config.storage)) : {};
  const cached = storage
    ? clientWith([
        offlineExchange({
          storage,
          keys: embedEveryType,
          // No schema is shipped (bytes), so union fragments are matched heuristically and
          // graphcache warns about it on every union value: nothing it logs is passed on.
          logger: () => {},
          isOfflineError(error, result) {
            const offline = isUnreachable(error?.networkError);
            // Kept so a cache miss can still report why the network failed.
            if (offline && error?.networkError) offlineErrors.set(result.operation.key, error.networkError);
            return offline;
          },
        }),
        post,
      ])
    : network;

  return async ({ kind, cache, document, variables }, ctx: ApiContext) => {
    const operationName = /(?:query|mutation) (\w+)/.exec(document)?.[1] ?? '';
    const caller = {
      apiKey: config.apiKey,
      customerToken: ctx?.customerToken ?? config.customerToken ?? undefined,
      clientName: config.clientName ?? CLIENT_NAME,
      clientVersion: config.clientVersion ?? CLIENT_VERSION,
    };
    const headers = stiggHeaders(caller, operationName);
    const client = kind === 'query' && cache === 'stored' ? cached : network;
    if (client === cached) await hydrated;
    const result = await client[kind](document, variables, { fetchOptions: { headers } }).toPromise();
    const offlineError = offlineErrors.get(result.operation.key);
    offlineErrors.delete(result.operation.key);
    if (result.error) throw causeOf(result.error);
    if (result.data == null) throw offlineError ?? new Error('Empty response');
    return result.data as unknown;
  };
}
