// Every async Stigg call but the SDK configuration (./remote-calls makes that one): their
// documents, variables and result mappers (core/stigg-calls), loaded on a page's first
// such call, and the official's offline stand-ins.
import type { CustomerData } from '../core/api-model';
import { createStiggCalls, type StiggApi } from '../core/stigg-calls/calls';
import { withCustomerMethods } from '../core/stigg-calls/mappers/customer-methods';
import { offlineAnswer } from '../core/stigg-calls/offline-answers';
import { executeIn, type CallContext, type ClientContext, type RemoteMethod } from './remote-calls';

/** The customers in results get the official Customer's helper methods. */
function withCustomers(method: RemoteMethod, result: unknown): unknown {
  if (method === 'getCustomer') return withCustomerMethods(result as CustomerData);
  if ((method === 'getPaywall' || method === 'getCheckoutState') && result && typeof result === 'object') {
    const customer = (result as { customer?: CustomerData | null }).customer;
    if (customer) return { ...result, customer: withCustomerMethods(customer) };
  }
  return result;
}

/** The calls of each client, built on its first call. */
const callsOf = new WeakMap<ClientContext, StiggApi<CallContext>>();

function callsFor(client: ClientContext): StiggApi<CallContext> {
  let calls = callsOf.get(client);
  // No logger: `guard` logs each failure once, in the words the app sees.
  if (!calls) callsOf.set(client, (calls = createStiggCalls(executeIn(client))));
  return calls;
}

/** A call's result, its arguments already checked and its customer resolved. */
export async function runCall(client: ClientContext, method: RemoteMethod, context: CallContext, args: unknown): Promise<unknown> {
  const call = callsFor(client)[method] as (ctx: CallContext, args: unknown) => Promise<unknown>;
  return withCustomers(method, await call(context, args));
}

/** What a client initialized with `offline: true` answers, as the official's offline mode does. */
export function offlineResult(method: RemoteMethod): unknown {
  return withCustomers(method, offlineAnswer(method, new Date()));
}
