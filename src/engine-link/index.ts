// Connects the page to the sync engine: in the service worker when one can be had
// (the default), else in the page with one leader tab. See docs/engine.md.
import { messageOf } from '../../core/messages';
import { connectPageHost } from './page-host';
import { connectServiceWorker } from './service-worker-link';
import { DEFAULT_REQUEST_TIMEOUT_MS, type ConnectOptions, type EngineLink } from './link';

export type { ConnectOptions, EngineHost, EngineLink } from './link';
export { readLocalUsage, readStoredSnapshot } from './stored-data';

/** How long 'auto' waits for a service worker to register and activate before using the page host. */
const AUTO_ACTIVATION_TIMEOUT_MS = 5_000;

export async function connectEngine(options: ConnectOptions = {}): Promise<EngineLink> {
  const host = options.host ?? 'auto';
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (host === 'page') return connectPageHost({ requestTimeoutMs });
  const serviceWorker = {
    url: options.serviceWorkerUrl ?? '/sw.js',
    scope: options.scope,
    requestTimeoutMs,
    activationTimeoutMs: host === 'auto' ? AUTO_ACTIVATION_TIMEOUT_MS : 30_000,
  };
  if (host === 'service-worker') return connectServiceWorker(serviceWorker);
  try {
    return await connectServiceWorker(serviceWorker);
  } catch (error) {
    options.log?.(`Running the engine in the page: ${messageOf(error)}`);
    return connectPageHost({ requestTimeoutMs });
  }
}
