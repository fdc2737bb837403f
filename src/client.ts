// The Stigg client as app code sees it. Synchronous getters read the current
// partitions' decision tables; async calls are proxied to the engine. Every public
// method is wrapped: getters never throw, async calls reject with the official
// "Failed to <do X>. Error: <cause>" messages.
import type {
  BooleanEntitlement,
  Entitlement,
  EntitlementKind,
  GetBooleanEntitlement,
  GetMeteredEntitlement,
  GetNumericEntitlement,
  MeteredEntitlement,
  NumericEntitlement,
} from '../core/model';
import { fallbackEntitlementList, fallbackResult } from '../core/fallback';
import type { Connection, EngineRequest, SyncStatus } from '../core/protocol';
import { entitlementList, EntitlementsMap, getBooleanEntitlement, getMeteredEntitlement, getNumericEntitlement } from '../core/results';
import { provenanceOf, type FeatureProvenance } from '../core/table';
import type {
  ApplySubscription,
  ApplySubscriptionResults,
  Coupon,
  Customer,
  CustomerPortal,
  EstimateSubscription,
  EstimateSubscriptionUpdate,
  FetchUsageHistory,
  GetActiveSubscriptions,
  GetCheckoutState,
  GetCheckoutStateResults,
  GetCustomerPortal,
  GetPaywall,
  GetSubscription,
  Paywall,
  PreviewSubscription,
  SdkConfiguration,
  SlimSubscription,
  Subscription,
  SubscriptionPreview,
  SubscriptionPreviewV2,
  UsageHistoryPoint,
  UsageHistoryV2Input,
} from '../core/api-model';
import type { ClientContext, RecordUsage, RemoteMethod } from './remote-calls';
import type { ResolvedConfiguration } from './config';
import { AUTHENTICATION_FAILED_MESSAGE, messageOf, NO_CUSTOMER_MESSAGE } from '../core/messages';
import { Emitter, type EventName, type Events } from './events';
import type { Evaluation } from './evaluation';
import { LoggerService } from './logger';
import { PartitionView, type EngineChannel, type StoredData } from './partition-view';
import type { seedViews } from './bootstrap-seed';
import type { Bootstrap } from '../core/bootstrap';
import { CheckTracker } from './tracking';
import type { FirstVisit } from './first-visit';
import { partitionKey } from '../core/partition';
import { mark } from './timeline';

export interface EngineHandle extends EngineChannel {
  onStatus?(listener: (status: SyncStatus) => void): () => void;
}

export interface ClientDeps {
  engine: () => Promise<EngineHandle>;
  /** A first visit (src/first-visit.ts): the page fetches the initial customer's entitlements itself. */
  firstVisit?: ((connection: Connection) => FirstVisit) | undefined;
  stored: StoredData | null;
  evaluation: Evaluation;
  now?: () => number;
  /** Rendering on a server: no loading at all, answers from the bootstrap or fallbacks (src/server-side.ts). */
  serverSide?: boolean;
}

type GetterParams = GetBooleanEntitlement | GetNumericEntitlement | GetMeteredEntitlement;

const loadRemoteCalls = () => import('./remote-calls');

/**
 * The bootstrap's decoder (wire mapping and checks): loaded only when a bootstrap is given,
 * so pages without one do not carry it. gatehouse/react provides it up front, so a
 * bootstrap is served from the first (hydrating) render.
 */
