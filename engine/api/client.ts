// The Stigg API calls the engine makes besides entitlements: GraphQL over urql, each
// result mapped to the official SDK's shape, each failure worded as the official words it.
// With a storage adapter, queries go through graphcache's offline exchange: answers come
// from the network when it answers, and from the last stored answer when it does not.
import { Client, fetchExchange, type CombinedError, type Exchange } from '@urql/core';
import { offlineExchange, type KeyingConfig, type StorageAdapter } from '@urql/exchange-graphcache';
import type {
  ApplySubscription,
  ApplySubscriptionResults,
  Coupon,
  CustomerData,
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
  UsageHistoryV2,
  UsageHistoryV2Input,
} from '../../core/api-model';
import * as documents from './documents';
import { mapCoupon } from './mappers/catalog';
import { mapApplySubscription, mapCheckoutState, mapCustomerPortal } from './mappers/checkout';
import { plain } from './mappers/common';
import { mapCustomer } from './mappers/customer';
import { mapMockPaywall, mapPaywall } from './mappers/paywall';
import { mapSubscriptionPreview, mapSubscriptionPreviewV2 } from './mappers/preview';
import { mapSubscription } from './mappers/subscription';
import { mapUsageHistory } from './mappers/usage';
import type * as Wire from './mappers/wire';
import { HttpStatusError, isUnreachable, requestHeaders, timedFetch } from './transport';
import { AUTHENTICATION_FAILED_MESSAGE, NO_CUSTOMER_MESSAGE } from '../../core/messages';

export interface StiggApiConfig {
  baseUri: string;
  apiKey: string;
  customerToken?: string | null;
  clientName?: string;
  clientVersion?: string;
  fetch?: typeof fetch;
  /** Per request, headers and body included. Default 10000. */
  requestTimeoutMs?: number;
  /** Enables the offline cache of query answers. Never graphcache's default (it needs `window`). */
  storage?: StorageAdapter;
  /** Told about every failure, as the official SDK logs them. */
  logger?: { error(message: string, error: unknown): void };
}

/** Who a call is for. `customerToken` overrides the configured one for this call. */
export interface ApiContext {
  customerId?: string | null;
  resourceId?: string | null;
  customerToken?: string | null;
}

export interface StiggApi {
  getPaywall(ctx: ApiContext, params?: GetPaywall): Promise<Paywall>;
  getCustomer(ctx: ApiContext): Promise<CustomerData>;
  getCustomerPortal(ctx: ApiContext, params?: GetCustomerPortal): Promise<CustomerPortal>;
  getActiveSubscriptions(ctx: ApiContext, params?: GetActiveSubscriptions): Promise<Subscription[]>;
  getActiveSubscriptionsList(ctx: ApiContext, params?: GetActiveSubscriptions): Promise<SlimSubscription[]>;
  getSubscription(ctx: ApiContext, params: GetSubscription): Promise<Subscription>;
  getCoupons(ctx?: ApiContext): Promise<Coupon[]>;
  getCheckoutState(ctx: ApiContext, params: GetCheckoutState): Promise<GetCheckoutStateResults>;
  applySubscription(ctx: ApiContext, params: ApplySubscription): Promise<ApplySubscriptionResults>;
  estimateSubscription(ctx: ApiContext, params: EstimateSubscription): Promise<SubscriptionPreview>;
  estimateSubscriptionUpdate(ctx: ApiContext, params: EstimateSubscriptionUpdate): Promise<SubscriptionPreview>;
  previewSubscription(ctx: ApiContext, params: PreviewSubscription): Promise<SubscriptionPreviewV2>;
  /** Resolves undefined on failure, as the official does. */
  fetchUsageHistory(ctx: ApiContext, params: FetchUsageHistory): Promise<UsageHistoryPoint[] | undefined>;
  getUsageHistoryV2(ctx: ApiContext, input: UsageHistoryV2Input): Promise<UsageHistoryV2>;
  /** Rejects with the official's authentication message on a bad key; otherwise with the bare cause. */
  getSdkConfiguration(ctx?: ApiContext): Promise<SdkConfiguration>;
}

export const CLIENT_NAME = 'js-client-sdk';
/** The official SDK version whose behaviour this layer reproduces, sent as the client version. */
export const CLIENT_VERSION = '3.35.0';
const DEFAULT_TIMEOUT_MS = 10_000;
const MOCK_PRODUCT_PREFIX = 'stiggTestData';
export { AUTHENTICATION_FAILED_MESSAGE, NO_CUSTOMER_MESSAGE };

