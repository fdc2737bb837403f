// `graphql` requests: the GraphQL operations of the Stigg calls other than entitlements
// (paywall, customer, subscriptions, ...). The page builds each operation
// (core/stigg-calls); the engine runs it on an executor built once per partition
// (environment, customer, resource; engine/api: urql, graphcache), the customer's token
// travelling with each request, never stored. Each executor's cache, in memory and in
// storage, holds only its partition's answers: one customer's answer can never be
// served to another, and a purge drops the partition whole.
import type { Connection, ConnectionWithoutCustomer } from '../core/protocol';
import type { ExecuteOperation, GraphqlOperation } from '../core/stigg-calls/operation';
import type { GraphqlExecutorConfig } from './api/executor';
import type { Connectivity } from './connectivity';
import type { EngineEnvironment } from './environment';
import { SharedAnswers, sharedAnswerKey } from './shared-answers';
import type { EngineStore } from './storage/engine-store';
import { createGraphcacheStorage, purgeNamespaces, type GraphcacheStorage } from './storage/graphcache-storage';

/** Builds the executor for one environment (engine/api's createGraphqlExecutor). */
export type GraphqlExecutorFactory = (config: GraphqlExecutorConfig) => ExecuteOperation;

interface Executor {
  execute: ExecuteOperation;
  namespace: string;
  storage: GraphcacheStorage;
}

/**
 * Where a partition's stored answers live: `[baseUri, apiKey, customerId, resourceId]`.
 * Calls made before any customer is set (the public paywall) share the environment's
 * namespace with a null customer.
 */
const namespaceOf = ({ baseUri, apiKey, customerId, resourceId }: Connection | ConnectionWithoutCustomer) =>
  JSON.stringify([baseUri, apiKey, customerId ?? null, resourceId ?? null]);

/**
 * Whether a namespace goes with a customer's purge: any of the customer's partitions in
 * that environment, its customer-less namespace, and the per-environment namespaces of
 * older versions (which mixed customers). Unparseable namespaces go too.
 */
export function purgedWith(namespace: string, { baseUri, apiKey, customerId }: Connection): boolean {
  let parts: unknown;
  try {
    parts = JSON.parse(namespace);
  } catch {
    return true;
  }
  if (!Array.isArray(parts)) return true;
  if (parts[0] !== baseUri || parts[1] !== apiKey) return false;
  return parts.length < 4 || parts[2] === null || parts[2] === customerId;
}

/** Executors kept in memory at most (least recently used go first; their stored answers stay). */
export const MAX_EXECUTORS = 16;

export class GraphqlDispatcher {
  private readonly executors = new Map<string, Executor>();
  /** Per environment, without a cache: shared answers have their own storage. */
  private readonly networkExecutors = new Map<string, ExecuteOperation>();
  /** The last purge: no executor is built, and so no stored answer read, before it is done. */
  private purged: Promise<unknown> = Promise.resolve();
  /** The SDK configuration: one fetch per interval for every page of the environment. */
  private readonly shared: SharedAnswers;

  constructor(
    private readonly factory: GraphqlExecutorFactory | undefined,
    private readonly env: EngineEnvironment,
    private readonly store: EngineStore,
    private readonly connectivity: Connectivity,
    private readonly requestTimeoutMs: number,
  ) {
    this.shared = new SharedAnswers(store, env);
  }

  async execute(connection: Connection | ConnectionWithoutCustomer, operation: GraphqlOperation): Promise<unknown> {
    await this.purged;
    const { customerId, resourceId, customerToken } = connection;
    const context = { customerId, resourceId, customerToken };
    const sharedKey = sharedAnswerKey(connection, operation);
    if (sharedKey === null) return this.executorFor(connection).execute(operation, context);
    // A shared answer is stored as one (SharedAnswers), not in a customer's cache: while it
    // is fresh no executor is built, and it is fetched on the environment's network-only
    // executor, so no graphcache is built nor customer cache hydrated for it (46 KB of
    // service worker heap on a first visit, where it is every page's first call).
    return this.shared.answer(sharedKey, () => this.networkExecutorFor(connection)(operation, context));
  }

  /**
   * Forgets a customer's answers (sign-out): discards the executors of every partition of
   * the customer and of the customer-less one (their caches hold answers in memory; their
   * late writes are dropped), then deletes those namespaces from storage whole.
   */
  async purge(connection: Connection): Promise<void> {
    for (const [key, executor] of this.executors) {
      if (!purgedWith(executor.namespace, connection)) continue;
      executor.storage.close();
      this.executors.delete(key);
    }
    this.purged = purgeNamespaces(this.store, (namespace) => purgedWith(namespace, connection));
    await this.purged;
  }

  /** The environment's executor without a cache, for shared answers (built on first use, kept). */
  private networkExecutorFor(connection: Connection | ConnectionWithoutCustomer): ExecuteOperation {
    if (!this.factory) throw new Error('Gatehouse: this engine was started without a GraphQL executor for Stigg calls');
    const { baseUri, apiKey, clientName, clientVersion } = connection;
    const key = JSON.stringify([baseUri, apiKey, clientName ?? null, clientVersion ?? null]);
    let execute = this.networkExecutors.get(key);
    if (!execute) {
      execute = this.factory({ baseUri, apiKey, clientName, clientVersion, fetch: this.env.fetch, requestTimeoutMs: this.requestTimeoutMs });
      this.networkExecutors.set(key, execute);
      if (this.networkExecutors.size > MAX_EXECUTORS) this.networkExecutors.delete(this.networkExecutors.keys().next().value!);
    }
    return execute;
  }

  private executorFor(connection: Connection | ConnectionWithoutCustomer): Executor {
    if (!this.factory) throw new Error('Gatehouse: this engine was started without a GraphQL executor for Stigg calls');
    const { baseUri, apiKey, clientName, clientVersion } = connection;
    // One executor per partition; the customer token travels with each operation, never stored.
    const namespace = namespaceOf(connection);
    const key = JSON.stringify([namespace, clientName ?? null, clientVersion ?? null]);
    let executor = this.executors.get(key);
    // Most recently used last: a long-lived engine serving many customers keeps a bounded few caches.
    this.executors.delete(key);
    if (executor) this.executors.set(key, executor);
    if (!executor) {
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
      if (this.executors.size > MAX_EXECUTORS) this.executors.delete(this.executors.keys().next().value!);
    }
    return executor;
  }
}
