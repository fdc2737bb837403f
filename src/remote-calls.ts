// The async Stigg calls: loaded on a page's first such call, so the code a page needs
// for its first entitlement answer stays small. The calls' semantics (documents,
// variables, result mappers, failure wording) run here, from core/stigg-calls; their
// GraphQL operations go to the engine as `graphql` requests, which runs them with urql
// and its offline cache. Failures reject with the official `Failed to <do X>. Error:
// <cause>` messages. A client initialized with `offline: true` gets the official's
// offline stand-ins instead, and never reaches the engine. Every page start asks for the
// SDK configuration: that call is made from here alone; every other call's documents and
// mappers load on the first of them (./stigg-api-calls).
import type { Connection, ConnectionWithoutCustomer, EngineRequest } from '../core/protocol';
import { isLocalUsageRecord } from '../core/records';
import type { StiggApi } from '../core/stigg-calls/calls';
import type { ApiContext, ExecuteOperation } from '../core/stigg-calls/operation';
import { getSdkConfiguration } from '../core/stigg-calls/sdk-configuration';
import { checkoutFromUrl, pollForSubscription } from './checkout';
import { messageOf, NO_CUSTOMER_MESSAGE } from '../core/messages';
import { checkArguments } from '../core/argument-checks';
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
} as const satisfies Record<keyof StiggApi, string>;
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

/** Rejects with `Failed to <action>. Error: <cause>`; the Stigg calls already word their own failures so. */
export async function guard<T>(logger: LoggerService, action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const message = messageOf(error);
    const wrapped = new Error(message.startsWith(`Failed to ${action}.`) ? message : `Failed to ${action}. Error: ${message}`);
    // As the official: the message, and the Error that caused it (with its stack).
    logger.error(wrapped.message, error instanceof Error ? error : wrapped);
    throw wrapped;
  }
}

/** A call's context: who it is for, and the connection its operations go to the engine with. */
export interface CallContext extends ApiContext {
  connection: Connection | ConnectionWithoutCustomer;
}

/** Runs an operation in the engine; a failure rejects with the engine's message and code (see unwrapReply). */
export const executeIn =
  (client: ClientContext): ExecuteOperation<CallContext> =>
  (operation, { connection }) =>
    client.request({ type: 'graphql', connection, operation });

const loadCalls = () => import('./stigg-api-calls');

export function callRemote(client: ClientContext, method: RemoteMethod, args: unknown): Promise<unknown> {
  return guard(client.logger, ACTIONS[method], async () => {
    checkArguments(method, args);
    if (client.offline) return (await loadCalls()).offlineResult(method);
    const view = client.customerView();
    if (!view && !CUSTOMER_OPTIONAL.has(method)) throw new Error(NO_CUSTOMER_MESSAGE);
    const connection: Connection | ConnectionWithoutCustomer = view ? view.connection : client.anonymousConnection();
    const { customerId, resourceId, customerToken } = connection;
    const context = { customerId, resourceId, customerToken, connection };
    // No logger: `guard` logs each failure once, in the words the app sees.
    if (method === 'getSdkConfiguration') return getSdkConfiguration(executeIn(client), context);
    return (await loadCalls()).runCall(client, method, context, args ?? {});
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
    if (client.offline) throw new Error('the client was initialized with offline: true');
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
  params: { timeoutMs?: number; refreshOnComplete?: boolean },
  refresh: () => Promise<void>,
): Promise<unknown> {
  checkArguments('waitForCheckoutCompleted', params);
  const { timeoutMs = 15_000, refreshOnComplete = true } = params;
  if (client.offline) return null;
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
