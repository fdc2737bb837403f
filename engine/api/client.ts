// The whole Stigg call stack in one process: the pure call semantics (core/stigg-calls)
// over this engine's GraphQL executor. The engine itself runs only the executor (the page
// runs the semantics and sends it operations); this is for tests and for code that has
// both at hand.
import { createStiggCalls, type CallLogger, type StiggApi } from '../../core/stigg-calls/calls';
import { createGraphqlExecutor, type GraphqlExecutorConfig } from './executor';

export interface StiggApiConfig extends GraphqlExecutorConfig {
  /** Told about every failure, as the official SDK logs them. */
  logger?: CallLogger;
}

export function createStiggApi(config: StiggApiConfig): StiggApi {
  return createStiggCalls(createGraphqlExecutor(config), config.logger);
}

export type { ApiContext } from '../../core/stigg-calls/operation';
export type { StiggApi } from '../../core/stigg-calls/calls';
