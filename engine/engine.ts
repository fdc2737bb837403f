// The sync engine: one per origin (in the service worker, or in the leader tab), owner
// of the network and of IndexedDB for every tab. `handle` takes a validated
// EngineRequest and answers its value, or throws an Error whose message the page shows;
// `reply` gives the same answer as it crosses to another host.
import { DEFAULT_OUTBOX_LIMITS } from '../core/outbox-policy';
import { partitionKey } from '../core/partition';
import { messageOf } from '../core/messages';
import type { EngineReply, EngineRequest, SyncStatus } from '../core/protocol';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../core/sync-policy';
import { Broadcasts } from './broadcasts';
import { GraphqlDispatcher, type GraphqlExecutorFactory } from './call';
import { Connectivity } from './connectivity';
import { defaultEnvironment, type EngineEnvironment } from './environment';
import { LocalUsage } from './local-usage';
import { Outbox } from './outbox';
import { Partitions } from './partitions';
import { StatusBoard } from './status';
import { EngineStore } from './storage/engine-store';
import type { EngineSettings } from './settings';
import { EntitlementsSync, type SyncLimits } from './sync';

export interface EngineOptions extends EngineSettings {
  host: SyncStatus['host'];
  /** Builds the executor that runs `graphql` requests (engine/api's createGraphqlExecutor). */
  graphql?: GraphqlExecutorFactory;
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = {
  requestTimeoutMs: 8_000,
  syncBudgetMs: 15_000,
  attemptsPerSync: 3,
  edgeCooldownMs: 60_000,
  persistConfirmationEveryMs: 5 * 60_000,
  retryPolicy: DEFAULT_RETRY_POLICY,
};

export class Engine {
  readonly env: EngineEnvironment;
  readonly store: EngineStore;
  private readonly connectivity: Connectivity;
  private readonly partitions: Partitions;
  private readonly broadcasts: Broadcasts;
  private readonly status: StatusBoard;
  private readonly entitlements: EntitlementsSync;
  private readonly outbox: Outbox;
  private readonly usage: LocalUsage;
  private readonly graphql: GraphqlDispatcher;
  private readonly background = new Set<Promise<unknown>>();

  constructor(options: EngineOptions) {
    const env = defaultEnvironment(options.environment);
    const limits: SyncLimits = { ...DEFAULT_SYNC_LIMITS, ...options.sync };
    const retryPolicy: RetryPolicy = limits.retryPolicy;
    this.env = env;
    this.store = new EngineStore(env, options.storage);
    this.connectivity = new Connectivity(options.online ?? true);
    this.partitions = new Partitions(this.store);
    this.broadcasts = new Broadcasts(env);
    this.outbox = new Outbox({
      env,
      store: this.store,
      limits: { ...DEFAULT_OUTBOX_LIMITS, ...options.outbox },
      retryPolicy,
      requestTimeoutMs: limits.requestTimeoutMs,
      tokenFor: (key) => this.partitions.tokenFor(key),
      isOnline: () => this.connectivity.online,
      onFailure: (message) => this.status.failed(message),
      retryDue: () => this.flushOutbox(),
    });
    this.status = new StatusBoard(
      {
        host: options.host,
        online: () => this.connectivity.online,
        storage: () => this.store.health,
        partitions: () => this.partitions.current(),
        outboxDepth: () => this.outbox.depth,
        outboxFailing: () => this.outbox.failing,
        retryPolicy,
      },
      this.broadcasts,
    );
    this.entitlements = new EntitlementsSync(env, this.store, this.partitions, this.broadcasts, this.status, limits, () => this.connectivity.online);
    this.usage = new LocalUsage(env, this.store, this.partitions, this.broadcasts);
    this.graphql = new GraphqlDispatcher(options.graphql, env, this.store, this.connectivity, limits.requestTimeoutMs);
    // Reports left by an earlier engine (reload, service-worker restart) go out when this one starts.
    this.inBackground(this.outbox.load().then(() => this.flushOutbox()));
  }

  async handle(request: EngineRequest): Promise<unknown> {
    try {
      return await this.dispatch(request);
    } finally {
      this.status.publish();
    }
  }

  /** `handle`'s answer for another host: the value, or the failure's message and its `code` when it has one (a refused API key). */
  async reply(request: EngineRequest): Promise<EngineReply> {
    try {
      return { ok: true, value: await this.handle(request) };
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      return { ok: false, error: typeof code === 'string' ? { message: messageOf(error), code } : { message: messageOf(error) } };
    }
  }

  /** Resolves when background work (outbox sends, reconnect refreshes) has settled; a SW passes it to waitUntil. */
  async settled(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  close(): void {
    this.store.close();
  }

  private async dispatch(request: EngineRequest): Promise<unknown> {
    switch (request.type) {
      case 'sync': {
        const record = await this.entitlements.sync(request);
        this.flushOutbox();
        return record;
      }
      case 'graphql':
        return this.graphql.execute(request.connection, request.operation);
      case 'track': {
        const result = await this.outbox.enqueue(request.connection, request.reports);
        this.flushOutbox();
        return { ...result, depth: this.outbox.depth };
      }
      case 'recordUsage':
        return this.usage.record(request);
      case 'status':
        await this.outbox.load();
        return this.status.current();
      case 'connectivity':
        if (this.connectivity.set(request.online)) this.reconnected();
        else this.flushOutbox();
        return this.status.current();
      case 'purge': {
        const key = partitionKey(request.connection);
        await this.partitions.purge(request.connection);
        await this.outbox.purge(key);
        await this.store.purgePartition(key);
        await this.graphql.purge(request.connection);
        return null;
      }
    }
  }

  private reconnected(): void {
    this.entitlements.forgiveNetworkFailures();
    this.outbox.forgiveNetworkFailures();
    this.inBackground(this.entitlements.refreshDue());
    this.flushOutbox();
  }

  private flushOutbox(): void {
    if (this.outbox.depth > 0 && this.connectivity.online) this.inBackground(this.outbox.flush());
  }

  private inBackground(work: Promise<unknown>): void {
    const tracked = work
      .catch((error: unknown) => this.env.log('error', 'background work failed', error))
      .finally(() => {
        this.background.delete(tracked);
        this.status.publish();
      });
    this.background.add(tracked);
  }
}
