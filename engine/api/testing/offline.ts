// Test-only: what the offline-cache tests share.
import { afterAll, beforeAll, vi } from 'vitest';

/** Graphcache skips persisting under NODE_ENV=test; call inside a describe block to persist as in production. */
export function persistAsInProduction(): void {
  beforeAll(() => void vi.stubEnv('NODE_ENV', 'development'));
  afterAll(() => void vi.unstubAllEnvs());
}

/** A fetch that fails as a dropped connection does once `cut()` is called. */
export function cuttableNetwork(): { fetch: typeof fetch; cut(): void } {
  let online = true;
  return {
    fetch: (input, init) => (online ? fetch(input, init) : Promise.reject(new TypeError('Failed to fetch'))),
    cut: () => void (online = false),
  };
}
