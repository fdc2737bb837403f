// The Stigg client as app code sees it. Synchronous getters read the current
// partitions' decision tables; async calls are proxied to the engine. Every public
// method is wrapped: getters never throw, async calls reject with the official
// "Failed to <do X>. Error: <cause>" messages.
import type {
  BooleanEntitlement,
  Entitlement,
  EntitlementKind,
  MeteredEntitlement,
  NumericEntitlement,
} from '../core/model';
import { fallbackEntitlementList, fallbackResult } from '../core/fallback';
import { partitionKey } from '../core/partition';
import type { Connection, ConnectionWithoutCustomer, EngineRequest, SyncStatus } from '../core/protocol';
import { isLocalUsageRecord, isSyncStatus } from '../core/protocol';
import { entitlementList, getBooleanEntitlement, getMeteredEntitlement, getNumericEntitlement } from '../core/results';
import { provenanceOf, type FeatureProvenance } from '../core/table';
import type { Customer, CustomerData } from '../core/api-model';
import { withCustomerMethods } from '../engine/api/mappers/customer-methods';
import { checkoutFromUrl, pollForSubscription } from './checkout';
import type { ResolvedConfiguration } from './config';
import { Emitter, type EventName, type Events } from './events';
import type { Evaluation } from './evaluation';
import { LoggerService } from './logger';
import { PartitionView, type EngineChannel, type StoredData } from './partition-view';
import { CheckTracker } from './tracking';

export interface EngineHandle extends EngineChannel {
  onStatus?(listener: (status: SyncStatus) => void): () => void;
}

export interface ClientDeps {
  engine: () => Promise<EngineHandle>;
  stored: StoredData | null;
  evaluation: Evaluation;
  now?: () => number;
}

interface GetterParams {
  featureId: string;
  resourceId?: string;
  options?: Record<string, unknown>;
}

const CUSTOMER_REQUIRED = 'You must set customer ID first, use setCustomerId function or pass it via the constructor';

/** Methods whose engine call needs no customer (the public paywall). */
const CUSTOMER_OPTIONAL = new Set(['getPaywall', 'getSdkConfiguration']);

type InitState = { kind: 'pending' } | { kind: 'ready' } | { kind: 'failed'; error: Error };

export class GatehouseClient {
  private readonly logger: LoggerService;
  private readonly emitter: Emitter;
  private readonly now: () => number;
  private readonly tracker: CheckTracker;
  private engineHandle: Promise<EngineHandle> | null = null;
  private globalView: PartitionView | null = null;
  private resourceView: PartitionView | null = null;
  private customerToken: string | null = null;
  private initState: InitState = { kind: 'pending' };
  private watermark = false;
  private status: SyncStatus | null = null;

  constructor(
    private readonly config: ResolvedConfiguration,
    private readonly deps: ClientDeps,
  ) {
    const { logger, logLevel } = config.logConfiguration;
    this.logger = new LoggerService(logger, logLevel);
    this.emitter = new Emitter((error) => this.logger.error('An event listener threw', error));
    this.now = deps.now ?? Date.now;
    this.tracker = new CheckTracker(
      async (reports) => {
        const connection = this.globalView?.connection;
        if (connection) await this.request({ type: 'track', connection, reports });
      },
      (error) => this.logger.error('Failed to queue entitlement check reports', error),
      this.now,
    );
  }

  // ── Lifecycle ─────────────────────────────────────────────────────────────

  /** Starts loading: the SDK configuration and, unless lazy, the configured customer. */
  start(): void {
    if (this.config.offline) {
      this.setInitState({ kind: 'ready' });
      return;
    }
    const sdkConfiguration = this.loadSdkConfiguration();
    const { customerId, customerToken, resourceId, lazyLoad } = this.config;
    if (customerId && !lazyLoad) {
      void this.setCustomerId(customerId, customerToken, resourceId);
    } else {
      sdkConfiguration.then(
        () => this.initState.kind === 'pending' && this.setInitState({ kind: 'ready' }),
        (error: Error) => this.setInitState({ kind: 'failed', error }),
      );
    }
  }

