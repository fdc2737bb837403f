// Measures what the official SDK's `waitForInitialization` does with `lazyLoad: true`
// when the API cannot be reached, and when it can, in the order Stigg's React SDK calls
// it: `initialize` with the customer and `lazyLoad`, `setCustomerId` (not awaited), then
// `waitForInitialization`; and without `setCustomerId`.
// `npx tsx bench/official/lazy-load-unreachable.ts`: prints when the promise settles and how.
// The figures are quoted in docs/compat.md.
import officialModule from '@stigg/js-client-sdk';
import { startEmulator } from '../../server/index';

const LIMIT_MS = Number(process.env.LIMIT_MS ?? 120_000);
// Under tsx the CommonJS bundle arrives as the namespace, its `default` one level down.
const Stigg = (officialModule as unknown as { default?: typeof officialModule }).default ?? officialModule;

async function observe(label: string, baseUri: string, baseEdgeUri: string, setsCustomer: boolean): Promise<void> {
  const errors: string[] = [];
  const logger = { log: () => {}, debug: () => {}, error: (message: string) => void errors.push(message) };
  const started = Date.now();
  const stigg = Stigg.initialize({
    apiKey: 'client-demo-key',
    baseUri,
    baseEdgeUri,
    customerId: 'customer-demo-01',
    lazyLoad: true,
    logConfiguration: { logger, logLevel: 'ERROR' as never },
  });
  if (setsCustomer) void stigg.setCustomerId('customer-demo-01').catch(() => undefined);
  const outcome = await Promise.race([
    stigg.waitForInitialization().then(
      () => `resolved after ${Date.now() - started} ms`,
      (error: Error) => `rejected after ${Date.now() - started} ms: ${error.message}`,
    ),
    new Promise<string>((resolve) => setTimeout(() => resolve(`still pending after ${LIMIT_MS} ms`), LIMIT_MS)),
  ]);
  const check = stigg.getBooleanEntitlement({ featureId: 'feature-demo-02' });
  // Not console.log: the official merges the logger given to it into the global console.
  process.stdout.write(
    `${label}: waitForInitialization ${outcome}; isCustomerLoaded ${stigg.isCustomerLoaded}; ` +
      `a getter then answers isFallback ${check.isFallback}; errors logged: ${errors.length ? errors.join(' | ') : 'none'}\n`,
  );
}

const emulator = await startEmulator({ port: 0 });
await observe('API reachable, setCustomerId', emulator.url, emulator.url, true);
await observe('API reachable, no setCustomerId', emulator.url, emulator.url, false);
await emulator.close();
// Nothing listens on this port: every request is refused.
const unreachable = 'http://127.0.0.1:4219';
await observe('API unreachable (connection refused), setCustomerId', unreachable, unreachable, true);
process.exit(0);
