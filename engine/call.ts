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
import { createGraphcacheStorage, purgeCustomerAnswers, type GraphcacheStorage } from './storage/graphcache-storage';

/** Builds the executor for one environment (engine/api's createGraphqlExecutor). */
export type GraphqlExecutorFactory = (config: GraphqlExecutorConfig) => ExecuteOperation;

interface Executor {
  execute: ExecuteOperation;
  namespace: string;
  storage: GraphcacheStorage;
}

/** Where an environment's stored answers live: one namespace per Stigg environment. */
const namespaceOf = ({ baseUri, apiKey }: Pick<Connection, 'baseUri' | 'apiKey'>) => JSON.stringify([baseUri, apiKey]);

export class GraphqlDispatcher {
  private readonly executors = new Map<string, Executor>();
  /** The last purge: no executor is built, and so no stored answer read, before it is done. */
  private purged: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly factory: GraphqlExecutorFactory | undefined,
    private readonly env: EngineEnvironment,
    private readonly store: EngineStore,
    private readonly connectivity: Connectivity,
    private readonly requestTimeoutMs: number,
  ) {}

  async execute(connection: Connection | ConnectionWithoutCustomer, operation: GraphqlOperation): Promise<unknown> {
    await this.purged;
    const executor = this.executorFor(connection);
    const { customerId, resourceId, customerToken } = connection;
    return executor.execute(operation, { customerId, resourceId, customerToken });
  }

  /**
   * Forgets a customer's answers (sign-out): deletes them from storage and discards the
   * environment's executors, whose caches hold them in memory; the next call builds a
   * fresh one from what storage has left.
   */
  async purge(connection: Connection): Promise<void> {
    const namespace = namespaceOf(connection);
    for (const [key, executor] of this.executors) {
      if (executor.namespace !== namespace) continue;
      executor.storage.close();
      this.executors.delete(key);
    }
    this.purged = purgeCustomerAnswers(this.store, namespace, connection.customerId);
    await this.purged;
  }

  private executorFor(connection: Connection | ConnectionWithoutCustomer): Executor {
    if (!this.factory) throw new Error('Gatehouse: this engine was started without a GraphQL executor for Stigg calls');
    const { baseUri, apiKey, clientName, clientVersion } = connection;
    // One executor per environment; the customer token travels with each operation, never stored.
    const key = JSON.stringify([baseUri, apiKey, clientName ?? null, clientVersion ?? null]);
    let executor = this.executors.get(key);
    if (!executor) {
      const namespace = namespaceOf(connection);
      const storage = createGraphcacheStorage(this.store, namespace, this.connectivity);
      const execute = this.factory({
        baseUri,
        apiKey,
        clientName,
        clientVersion,
        fetch: this.env.fetch,
        requestTimeoutMs: this.requestTimeoutMs,
        storage,
      });
      executor = { execute, namespace, storage };
      this.executors.set(key, executor);
    }
    return executor;
  }
}
