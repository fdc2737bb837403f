// `call` requests: the Stigg calls other than entitlements (paywall, customer,
// subscriptions, ...), looked up by name on a Stigg API object built once per
// environment; the customer and its token travel with each call. The API object
// (engine/api) owns the documents, urql and graphcache; this module picks the object
// and the method, and gives graphcache its storage on the engine's IndexedDB.
import type { Connection, ConnectionWithoutCustomer } from '../core/protocol';
import type { Connectivity } from './connectivity';
import type { EngineEnvironment } from './environment';
import type { EngineStore } from './storage/engine-store';
import { createGraphcacheStorage } from './storage/graphcache-storage';
import type { ApiContext, StiggApiConfig } from './api/client';

/** Builds the API object for one environment (engine/api's createStiggApi). */
export type StiggApiFactory = (config: StiggApiConfig) => object;

export class CallDispatcher {
  private readonly apis = new Map<string, object>();

  constructor(
    private readonly factory: StiggApiFactory | undefined,
    private readonly env: EngineEnvironment,
    private readonly store: EngineStore,
    private readonly connectivity: Connectivity,
    private readonly requestTimeoutMs: number,
  ) {}

  async call(connection: Connection | ConnectionWithoutCustomer, method: string, args: unknown): Promise<unknown> {
    const api = this.apiFor(connection);
    const fn = (api as Record<string, unknown>)[method];
    if (method.startsWith('_') || method in Object.prototype || typeof fn !== 'function') {
      throw new Error(`Gatehouse has no Stigg call named "${method}"`);
    }
    const { customerId, resourceId, customerToken } = connection;
    const context: ApiContext = { customerId, resourceId, customerToken };
    return (fn as (context: ApiContext, args: unknown) => Promise<unknown>).call(api, context, args);
  }

  private apiFor(connection: Connection | ConnectionWithoutCustomer): object {
    if (!this.factory) throw new Error('Gatehouse: this engine was started without a Stigg API for calls');
    const { baseUri, apiKey, clientName, clientVersion } = connection;
    // One API object per environment; the customer token travels with each call, never stored.
    const key = JSON.stringify([baseUri, apiKey, clientName ?? null, clientVersion ?? null]);
    let api = this.apis.get(key);
    if (!api) {
      const storage = createGraphcacheStorage(this.store, JSON.stringify([baseUri, apiKey]), this.connectivity);
      api = this.factory({
        baseUri,
        apiKey,
        clientName,
        clientVersion,
        fetch: this.env.fetch,
        requestTimeoutMs: this.requestTimeoutMs,
        storage,
      });
      this.apis.set(key, api);
    }
    return api;
  }
}
