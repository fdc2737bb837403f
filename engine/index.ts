// The sync engine, for the hosts that run it (service worker, page leader).
export { Engine, DEFAULT_SYNC_LIMITS, type EngineOptions } from './engine';
export type { EngineEnvironment } from './environment';
export type { GraphqlExecutorFactory } from './call';
export { createGraphcacheStorage, type GraphcacheStorage } from './storage/graphcache-storage';
