// `graphql` requests: the GraphQL operations of the Stigg calls other than entitlements
// (paywall, customer, subscriptions, ...). The page builds each operation
// (core/stigg-calls); the engine runs it on an executor built once per environment
// (engine/api: urql, graphcache), the customer and its token travelling with each
// request. This module picks the executor and gives graphcache its storage on the
// engine's IndexedDB.
import type { Connection, ConnectionWithoutCustomer } from '../core/protocol';
import type { ExecuteOperation, GraphqlOperation } from '../core/stigg-calls/operation';
import type { GraphqlExecutorConfig } from './api/executor';
import type { Connectivity } from './connectivity';
import type { EngineEnvironment } from './environment';
import type { EngineStore } from './storage/engine-store';
import { createGraphcacheStorage } from './storage/graphcache-storage';

/** Builds the executor for one environment (engine/api's createGraphqlExecutor). */
export type GraphqlExecutorFactory = (config: GraphqlExecutorConfig) => ExecuteOperation;

export class GraphqlDispatcher {
  private readonly executors = new Map<string, ExecuteOperation>();

  constructor(
    private readonly factory: GraphqlExecutorFactory | undefined,
    private readonly env: EngineEnvironment,
    private readonly store: EngineStore,
    private readonly connectivity: Connectivity,
    private readonly requestTimeoutMs: number,
  ) {}

  async execute(connection: Connection | ConnectionWithoutCustomer, operation: GraphqlOperation): Promise<unknown> {
    const { customerId, resourceId, customerToken } = connection;
    return this.executorFor(connection)(operation, { customerId, resourceId, customerToken });
  }

  private executorFor(connection: Connection | ConnectionWithoutCustomer): ExecuteOperation {
    if (!this.factory) throw new Error('Gatehouse: this engine was started without a GraphQL executor for Stigg calls');
    const { baseUri, apiKey, clientName, clientVersion } = connection;
    // One executor per environment; the customer token travels with each operation, never stored.
    const key = JSON.stringify([baseUri, apiKey, clientName ?? null, clientVersion ?? null]);
    let executor = this.executors.get(key);
    if (!executor) {
      const storage = createGraphcacheStorage(this.store, JSON.stringify([baseUri, apiKey]), this.connectivity);
      executor = this.factory({
        baseUri,
        apiKey,
        clientName,
        clientVersion,
        fetch: this.env.fetch,
        requestTimeoutMs: this.requestTimeoutMs,
        storage,
      });
      this.executors.set(key, executor);
    }
    return executor;
  }
}