let seeder: typeof seedViews | null = null;
export const provideBootstrapSeeder = (given: typeof seedViews): void => void (seeder = given);
const loadSeeder = () => import('./bootstrap-seed').then((module) => (seeder ??= module.seedViews));

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
  private bootstrapData: unknown;
  /** A first visit's own entitlements request, for the view of its partition. */
  private prefetch: { key: string; visit: FirstVisit } | null = null;
  /** The engine starts once this resolves (a first visit's answer is in, or at most 1 s). */
  private engineGate: Promise<void> = Promise.resolve();
  private saidMemoryOnly = false;
  /** The client as the lazily loaded remote calls see it. */
  private readonly context: ClientContext;

  constructor(
    private readonly config: ResolvedConfiguration,
    private readonly deps: ClientDeps,
  ) {
    const { logger, logLevel } = config.logConfiguration;
    this.logger = new LoggerService(logger, logLevel);
    this.emitter = new Emitter((error) => this.logger.error('An event listener threw', error));
    this.now = deps.now ?? Date.now;
    this.bootstrapData = config.bootstrap;
    this.tracker = new CheckTracker(
      (connection, reports) => this.request({ type: 'track', connection, reports }),
      (error) => this.logger.error('Failed to queue entitlement check reports', error),
      this.now,
    );
    this.context = {
      logger: this.logger,
      offline: config.offline,
      request: (body) => this.request(body),
      customerView: () => this.globalView,
      anonymousConnection: () => ({ ...this.connection('', undefined), customerId: undefined }),
      viewFor: (resourceId) => this.viewFor(resourceId),
    };
  }

  // ── Lifecycle ─────────────────────────────────────────────────────────────

  /** Starts loading: the SDK configuration and, unless lazy, the configured customer. */
  start(): void {
    if (this.config.offline) {
      this.watermark = true; // as the official's offline mode reports it
      this.setInitState({ kind: 'ready' });
      return;
    }
    const { customerId, customerToken, resourceId, lazyLoad } = this.config;
    const loadsCustomer = !!customerId && !lazyLoad;
    // Without a customer to load, the SDK configuration completes initialization; with
    // `lazyLoad`, as in the official SDK, the first `setCustomerId`'s load does.
    const configurationInitializes = !customerId && !lazyLoad;
    if (this.deps.serverSide) {
      // Nothing loads on a server: initialization completes with what is at hand (the
      // bootstrap, once its decoder is in, else fallbacks), so a server render never waits.
      if (loadsCustomer) void this.setCustomerId(customerId, customerToken, resourceId);
      const decoder = this.bootstrapData && !seeder ? loadSeeder().catch(() => undefined) : null;
      void Promise.resolve(decoder).then(() => this.initState.kind === 'pending' && this.setInitState({ kind: 'ready' }));
      return;
    }
    if (loadsCustomer && !resourceId && this.deps.firstVisit) {
      const connection = { ...this.connection(customerId, undefined), customerToken: customerToken ?? undefined };
      const visit = this.deps.firstVisit(connection);
      this.prefetch = { key: partitionKey(connection), visit };
      this.engineGate = visit.settled;
    }
    // Loaded alongside the customer's entitlements, not before them as the official SDK does.
    this.loadSdkConfiguration().then(
      () => configurationInitializes && this.initState.kind === 'pending' && this.setInitState({ kind: 'ready' }),
      (error: Error) => this.initState.kind === 'pending' && this.setInitState({ kind: 'failed', error }),
    );
    if (loadsCustomer) void this.setCustomerId(customerId, customerToken, resourceId);
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
      this.engineHandle = this.engineGate.then(() => {
        mark('engine start');
        return this.deps.engine();
      }).then((handle) => {
        mark('engine connected');
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
      await this.engineGate; // not on a first visit's path to its first answer
      const sdk = await this.remote<SdkConfiguration | null>('getSdkConfiguration');
      this.watermark = !!sdk?.isWidgetWatermarkEnabled;
    } catch (error) {
      // The API layer words a refused key the official way; anything else is not fatal here.
      if (messageOf(error).includes(AUTHENTICATION_FAILED_MESSAGE)) throw new Error(AUTHENTICATION_FAILED_MESSAGE);
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
    if (this.config.offline) return;
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
    this.seed();
    this.emitter.emit('answersChanged');
    if (this.deps.serverSide) {
      if (this.views().every((view) => view.isLoaded)) this.setInitState({ kind: 'ready' });
      return;
    }
    await this.loadViews('Failed to load initial entitlements for customer');
  }

  /**
   * Gatehouse only: serves entitlements the app's server fetched from the edge endpoint
   * (`bootstrap` in the configuration does the same at initialization). Applies to the
   * current customer or resource now, or when it is set; never to another customer.
   */
  setBootstrap(bootstrap: Bootstrap | null): void {
    this.bootstrapData = bootstrap;
    if (this.views().length && this.seed(false)) this.emitter.emit('answersChanged');
  }

  /** Seeds the current views from the bootstrap; true when one now serves it. */
  private seed(warn = true): boolean {
    const bootstrap = this.bootstrapData;
    if (bootstrap == null || this.config.offline) return false;
    if (!seeder) {
      // Served as soon as the decoder has loaded (a local chunk, before any network answer).
      void loadSeeder().then(
        () => bootstrap === this.bootstrapData && this.views().length > 0 && this.seed(warn) && this.emitter.emit('answersChanged'),
        (error: unknown) => this.logger.error('Failed to load the bootstrap decoder', error),
      );
      return false;
    }
    const views = this.views();
    const loaded = views.map((view) => view.isLoaded);
    const ignored = seeder(bootstrap, views, this.now(), !this.deps.serverSide);
    if (ignored && warn) this.logger.error(`The bootstrap is ignored: ${ignored}`);
    return views.some((view, i) => view.isLoaded !== loaded[i]);
  }

  clearCustomer(options: { purgeStoredData?: boolean } = {}): void {
    const views = this.views();
    for (const view of views) {
      view.close();
      if (options.purgeStoredData) {
        void this.request({ type: 'purge', connection: view.connection }).catch((error) =>
          this.logger.error('Failed to purge stored customer data', error),
        );
      }
    }
    this.tracker.flush();
    if (options.purgeStoredData) this.bootstrapData = null; // nothing of the customer survives a purge
    this.globalView = null;
    this.resourceView = null;
    this.customerToken = null;
    if (views.length) this.emitter.emit('answersChanged');
  }

  async setResource(resourceId: string): Promise<void> {
    if (this.config.offline) return;
    const customerId = this.globalView?.connection.customerId;
    if (!customerId) {
      throw new Error('`setResource` must be called when customer was set, did you forget to call `setCustomerId`?');
    }
    if (typeof resourceId !== 'string' || resourceId === '') throw new TypeError('resourceId parameter must be a string');
    if (resourceId === this.resourceView?.connection.resourceId) return;
    this.resourceView?.close();
    this.resourceView = this.openView(customerId, resourceId);
    this.seed();
    this.emitter.emit('answersChanged');
    if (this.deps.serverSide) return;
    // Unlike the official SDK, this resolves after the resource's data has loaded.
    await this.loadViews('Failed to load initial entitlements for customer resource');
  }

  clearResource(): void {
    if (this.config.offline) return;
    if (!this.globalView) {
      throw new Error('`clearResource` must be called when customer was set, did you forget to call `setCustomerId`?');
    }
    this.resourceView?.close();
    this.resourceView = null;
    this.emitter.emit('answersChanged');
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
    const connection = this.connection(customerId, resourceId);
    const prefetch = this.prefetch?.key === partitionKey(connection) ? this.prefetch.visit.answer : null;
    this.prefetch = null; // for the first view only: a later one is another visit's
    const view = new PartitionView({
      connection,
      prefetched: prefetch,
      engine: this.engine(),
      stored: this.deps.stored,
      evaluation: this.deps.evaluation,
      ttlMs: this.config.cacheTtlMs,
      cacheMaxAgeMs: this.config.cacheMaxAgeMs,
      now: this.now,
      onTable: (changedView, entitlementsChanged) => {
        if (!this.isCurrent(changedView)) return;
        if (entitlementsChanged) this.emitUpdated(changedView);
        this.emitter.emit('answersChanged');
      },
    });
    return view;
  }

  /** The partitions this client currently reads: the customer's, and the resource's when one is set. */
  private views(): PartitionView[] {
    return this.resourceView ? [this.globalView!, this.resourceView] : this.globalView ? [this.globalView] : [];
  }

  private isCurrent(view: PartitionView): boolean {
    return view === this.globalView || view === this.resourceView;
  }

  private emitUpdated(view: PartitionView): void {
    const table = view.table;
    if (!table) return;
    this.emitter.emit('entitlementsUpdated', new EntitlementsMap(table));
  }

  /**
   * Loads the current views; resolves as soon as each has real data (stored or fresh),
   * and signals initialization. Fails when no data can be had within `initTimeoutMs`.
   * A failed first sync does not end the wait: the engine retries by itself and
   * broadcasts what it gets, so initialization stays pending while the API is
   * unreachable, as the official's does while it retries, and fails with the last error.
   */
  private async loadViews(failureMessage: string): Promise<void> {
    const views = this.views();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastFailure: unknown;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(lastFailure ?? new Error(`no entitlements could be loaded within ${this.config.initTimeoutMs} ms`)),
        this.config.initTimeoutMs,
      );
    });
    const loaded = (view: PartitionView) =>
      Promise.race([
        view.loaded,
        view.start().catch((error: unknown) => {
          lastFailure = error;
          return view.loaded;
        }),
      ]);
    try {
      await Promise.race([Promise.all(views.map(loaded)), timeout]);
      if (views.every((view) => this.isCurrent(view))) this.setInitState({ kind: 'ready' });
    } catch (cause) {
      const error = new Error(`${failureMessage}. Error: ${messageOf(cause)}`);
      // As the official: the message, and the Error that caused it (with its stack).
      this.logger.error(error.message, cause instanceof Error ? cause : error);
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
    // Every read of the caller's object is inside the try: its property reads may throw.
    let featureId: unknown;
    let options: GetterParams['options'];
    try {
      const given = (typeof params === 'object' && params !== null ? params : {}) as Partial<GetterParams>;
      featureId = given.featureId;
      options = given.options;
      const view = this.viewFor(given.resourceId);
      const table = view?.table ?? null;
      const result = evaluate(
        { table, fallbacks: this.config.entitlementsFallback, now: this.now() },
        featureId,
        options,
      );
      if (options?.shouldTrack === true && view && typeof featureId === 'string') {
        const requestedUsage = kind === 'metered' ? (result as MeteredEntitlement).requestedUsage : undefined;
        this.tracker.track(view.key, view.connection, {
          featureId,
          requestedUsage,
          result: { hasAccess: result.hasAccess, accessDeniedReason: result.accessDeniedReason, requestedUsage },
        });
      }
      return result as R;
    } catch (error) {
      this.logger.error(`Failed to get ${kind} entitlement. Error: ${messageOf(error)}`, error);
      try {
        return fallbackResult(kind, featureId, options?.fallback, this.config.entitlementsFallback) as R;
      } catch {
        // The per-call fallback's reads throw too.
        return fallbackResult(kind, featureId, undefined, this.config.entitlementsFallback) as R;
      }
    }
  }

  getBooleanEntitlement(params: GetBooleanEntitlement): BooleanEntitlement {
    return this.getEntitlement('boolean', params, getBooleanEntitlement);
  }

  getNumericEntitlement(params: GetNumericEntitlement): NumericEntitlement {
    return this.getEntitlement('numeric', params, getNumericEntitlement);
  }

  getMeteredEntitlement(params: GetMeteredEntitlement): MeteredEntitlement {
    return this.getEntitlement('metered', params, getMeteredEntitlement);
  }

  // ── Gatehouse additions ───────────────────────────────────────────────────

  /** Where a feature's answer comes from, when the data was fetched and how old it is. */
  getEntitlementProvenance(params: { featureId: string; resourceId?: string }): FeatureProvenance {
    try {
      const featureId: unknown = params?.featureId;
      if (typeof featureId === 'string') return provenanceOf(this.viewFor(params.resourceId)?.table ?? null, featureId, this.now(), 2 * this.config.cacheTtlMs);
    } catch {
      // hostile arguments: no feature named
    }
    return { source: 'fallback' };
  }

  /** The engine's last reported connectivity and sync state, or null before the first report. */
  getSyncStatus(): SyncStatus | null {
    return this.status;
  }

  // ── Events ────────────────────────────────────────────────────────────────

  addListener<K extends EventName>(eventName: K, listener: Events[K]): void {
    this.emitter.on(eventName, listener);
  }

  removeListener<K extends EventName>(eventName: K, listener: Events[K]): void {
    this.emitter.off(eventName, listener);
  }

  // ── Async calls ───────────────────────────────────────────────────────────

  private remote<T>(method: RemoteMethod, args?: unknown): Promise<T> {
    return loadRemoteCalls().then(({ callRemote }) => callRemote(this.context, method, args) as Promise<T>);
  }

  async refresh(): Promise<void> {
    const { guard } = await loadRemoteCalls();
    return guard(this.logger, 'refresh entitlements', async () => {
      const views = this.views();
      await Promise.all(views.map((view) => view.sync(true)));
    });
  }

  async getEntitlements(resourceId?: string): Promise<Entitlement[]> {
    const { guard } = await loadRemoteCalls();
    return guard(this.logger, 'get entitlements', async () => {
      if (resourceId != null && typeof resourceId !== 'string') throw new TypeError(`resourceId must be a string, got ${typeof resourceId}`);
      if (!this.globalView && !this.config.offline) throw new Error(NO_CUSTOMER_MESSAGE);
      const view = this.viewFor(resourceId);
      if (!view) return fallbackEntitlementList(this.config.entitlementsFallback) as Entitlement[];
      await view.sync(false).catch((error) => {
        if (!view.table) throw error;
      });
      return view.table ? entitlementList(view.table) : [];
    });
  }

  getPaywall(params: GetPaywall = {}): Promise<Paywall> {
    return this.remote('getPaywall', params);
  }
  getCoupons(): Promise<Coupon[]> {
    return this.remote('getCoupons');
  }
  getCustomer(): Promise<Customer> {
    return this.remote('getCustomer');
  }
  getCustomerPortal(params: GetCustomerPortal = {}): Promise<CustomerPortal> {
    return this.remote('getCustomerPortal', params);
  }
  getCheckoutState(params: GetCheckoutState): Promise<GetCheckoutStateResults> {
    return this.remote('getCheckoutState', params);
  }
  applySubscription(params: ApplySubscription): Promise<ApplySubscriptionResults> {
    return this.remote('applySubscription', params);
  }
  fetchUsageHistory(params: FetchUsageHistory): Promise<UsageHistoryPoint[] | undefined> {
    return this.remote('fetchUsageHistory', params);
  }
  getUsageHistoryV2(params: UsageHistoryV2Input): Promise<unknown> {
    return this.remote('getUsageHistoryV2', params);
  }
  estimateSubscription(params: EstimateSubscription): Promise<SubscriptionPreview> {
    return this.remote('estimateSubscription', params);
  }
  estimateSubscriptionUpdate(params: EstimateSubscriptionUpdate): Promise<SubscriptionPreview> {
    return this.remote('estimateSubscriptionUpdate', params);
  }
  previewSubscription(params: PreviewSubscription): Promise<SubscriptionPreviewV2> {
    return this.remote('previewSubscription', params);
  }
  getActiveSubscriptions(params: GetActiveSubscriptions = {}): Promise<Subscription[]> {
    return this.remote('getActiveSubscriptions', params);
  }
  getActiveSubscriptionsList(params: GetActiveSubscriptions = {}): Promise<SlimSubscription[]> {
    return this.remote('getActiveSubscriptionsList', params);
  }
  getSubscription(params: GetSubscription): Promise<Subscription> {
    return this.remote('getSubscription', params);
  }

  /**
   * Records usage consumed on this device (for example while offline). Every tab sees it
   * at once; it counts until the server's usage catches up. Rejects, recording nothing,
   * when it would exceed the limit.
   */
  async recordUsage(params: RecordUsage): Promise<MeteredEntitlement> {
    await (await loadRemoteCalls()).recordUsage(this.context, params);
    const { featureId, resourceId } = params;
    return this.getMeteredEntitlement({ featureId, ...(resourceId ? { resourceId } : {}) });
  }

  async waitForCheckoutCompleted(params: { timeoutMs?: number; refreshOnComplete?: boolean } = {}): Promise<Subscription | null> {
    const { waitForCheckoutCompleted } = await loadRemoteCalls();
    return waitForCheckoutCompleted(this.context, params, () => this.refresh()) as Promise<Subscription | null>;
  }

  // ── Page ticks ────────────────────────────────────────────────────────────

  /** Asks the engine to sync every current partition that is due; the engine coalesces across tabs. */
  tick(): void {
    for (const view of this.views()) {
      view.sync(false).catch((error) => this.logger.log('Background sync failed', { error: messageOf(error) }));
    }
  }

  private setStatus(status: SyncStatus): void {
    this.status = status;
    // Said once per client: data this page relies on may not survive a reload.
    if (status.storage === 'memory' && !this.saidMemoryOnly) {
      this.saidMemoryOnly = true;
      this.logger.error(`Gatehouse storage: ${status.storageNote ?? 'working from memory'}`);
    }
    this.emitter.emit('statusChanged', status);
  }

  /** The partition keys this client reads, for tests and diagnostics. */
  get partitions(): string[] {
    return this.views().map((view) => view.key);
  }
}