  async waitForInitialization(): Promise<this> {
    const state = this.initState;
    if (state.kind === 'ready') return this;
    if (state.kind === 'failed') throw state.error;
    return new Promise<this>((resolve, reject) => {
      const onSuccess = () => {
        this.emitter.off('initializeFailed', onFailure);
        resolve(this);
      };
      const onFailure = (error: Error) => {
        this.emitter.off('initializeSuccessfully', onSuccess);
        reject(error);
      };
      this.emitter.on('initializeSuccessfully', onSuccess);
      this.emitter.on('initializeFailed', onFailure);
    });
  }

  private setInitState(state: InitState): void {
    this.initState = state;
    if (state.kind === 'ready') this.emitter.emit('initializeSuccessfully');
    if (state.kind === 'failed') this.emitter.emit('initializeFailed', state.error);
  }

  private engine(): Promise<EngineHandle> {
    if (!this.engineHandle) {
      this.engineHandle = this.deps.engine().then((handle) => {
        handle.onStatus?.((status) => this.setStatus(status));
        return handle;
      });
      this.engineHandle.catch((error) => this.logger.error('Failed to start the Gatehouse engine', error));
    }
    return this.engineHandle;
  }

  private async request(body: EngineRequest): Promise<unknown> {
    return (await this.engine()).request(body);
  }

