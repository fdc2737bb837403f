// The engine as a host starts it: with the GraphQL executor for `graphql` requests, and
// the browser's own idea of connectivity until the pages relay theirs.
import { createGraphqlExecutor } from './api/executor';
import { Engine, type EngineOptions } from './engine';

export function startEngine(host: EngineOptions['host'], options: Partial<EngineOptions> = {}): Engine {
  return new Engine({
    host,
    graphql: createGraphqlExecutor,
    online: typeof navigator === 'undefined' ? true : navigator.onLine,
    ...options,
  });
}