// Every type is embedded in its parent rather than normalised by id: the same plan or
// customer differs by context (country prices, resource), so one shared record per id
// would let one answer overwrite another. Embedding keeps each stored answer whole.
const embedEveryType = new Proxy({}, { get: () => () => null }) as KeyingConfig;

/** The failure reported to callers: GraphQL messages joined by newlines (as Apollo does), else the network error. */
function causeOf(error: CombinedError): Error {
  const { graphQLErrors, networkError } = error;
  if (graphQLErrors.length) return Object.assign(new Error(graphQLErrors.map((e) => e.message).join('\n')), { graphQLErrors });
  return networkError ?? new Error(error.message);
}

function requireCustomer({ customerId }: ApiContext): string {
  if (!customerId) throw new Error(NO_CUSTOMER_MESSAGE);
  return customerId;
}

function resourceInput(customerId: string, resourceId: string | string[] | undefined) {
  // An array asks for several resources; a single id keeps the server's not-found error.
  return Array.isArray(resourceId) ? { customerId, resourceIds: resourceId } : { customerId, resourceId };
}

/** Only the options that are set, as the official builds paywall and checkout inputs. */
const setOnly = (input: Record<string, unknown>) => Object.fromEntries(Object.entries(input).filter(([, value]) => value));

export function createStiggApi(config: StiggApiConfig): StiggApi {
  const baseFetch = config.fetch ?? ((input, init) => fetch(input, init));
  const offlineErrors = new Map<number, Error>();

  const fetchOptions = { fetch: timedFetch(baseFetch, config.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS), preferGetMethod: false as const };
  const clientWith = (exchanges: Exchange[]) =>
    new Client({ url: `${config.baseUri}/graphql`, exchanges, requestPolicy: 'network-only', ...fetchOptions });

  const network = clientWith([fetchExchange]);
  const cached = config.storage
    ? clientWith([
        offlineExchange({
          storage: config.storage,
          keys: embedEveryType,
          // No schema is shipped (bytes), so union fragments are matched heuristically and
          // graphcache warns about it on every union value; only its errors are worth passing on.
          logger: (severity, message) => {
            if (severity === 'error') config.logger?.error(message, undefined);
          },
          isOfflineError(error, result) {
            const offline = isUnreachable(error?.networkError);
            // Kept so a cache miss can still report why the network failed.
            if (offline && error?.networkError) offlineErrors.set(result.operation.key, error.networkError);
            return offline;
          },
        }),
        fetchExchange,
      ])
    : network;

  /** One operation's data, or its failure as an Error carrying the cause's message. */
  async function execute<T>(client: Client, kind: 'query' | 'mutation', document: string, variables: object, ctx?: ApiContext): Promise<T> {
    const operationName = /(?:query|mutation) (\w+)/.exec(document)?.[1] ?? '';
    const headers = requestHeaders(operationName, {
      apiKey: config.apiKey,
      customerToken: ctx?.customerToken ?? config.customerToken,
      clientName: config.clientName ?? CLIENT_NAME,
      clientVersion: config.clientVersion ?? CLIENT_VERSION,
    });
    const result = await client[kind]<T>(document, variables, { fetchOptions: { headers } }).toPromise();
    const offlineError = offlineErrors.get(result.operation.key);
    offlineErrors.delete(result.operation.key);
    if (result.error) throw causeOf(result.error);
    if (result.data == null) throw offlineError ?? new Error('Empty response');
    return result.data;
  }

  /** Runs `work`, rewording any failure as `Failed to <action>. Error: <cause>`. */
  async function guarded<R>(action: string, work: () => Promise<R>): Promise<R> {
    try {
      return await work();
    } catch (error) {
      const message = `Failed to ${action}. Error: ${(error as Error)?.message}`;
      config.logger?.error(message, error);
      throw new Error(message, { cause: error });
    }
  }

  /** A read answered from storage when the network fails. */
  const query = <T>(document: string, variables: object, ctx?: ApiContext) => execute<T>(cached, 'query', document, variables, ctx);
  /** A read never stored: secrets, or variables that change on every call (storage would only grow). */
  const freshQuery = <T>(document: string, variables: object, ctx?: ApiContext) => execute<T>(network, 'query', document, variables, ctx);
  const mutation = <T>(document: string, variables: object, ctx?: ApiContext) => execute<T>(network, 'mutation', document, variables, ctx);

  return {
    getPaywall: (ctx, { productId, resourceId, context, billingCountryCode, includeHiddenPlans } = {}) =>
      guarded('get paywall', async () => {
        const input = setOnly({ productId, customerId: ctx.customerId, resourceId, context, billingCountryCode, includeHiddenPlans });
        if (productId?.startsWith(MOCK_PRODUCT_PREFIX)) {
          const data = await query<{ mockPaywall: Wire.WireMockPaywall }>(documents.GET_MOCK_PAYWALL, { input }, ctx);
          return mapMockPaywall(data.mockPaywall);
        }
        return mapPaywall((await query<{ paywall: Wire.WirePaywall }>(documents.GET_PAYWALL, { input }, ctx)).paywall);
      }),

    getCustomer: (ctx) =>
      guarded('get customer', async () => {
        const input = { customerId: requireCustomer(ctx) };
        const { getCustomerByRefId: customer } = await query<{ getCustomerByRefId: Wire.WireCustomer | null }>(
          documents.GET_CUSTOMER_BY_ID,
          { input },
          ctx,
        );
        if (!customer) throw new Error('Customer not found');
        return mapCustomer(customer, customer.subscriptions ?? []);
      }),

    getCustomerPortal: (ctx, { resourceId, productId } = {}) =>
      guarded('get customer portal details', async () => {
        const input = { customerId: requireCustomer(ctx), resourceId, productId };
        const data = await query<{ customerPortal: Wire.WireCustomerPortal }>(documents.GET_CUSTOMER_PORTAL, { input }, ctx);
        return mapCustomerPortal(data.customerPortal);
      }),

    getActiveSubscriptions: (ctx, { resourceId } = {}) =>
      guarded('get active subscriptions', async () => {
        const input = resourceInput(requireCustomer(ctx), resourceId);
        const data = await query<{ getActiveSubscriptions: Wire.WireSubscription[] | null }>(documents.GET_ACTIVE_SUBSCRIPTIONS, { input }, ctx);
        if (!data.getActiveSubscriptions) throw new Error(`Customer ${resourceId ? 'or resource ' : ''}not found`);
        return data.getActiveSubscriptions.map(mapSubscription);
      }),

    getActiveSubscriptionsList: (ctx, { resourceId } = {}) =>
      guarded('get active subscriptions list', async () => {
        const input = resourceInput(requireCustomer(ctx), resourceId);
        const data = await query<{ getActiveSubscriptions: SlimSubscription[] }>(documents.GET_ACTIVE_SUBSCRIPTIONS_LIST, { input }, ctx);
        return plain(data.getActiveSubscriptions);
      }),

    getSubscription: (ctx, { subscriptionId }) =>
      guarded('get subscription', async () => {
        const input = { subscriptionId };
        const data = await query<{ getSubscription: Wire.WireSubscription | null }>(documents.GET_SUBSCRIPTION, { input }, ctx);
        if (!data.getSubscription) throw new Error('Subscription not found');
        return mapSubscription(data.getSubscription);
      }),

    getCoupons: (ctx) =>
      guarded('get coupons', async () => {
        const data = await query<{ coupons: { edges: { node: Wire.WireCoupon }[] } }>(documents.GET_COUPONS, {}, ctx);
        return data.coupons.edges.map(({ node }) => mapCoupon(node));
      }),

    getCheckoutState: (ctx, { planId, billingCountryCode, resourceId = ctx.resourceId }) =>
      guarded('get checkout details', async () => {
        const input = { planId, customerId: requireCustomer(ctx), ...setOnly({ resourceId, billingCountryCode }) };
        // Holds a payment setup secret, and is useless offline: never stored.
        const data = await freshQuery<{ checkoutState: Wire.WireCheckoutState }>(documents.GET_CHECKOUT_STATE, { input }, ctx);
        return mapCheckoutState(data.checkoutState);
      }),

    applySubscription: (ctx, params) =>
      guarded('apply subscription to customer', async () => {
        const { customerId, metadata, billingInformation: billing, ...p } = { customerId: requireCustomer(ctx), ...params };
        const input = {
          customerId,
          payingCustomerId: p.payingCustomerId,
          planId: p.planId,
          paymentMethodId: p.paymentMethodId,
          startDate: p.startDate,
          addons: p.addons,
          billingId: p.billingId,
          billingPeriod: p.billingPeriod,
          unitQuantity: p.unitQuantity,
          billableFeatures: p.billableFeatures,
          additionalMetaData: metadata,
          resourceId: p.resourceId,
          skipTrial: p.skipTrial,
          promotionCode: p.promotionCode,
          billingInformation: billing ? { taxRateIds: billing.taxRateIds, billingAddress: billing.billingAddress } : undefined,
          billingCountryCode: p.billingCountryCode,
          scheduleStrategy: p.scheduleStrategy,
        };
        const data = await mutation<{ applySubscription: { subscription?: Wire.WireSubscription | null } | null }>(
          documents.APPLY_SUBSCRIPTION,
          { input },
          ctx,
        );
        if (!data.applySubscription) throw new Error('Invalid response');
        return mapApplySubscription(data.applySubscription);
      }),

    estimateSubscription: (ctx, p) =>
      guarded('estimate subscription', async () => {
        const input = {
          resourceId: p.resourceId,
          planId: p.planId,
          customerId: p.customerId,
          payingCustomerId: p.payingCustomerId,
          startDate: p.startDate,
          addons: p.addons,
          billingPeriod: p.billingPeriod,
          priceUnitAmount: p.unitQuantity,
          billableFeatures: p.billableFeatures,
          billingInformation: { taxRateIds: p.billingInformation?.taxRateIds, taxPercentage: p.billingInformation?.taxPercentage },
          promotionCode: p.promotionCode,
          billingCountryCode: p.billingCountryCode,
          skipTrial: p.skipTrial,
        };
        const data = await mutation<{ estimateSubscription: Wire.WireSubscriptionPreview }>(documents.ESTIMATE_SUBSCRIPTION, { input }, ctx);
        return mapSubscriptionPreview(data.estimateSubscription);
      }),

    estimateSubscriptionUpdate: (ctx, { subscriptionId, unitQuantity, billableFeatures, addons, promotionCode }) =>
      guarded('estimate subscription update', async () => {
        const input = { subscriptionId, unitQuantity, billableFeatures, addons, promotionCode };
        const data = await mutation<{ estimateSubscriptionUpdate: Wire.WireSubscriptionPreview }>(
          documents.ESTIMATE_SUBSCRIPTION_UPDATE,
          { input },
          ctx,
        );
        return mapSubscriptionPreview(data.estimateSubscriptionUpdate);
      }),

    // Its failure message says "checkout", as the official's does.
    previewSubscription: (ctx, p) =>
      guarded('estimate checkout', async () => {
        const billing = p.billingInformation;
        const input = {
          planId: p.planId,
          customerId: p.customerId,
          payingCustomerId: p.payingCustomerId,
          resourceId: p.resourceId,
          startDate: p.startDate,
          addons: p.addons,
          billingPeriod: p.billingPeriod,
          billableFeatures: p.billableFeatures,
          promotionCode: p.promotionCode,
          scheduleStrategy: p.scheduleStrategy,
          billingCountryCode: p.billingCountryCode,
          billingInformation: { taxRateIds: billing?.taxRateIds, taxPercentage: billing?.taxPercentage, billingAddress: billing?.billingAddress },
        };
        const data = await mutation<{ previewSubscription: Wire.WireSubscriptionPreviewV2 }>(documents.PREVIEW_SUBSCRIPTION, { input }, ctx);
        return mapSubscriptionPreviewV2(data.previewSubscription);
      }),

    fetchUsageHistory: (ctx, { customerId, resourceId, featureId, startDate, endDate }) =>
      guarded('fetch usage history', async () => {
        const usageHistoryInput = { customerRefId: customerId, featureRefId: featureId, resourceRefId: resourceId, startDate, endDate: endDate || new Date() };
        const data = await freshQuery<{ usageHistory: Wire.WireUsageHistory | null }>(documents.GET_USAGE_HISTORY, { usageHistoryInput }, ctx);
        if (!data.usageHistory) throw new Error('Invalid response');
        return mapUsageHistory(data.usageHistory);
      }).catch(() => undefined),

    getUsageHistoryV2: (ctx, input) =>
      guarded('get usage history', async () => {
        const data = await freshQuery<{ usageHistoryV2: UsageHistoryV2 }>(documents.GET_USAGE_HISTORY_V2, { input }, ctx);
        return plain(data.usageHistoryV2);
      }),

    async getSdkConfiguration(ctx) {
      try {
        const data = await query<{ sdkConfiguration: SdkConfiguration | null }>(documents.GET_SDK_CONFIGURATION, {}, ctx);
        return plain(data.sdkConfiguration ?? {});
      } catch (error) {
        const { graphQLErrors } = error as { graphQLErrors?: { extensions?: { code?: unknown } }[] };
        const unauthorized = error instanceof HttpStatusError && error.status === 401;
        if (unauthorized || graphQLErrors?.[0]?.extensions?.code === 'Unauthenticated') {
          config.logger?.error(AUTHENTICATION_FAILED_MESSAGE, error);
          throw new Error(AUTHENTICATION_FAILED_MESSAGE, { cause: error });
        }
        config.logger?.error('Failed to load sdk configuration', error);
        throw error;
      }
    },
  };
}
