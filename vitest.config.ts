import { defineConfig } from 'vitest/config';

// Unit and integration tests that run in Node: the pure core, the engine (with
// fake-indexeddb), the page client on the page host, and the emulator over real HTTP.
// Browser behaviour is tested by Playwright under e2e/.
export default defineConfig({
  test: {
    include: ['{core,engine,src,sw,worker,server,scripts,demo}/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['vitest.setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
