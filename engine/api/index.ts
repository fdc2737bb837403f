// The engine's GraphQL layer: runs the operations of the Stigg calls (urql, graphcache's
// offline cache). The calls themselves (documents, mappers) are core/stigg-calls.
export { createGraphqlExecutor, CLIENT_NAME, CLIENT_VERSION, type GraphqlExecutorConfig } from './executor';
export { HttpStatusError, RequestTimeoutError, isUnreachable } from './transport';
