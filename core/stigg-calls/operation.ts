// The seam between the Stigg call semantics (./calls.ts: documents, variables, mappers,
// failure wording) and whatever runs GraphQL: the engine's urql client, reached from
// the page through an engine request. Types only, so the engine imports none of the
// semantics.

/**
 * One GraphQL operation to run. `stored` queries go through the offline cache (the last
 * stored answer stands in when the network fails); `fresh` ones are never stored
 * (secrets, or variables that change on every call). Mutations are always fresh.
 */
export interface GraphqlOperation {
  kind: 'query' | 'mutation';
  cache: 'stored' | 'fresh';
  /** The document; its first operation's name is sent as `x-graphql-operation-name`. */
  document: string;
  variables: Record<string, unknown>;
}

/** Who a call is for. `customerToken` overrides the configured one for this call. */
export interface ApiContext {
  customerId?: string | null;
  resourceId?: string | null;
  customerToken?: string | null;
}

/** Why an operation failed, where callers act on it: a refused API key (HTTP 401 or the `Unauthenticated` GraphQL error). */
export type OperationErrorCode = 'Unauthenticated';

/**
 * Runs an operation with the context the call was made with (the same object), resolving
 * with its `data`. Failures reject with an Error whose message is the cause's message
 * (GraphQL messages joined by newlines, else the network error's), with `code` set
 * where it has one.
 */
export type ExecuteOperation<C extends ApiContext = ApiContext> = (operation: GraphqlOperation, ctx: C) => Promise<unknown>;
