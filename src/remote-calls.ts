// The async Stigg calls that go to the engine: loaded on a page's first such call, so
// the code a page needs for its first entitlement answer stays small. Failures reject
// with the official `Failed to <do X>. Error: <cause>` messages.
import type { CustomerData } from '../core/api-model';
import type { Connection, ConnectionWithoutCustomer, EngineRequest } from '../core/protocol';
import { isLocalUsageRecord } from '../core/protocol';
import { withCustomerMethods } from '../engine/api/mappers/customer-methods';
import { checkoutFromUrl, pollForSubscription } from './checkout';
import { messageOf, NO_CUSTOMER_MESSAGE } from '../core/messages';
import type { LoggerService } from './logger';
import type { PartitionView } from './partition-view';

/** What each proxied method does, in the words of its failure message. */
const ACTIONS = {
  getPaywall: 'get paywall',
  getCoupons: 'get coupons',
  getCustomer: 'get customer',
  getCustomerPortal: 'get customer portal details',
  getCheckoutState: 'get checkout details',
  applySubscription: 'apply subscription to customer',
  fetchUsageHistory: 'fetch usage history',
  getUsageHistoryV2: 'get usage history',
  estimateSubscription: 'estimate subscription',
  estimateSubscriptionUpdate: 'estimate subscription update',
  previewSubscription: 'estimate checkout',
  getActiveSubscriptions: 'get active subscriptions',
  getActiveSubscriptionsList: 'get active subscriptions list',
  getSubscription: 'get subscription',
  getSdkConfiguration: 'load sdk configuration',
} as const;
export type RemoteMethod = keyof typeof ACTIONS;

/** Calls that need no customer (the public paywall). */
const CUSTOMER_OPTIONAL: ReadonlySet<RemoteMethod> = new Set(['getPaywall', 'getSdkConfiguration']);

/** What the remote calls need of the client. */
export interface ClientContext {
  logger: LoggerService;
  offline: boolean;
  request(body: EngineRequest): Promise<unknown>;
  /** The customer's partition, or null when no customer is set. */
  customerView(): PartitionView | null;
  /** A connection for calls made before any customer is set. */
  anonymousConnection(): ConnectionWithoutCustomer;
  viewFor(resourceId: unknown): PartitionView | null;
}

/** Rejects with `Failed to <action>. Error: <cause>`; the engine's API layer already words its own failures so. */
export async function guard<T>(logger: LoggerService, action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const message = messageOf(error);
    const wrapped = new Error(message.startsWith(`Failed to ${action}.`) ? message : `Failed to ${action}. Error: ${message}`);
    logger.error(wrapped.message);
    throw wrapped;
  }
}

/** Customers lose their helper methods crossing into the page; they are put back here. */
function withCustomers(method: RemoteMethod, result: unknown): unknown {
  if (method === 'getCustomer') return withCustomerMethods(result as CustomerData);
  if ((method === 'getPaywall' || method === 'getCheckoutState') && result && typeof result === 'object') {
    const customer = (result as { customer?: CustomerData | null }).customer;
    if (customer) return { ...result, customer: withCustomerMethods(customer) };
  }
  return result;
}

export function callRemote(client: ClientContext, method: RemoteMethod, args: unknown): Promise<unknown> {
  return guard(client.logger, ACTIONS[method], async () => {
    if (client.offline) throw new Error('the client was initialized with offline: true');
    const view = client.customerView();
    if (!view && !CUSTOMER_OPTIONAL.has(method)) throw new Error(NO_CUSTOMER_MESSAGE);
    const connection: Connection | ConnectionWithoutCustomer = view ? view.connection : client.anonymousConnection();
    return withCustomers(method, await client.request({ type: 'call', connection, method, args: args ?? {} }));
  });
}

export interface RecordUsage {
  featureId: string;
  value: number;
  resourceId?: string;
}

/** Records local usage through the engine (which checks the limit) and applies it to the view at once. */
export function recordUsage(client: ClientContext, params: RecordUsage): Promise<void> {
  return guard(client.logger, 'record usage', async () => {
    const { featureId, value, resourceId } = params ?? ({} as RecordUsage);
    if (typeof featureId !== 'string' || featureId === '') throw new TypeError('featureId must be a non-empty string');
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new TypeError('value must be a positive number');
    const view = client.viewFor(resourceId);
    if (!view) throw new Error(resourceId ? `Resource ${resourceId} is not the current resource` : NO_CUSTOMER_MESSAGE);
    const reply = await client.request({
      type: 'recordUsage',
      connection: view.connection,
      usageId: crypto.randomUUID(),
      featureId,
      amount: value,
      limitCheck: true,
    });
    if (Array.isArray(reply) && reply.every(isLocalUsageRecord)) await view.setLocalUsage(reply);
  });
}

export async function waitForCheckoutCompleted(
  client: ClientContext,
  { timeoutMs = 15_000, refreshOnComplete = true }: { timeoutMs?: number; refreshOnComplete?: boolean },
  refresh: () => Promise<void>,
): Promise<unknown> {
  if (typeof location === 'undefined') throw new Error('`waitForCheckoutCompleted` was called, but `window` is not defined');
  const checkout = checkoutFromUrl(location.search);
  if (!checkout) {
    client.logger.log('`waitForCheckoutCompleted` found no completed checkout in the page URL');
    return null;
  }
  const subscription = await pollForSubscription(
    checkout,
    (resourceId) => callRemote(client, 'getActiveSubscriptions', resourceId ? { resourceId } : {}) as Promise<{ id: string }[]>,
    timeoutMs,
  );
  if (refreshOnComplete) await refresh();
  return subscription;
}
