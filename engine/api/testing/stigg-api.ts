// The whole Stigg call stack in one process, for tests: the pure call semantics
// (core/stigg-calls) over the engine's GraphQL executor. In the product the page runs the
// semantics and the engine only the executor.
import { createStiggCalls, type CallLogger, type StiggApi } from '../../../core/stigg-calls/calls';
import { createGraphqlExecutor, type GraphqlExecutorConfig } from '../executor';

export interface StiggApiConfig extends GraphqlExecutorConfig {
  /** Told about every failure, as the official SDK logs them. */
  logger?: CallLogger;
}

export function createStiggApi(config: StiggApiConfig): StiggApi {
  return createStiggCalls(createGraphqlExecutor(config), config.logger);
}

