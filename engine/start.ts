// The engine as a host starts it: with the Stigg API for `call` requests, and the
// browser's own idea of connectivity until the pages relay theirs.
import { createStiggApi } from './api/client';
import { Engine, type EngineOptions } from './engine';

export function startEngine(host: EngineOptions['host'], options: Partial<EngineOptions> = {}): Engine {
  return new Engine({
    host,
    api: createStiggApi,
    online: typeof navigator === 'undefined' ? true : navigator.onLine,
    ...options,
  });
}