  private async loadSdkConfiguration(): Promise<void> {
    try {
      const sdk = (await this.call('getSdkConfiguration', {})) as { isWidgetWatermarkEnabled?: boolean } | null;
      this.watermark = !!sdk?.isWidgetWatermarkEnabled;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/401|unauthenticated|api key/i.test(message)) {
        const failure = new Error('Authentication failed. Double check your SDK key.');
        this.logger.error(failure.message);
        throw failure;
      }
      this.logger.error('Failed to load sdk configuration', error);
    }
  }

  // ── Customer and resource context ─────────────────────────────────────────

  get isCustomerLoaded(): boolean {
    return !!this.globalView?.isLoaded;
  }

  get isResourceLoaded(): boolean {
    return !!this.resourceView?.isLoaded;
  }

  get isWidgetWatermarkEnabled(): boolean {
    return this.watermark;
  }

  async setCustomerId(customerId: string, customerToken: string | null = null, resourceId: string | null = null): Promise<void> {
    if (
      this.globalView &&
      customerId === this.globalView.connection.customerId &&
      customerToken === this.customerToken &&
      (resourceId ?? undefined) === this.resourceView?.connection.resourceId
    ) {
      return;
    }
    if (customerId !== undefined && customerId !== null && typeof customerId !== 'string') {
      throw new TypeError('customerId parameter must be a string');
    }
    if (customerToken && typeof customerToken !== 'string') throw new TypeError('customerToken parameter must be a string');
    if (resourceId && typeof resourceId !== 'string') throw new TypeError('resourceId parameter must be a string');
    this.clearCustomer();
    if (!customerId) {
      this.logger.log('`setCustomerId` was called without a customerId, did you mean to call `clearCustomer`?');
      return;
    }
    this.customerToken = customerToken;
    this.globalView = this.openView(customerId, undefined);
    this.resourceView = resourceId ? this.openView(customerId, resourceId) : null;
    await this.loadViews('Failed to load initial entitlements for customer');
  }

  clearCustomer(options: { purgeStoredData?: boolean } = {}): void {
    const views = [this.globalView, this.resourceView].filter((v): v is PartitionView => !!v);
    for (const view of views) {
      view.close();
      if (options.purgeStoredData) {
        void this.request({ type: 'purge', connection: view.connection }).catch((error) =>
          this.logger.error('Failed to purge stored customer data', error),
        );
      }
    }
    this.tracker.flush();
    this.globalView = null;
    this.resourceView = null;
    this.customerToken = null;
  }

  async setResource(resourceId: string): Promise<void> {
    const customerId = this.globalView?.connection.customerId;
    if (!customerId) {
      throw new Error('`setResource` must be called when customer was set, did you forget to call `setCustomerId`?');
    }
    if (typeof resourceId !== 'string' || resourceId === '') throw new TypeError('resourceId parameter must be a string');
    if (resourceId === this.resourceView?.connection.resourceId) return;
    this.resourceView?.close();
    this.resourceView = this.openView(customerId, resourceId);
    // Unlike the official SDK, this resolves after the resource's data has loaded.
    await this.loadViews('Failed to load initial entitlements for customer resource');
  }

  clearResource(): void {
    if (!this.globalView) {
      throw new Error('`clearResource` must be called when customer was set, did you forget to call `setCustomerId`?');
    }
    this.resourceView?.close();
    this.resourceView = null;
  }

  private connection(customerId: string, resourceId: string | undefined): Connection {
    const { apiKey, baseUri, baseEdgeUri, enableEdge, clientName, clientVersion } = this.config;
    return {
      apiKey,
      customerId,
      resourceId,
      baseUri,
      baseEdgeUri,
      enableEdge,
      customerToken: this.customerToken ?? undefined,
      clientName,
      clientVersion,
    };
  }

  private openView(customerId: string, resourceId: string | undefined): PartitionView {
    const view = new PartitionView({
      connection: this.connection(customerId, resourceId),
      engine: this.engine(),
      stored: this.deps.stored,
      evaluation: this.deps.evaluation,
      ttlMs: this.config.cacheTtlMs,
      cacheMaxAgeMs: this.config.cacheMaxAgeMs,
      now: this.now,
      onTable: (changedView, entitlementsChanged) => {
        if (entitlementsChanged && this.isCurrent(changedView)) this.emitUpdated(changedView);
      },
    });
    return view;
  }

  private isCurrent(view: PartitionView): boolean {
    return view === this.globalView || view === this.resourceView;
  }

  private emitUpdated(view: PartitionView): void {
    const table = view.table;
    if (!table) return;
    const list = entitlementList(table.entitlements);
    this.emitter.emit('entitlementsUpdated', new Map(list.map((e) => [e.feature?.id ?? '', e] as [string, Entitlement])));
  }

  /**
   * Loads the current views; resolves as soon as each has real data (stored or fresh),
   * and signals initialization. Fails when no data can be had within `initTimeoutMs`.
   */
  private async loadViews(failureMessage: string): Promise<void> {
    const views = [this.globalView, this.resourceView].filter((v): v is PartitionView => !!v);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no entitlements could be loaded within ${this.config.initTimeoutMs} ms`)),
        this.config.initTimeoutMs,
      );
    });
    try {
      await Promise.race([Promise.all(views.map((view) => Promise.race([view.loaded, view.start()]))), timeout]);
      if (views.every((view) => this.isCurrent(view))) this.setInitState({ kind: 'ready' });
    } catch (cause) {
      const error = new Error(`${failureMessage}. Error: ${messageOf(cause)}`);
      this.logger.error(error.message);
      if (views.every((view) => this.isCurrent(view))) this.setInitState({ kind: 'failed', error });
    } finally {
      clearTimeout(timer);
    }
  }

  // ── Synchronous getters ───────────────────────────────────────────────────

  private viewFor(resourceId: unknown): PartitionView | null {
    if (resourceId === undefined || resourceId === null || resourceId === '') return this.globalView;
    return this.resourceView && resourceId === this.resourceView.connection.resourceId ? this.resourceView : null;
  }

  private getEntitlement<K extends EntitlementKind, R>(kind: K, params: unknown, evaluate: typeof getBooleanEntitlement | typeof getNumericEntitlement | typeof getMeteredEntitlement): R {
    const { featureId, resourceId, options } = (typeof params === 'object' && params !== null ? params : {}) as Partial<GetterParams>;
    try {
      const table = this.viewFor(resourceId)?.table ?? null;
      const result = evaluate(
        { table: table?.entitlements ?? null, fallbacks: this.config.entitlementsFallback, now: this.now() },
        featureId,
        options,
      );
      if (options?.shouldTrack === true && typeof featureId === 'string') {
        const requestedUsage = kind === 'metered' ? (result as MeteredEntitlement).requestedUsage : undefined;
        this.tracker.track({
          featureId,
          requestedUsage,
          result: { hasAccess: result.hasAccess, accessDeniedReason: result.accessDeniedReason, requestedUsage },
        });
      }
      return result as R;
    } catch (error) {
      this.logger.error(`Failed to get ${kind} entitlement. Error: ${messageOf(error)}`);
      return fallbackResult(kind, featureId, options?.fallback, this.config.entitlementsFallback) as R;
    }
  }

  getBooleanEntitlement(params: GetterParams): BooleanEntitlement {
    return this.getEntitlement('boolean', params, getBooleanEntitlement);
  }

  getNumericEntitlement(params: GetterParams): NumericEntitlement {
    return this.getEntitlement('numeric', params, getNumericEntitlement);
  }

  getMeteredEntitlement(params: GetterParams): MeteredEntitlement {
    return this.getEntitlement('metered', params, getMeteredEntitlement);
  }

  // ── Gatehouse additions ───────────────────────────────────────────────────

  /** Where a feature's answer comes from, when the data was fetched and how old it is. */
  getEntitlementProvenance(params: { featureId: string; resourceId?: string }): FeatureProvenance {
    const view = this.viewFor(params?.resourceId);
    return provenanceOf(view?.table ?? null, String(params?.featureId), this.now(), 2 * this.config.cacheTtlMs);
  }

  /** The engine's last reported connectivity and sync state, or null before the first report. */
  getSyncStatus(): SyncStatus | null {
    return this.status;
  }

  /**
   * Records usage consumed on this device (for example while offline). Every tab sees it
   * at once; it counts until the server's usage catches up. Rejects, recording nothing,
   * when it would exceed the limit.
   */
  async recordUsage(params: { featureId: string; value: number; resourceId?: string }): Promise<MeteredEntitlement> {
    return this.guard('record usage', async () => {
      const { featureId, value, resourceId } = params ?? ({} as typeof params);
      if (typeof featureId !== 'string' || featureId === '') throw new TypeError('featureId must be a non-empty string');
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new TypeError('value must be a positive number');
      const view = this.viewFor(resourceId);
      if (!view) throw new Error(resourceId ? `Resource ${resourceId} is not the current resource` : CUSTOMER_REQUIRED);
      const reply = await this.request({
        type: 'recordUsage',
        connection: view.connection,
        usageId: crypto.randomUUID(),
        featureId,
        amount: value,
        limitCheck: true,
      });
      if (Array.isArray(reply) && reply.every(isLocalUsageRecord)) await view.setLocalUsage(reply);
      return this.getMeteredEntitlement({ featureId, ...(resourceId ? { resourceId } : {}) });
    });
  }

  // ── Events ────────────────────────────────────────────────────────────────

  addListener<K extends EventName>(eventName: K, listener: Events[K]): void {
    this.emitter.on(eventName, listener);
  }

  removeListener<K extends EventName>(eventName: K, listener: Events[K]): void {
    this.emitter.off(eventName, listener);
  }

  // ── Async calls ───────────────────────────────────────────────────────────

  /** Rejects with `Failed to <action>. Error: <cause>`; the engine's API layer already words its own failures so. */
  private async guard<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const message = messageOf(error);
      const wrapped = new Error(message.startsWith(`Failed to ${action}.`) ? message : `Failed to ${action}. Error: ${message}`);
      this.logger.error(wrapped.message);
      throw wrapped;
    }
  }

  private call(method: string, args: unknown): Promise<unknown> {
    if (this.config.offline) return Promise.reject(new Error('the client was initialized with offline: true'));
    const view = this.globalView;
    if (!view && !CUSTOMER_OPTIONAL.has(method)) return Promise.reject(new Error(CUSTOMER_REQUIRED));
    const connection: Connection | ConnectionWithoutCustomer = view
      ? view.connection
      : { ...this.connection('', undefined), customerId: undefined };
    return this.request({ type: 'call', connection, method, args: args ?? {} });
  }

  private proxy<T>(action: string, method: string, args: unknown): Promise<T> {
    return this.guard(action, () => this.call(method, args) as Promise<T>);
  }

  async refresh(): Promise<void> {
    return this.guard('refresh entitlements', async () => {
      const views = [this.globalView, this.resourceView].filter((v): v is PartitionView => !!v);
      await Promise.all(views.map((view) => view.sync(true)));
    });
  }

  async getEntitlements(resourceId?: string): Promise<Entitlement[]> {
    return this.guard('get entitlements', async () => {
      if (!this.globalView) throw new Error(CUSTOMER_REQUIRED);
      const view = this.viewFor(resourceId);
      if (!view) return fallbackEntitlementList(this.config.entitlementsFallback) as Entitlement[];
      await view.sync(false).catch((error) => {
        if (!view.table) throw error;
      });
      return view.table ? entitlementList(view.table.entitlements) : [];
    });
  }

  async getPaywall(params: unknown = {}) {
    const paywall = await this.proxy<{ customer?: CustomerData | null }>('get paywall', 'getPaywall', params);
    return paywall?.customer ? { ...paywall, customer: withCustomerMethods(paywall.customer) } : paywall;
  }
  getCoupons() {
    return this.proxy('get coupons', 'getCoupons', {});
  }
  async getCustomer(): Promise<Customer> {
    return withCustomerMethods(await this.proxy<CustomerData>('get customer', 'getCustomer', {}));
  }
  getCustomerPortal(params: unknown = {}) {
    return this.proxy('get customer portal details', 'getCustomerPortal', params);
  }
  async getCheckoutState(params: unknown) {
    const state = await this.proxy<{ customer: CustomerData }>('get checkout details', 'getCheckoutState', params);
    return { ...state, customer: withCustomerMethods(state.customer) };
  }
  applySubscription(params: unknown) {
    return this.proxy('apply subscription to customer', 'applySubscription', params);
  }
  fetchUsageHistory(params: unknown) {
    return this.proxy('fetch usage history', 'fetchUsageHistory', params);
  }
  getUsageHistoryV2(params: unknown) {
    return this.proxy('get usage history', 'getUsageHistoryV2', params);
  }
  estimateSubscription(params: unknown) {
    return this.proxy('estimate subscription', 'estimateSubscription', params);
  }
  estimateSubscriptionUpdate(params: unknown) {
    return this.proxy('estimate subscription update', 'estimateSubscriptionUpdate', params);
  }
  previewSubscription(params: unknown) {
    return this.proxy('estimate checkout', 'previewSubscription', params);
  }
  getActiveSubscriptions(params: unknown = {}) {
    return this.proxy<{ id: string }[]>('get active subscriptions', 'getActiveSubscriptions', params);
  }
  getActiveSubscriptionsList(params: unknown = {}) {
    return this.proxy('get active subscriptions list', 'getActiveSubscriptionsList', params);
  }
  getSubscription(params: unknown) {
    return this.proxy('get subscription', 'getSubscription', params);
  }

  async waitForCheckoutCompleted({ timeoutMs = 15_000, refreshOnComplete = true } = {}): Promise<unknown> {
    if (typeof location === 'undefined') throw new Error('`waitForCheckoutCompleted` was called, but `window` is not defined');
    const checkout = checkoutFromUrl(location.search);
    if (!checkout) {
      this.logger.log('`waitForCheckoutCompleted` found no completed checkout in the page URL');
      return null;
    }
    const subscription = await pollForSubscription(
      checkout,
      (resourceId) => this.getActiveSubscriptions(resourceId ? { resourceId } : {}),
      timeoutMs,
      this.now,
    );
    if (refreshOnComplete) await this.refresh();
    return subscription;
  }

  // ── Page ticks ────────────────────────────────────────────────────────────

  /** Asks the engine to sync every current partition that is due; the engine coalesces across tabs. */
  tick(): void {
    for (const view of [this.globalView, this.resourceView]) {
      view?.sync(false).catch((error) => this.logger.log('Background sync failed', { error: messageOf(error) }));
    }
  }

  /** Relays the browser's connectivity to the engine, which gets no such events itself; answers with its status. */
  relayConnectivity(online: boolean): void {
    this.request({ type: 'connectivity', online }).then(
      (status) => isSyncStatus(status) && this.setStatus(status),
      (error) => this.logger.log('Could not reach the Gatehouse engine', { error: messageOf(error) }),
    );
    if (online) this.tick();
  }

  private setStatus(status: SyncStatus): void {
    this.status = status;
    this.emitter.emit('statusChanged', status);
  }

  /** The partition keys this client reads, for tests and diagnostics. */
  get partitions(): string[] {
    return [this.globalView, this.resourceView].filter((v): v is PartitionView => !!v).map((v) => partitionKey(v.connection));
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
