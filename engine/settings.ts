// What a host may tune in an engine. Apart from engine.ts so that `gatehouse/sw`'s public
// types never reach the GraphQL executor's, and through them urql's and wonka's (which
// need the DOM library).
import type { OutboxLimits } from '../core/outbox-policy';
import type { EngineEnvironment } from './environment';
import type { EngineStoreOptions } from './storage/engine-store';
import type { SyncLimits } from './sync';

export interface EngineSettings {
  environment?: Partial<EngineEnvironment>;
  storage?: EngineStoreOptions;
  /** Whether the network is reachable at start; pages relay changes. */
  online?: boolean;
  sync?: Partial<SyncLimits>;
  outbox?: Partial<OutboxLimits>;
}
