// The Stigg calls besides entitlements, as the official SDK makes them: each call's
// GraphQL document and variables, its result mapped to the official shape, and its
// failure worded as the official words it (`Failed to <action>. Error: <cause>`).
// Pure: the operations run through the `execute` given (the engine's urql client, or,
// on the page, an engine request), so this module can live on the page, loaded only
// when an app makes such a call.
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
} from '../api-model';
import { NO_CUSTOMER_MESSAGE } from '../messages';
import * as documents from './documents';
import { mapCoupon } from './mappers/catalog';
import { mapApplySubscription, mapCheckoutState, mapCustomerPortal } from './mappers/checkout';
import { plain } from './mappers/common';
import { mapCustomer } from './mappers/customer';
import { mapMockPaywall, mapPaywall } from './mappers/paywall';
import { mapSubscriptionPreview, mapSubscriptionPreviewV2 } from './mappers/preview';
import { getSdkConfiguration } from './sdk-configuration';
import { mapSubscription } from './mappers/subscription';
import { mapUsageHistory } from './mappers/usage';
import type * as Wire from './mappers/wire';
import type { ApiContext, ExecuteOperation, GraphqlOperation } from './operation';

export interface StiggApi<C extends ApiContext = ApiContext> {
  getPaywall(ctx: C, params?: GetPaywall): Promise<Paywall>;
  getCustomer(ctx: C): Promise<CustomerData>;
  getCustomerPortal(ctx: C, params?: GetCustomerPortal): Promise<CustomerPortal>;
  getActiveSubscriptions(ctx: C, params?: GetActiveSubscriptions): Promise<Subscription[]>;
  getActiveSubscriptionsList(ctx: C, params?: GetActiveSubscriptions): Promise<SlimSubscription[]>;
  getSubscription(ctx: C, params: GetSubscription): Promise<Subscription>;
  getCoupons(ctx?: C): Promise<Coupon[]>;
  getCheckoutState(ctx: C, params: GetCheckoutState): Promise<GetCheckoutStateResults>;
  applySubscription(ctx: C, params: ApplySubscription): Promise<ApplySubscriptionResults>;
  estimateSubscription(ctx: C, params: EstimateSubscription): Promise<SubscriptionPreview>;
  estimateSubscriptionUpdate(ctx: C, params: EstimateSubscriptionUpdate): Promise<SubscriptionPreview>;
  previewSubscription(ctx: C, params: PreviewSubscription): Promise<SubscriptionPreviewV2>;
  /** Resolves undefined on failure, as the official does. */
  fetchUsageHistory(ctx: C, params: FetchUsageHistory): Promise<UsageHistoryPoint[] | undefined>;
  getUsageHistoryV2(ctx: C, input: UsageHistoryV2Input): Promise<UsageHistoryV2>;
  /** Rejects with the official's authentication message on a bad key (`code: 'Unauthenticated'`); otherwise with the bare cause. */
  getSdkConfiguration(ctx?: C): Promise<SdkConfiguration>;
}

/** Told about every failure, as the official SDK logs them. */
export interface CallLogger {
  error(message: string, error: unknown): void;
}

type Variables = GraphqlOperation['variables'];

const MOCK_PRODUCT_PREFIX = 'stiggTestData';

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

/** The calls, running their operations through `execute`; calls made without a context pass `{}`. */
export function createStiggCalls<C extends ApiContext = ApiContext>(execute: ExecuteOperation<C>, logger?: CallLogger): StiggApi<C> {
  /** Runs `work`, rewording any failure as `Failed to <action>. Error: <cause>`. */
  async function guarded<R>(action: string, work: () => Promise<R>): Promise<R> {
    try {
      return await work();
    } catch (error) {
      const message = `Failed to ${action}. Error: ${(error as Error)?.message}`;
      logger?.error(message, error);
      throw new Error(message, { cause: error });
    }
  }

  const run = <T>(kind: GraphqlOperation['kind'], cache: GraphqlOperation['cache'], document: string, variables: Variables, ctx: C | undefined) =>
    execute({ kind, cache, document, variables }, ctx ?? ({} as C)) as Promise<T>;
  /** A read answered from storage when the network fails. */
  const query = <T>(document: string, variables: Variables, ctx?: C) => run<T>('query', 'stored', document, variables, ctx);
  /** A read never stored: secrets, or variables that change on every call (storage would only grow). */
  const freshQuery = <T>(document: string, variables: Variables, ctx?: C) => run<T>('query', 'fresh', document, variables, ctx);
  const mutation = <T>(document: string, variables: Variables, ctx?: C) => run<T>('mutation', 'fresh', document, variables, ctx);

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

    getSdkConfiguration: (ctx) => getSdkConfiguration(execute, ctx ?? ({} as C), logger),
  };
}
