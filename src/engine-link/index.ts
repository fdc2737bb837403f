// Connects the page to the sync engine: in the service worker when one can be had
// (the default), else in the page with one leader tab. See docs/engine.md.
import { messageOf } from '../../core/messages';
import { isSyncStatus } from '../../core/protocol';
import { connectPageHost } from './page-host';
import { connectServiceWorker, NoServiceWorkersError } from './service-worker-link';
import { DEFAULT_REQUEST_TIMEOUT_MS, type ConnectOptions, type EngineLink } from './link';

export type { ConnectOptions, EngineHost, EngineLink } from './link';
export { readLocalUsage, readStoredSnapshot } from './stored-data';

/** How long 'auto' waits for a service worker to register and activate before using the page host. */
const AUTO_ACTIVATION_TIMEOUT_MS = 5_000;

export async function connectEngine(options: ConnectOptions = {}): Promise<EngineLink> {
  const host = options.host ?? 'auto';
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (host === 'page') return withHostReason(connectPageHost({ requestTimeoutMs }), "the configuration asks for host 'page'");
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
    if (error instanceof NoServiceWorkersError) {
      // Nothing the app can fix: said at the log level, and in the status.
      options.log?.(`Running the engine in the page: ${error.message}`);
      return withHostReason(connectPageHost({ requestTimeoutMs }), error.message);
    }
    const reason = `the service worker at ${new URL(serviceWorker.url, location.href).href} could not be used: ${messageOf(error)}`;
    options.log?.(`Running the engine in the page: ${reason}`);
    if (!warned) {
      warned = true;
      options.warn?.(
        `Gatehouse: ${reason}. The engine runs in this page instead: answers still come online, but reloads of this app will not load or answer offline until that URL serves Gatehouse's worker (see the README, "The service worker").`,
      );
    }
    return withHostReason(connectPageHost({ requestTimeoutMs }), reason);
  }
}

/** A missing or failing worker is said once per page, however many clients connect. */
let warned = false;

/** The page host's link, whose statuses say why the engine is in the page. */
function withHostReason(link: EngineLink, hostReason: string): EngineLink {
  const withReason = (status: unknown) => (isSyncStatus(status) ? { ...status, hostReason } : status);
  return {
    ...link,
    hostReason,
    request: (body) => link.request(body).then(withReason),
    onStatus: (listener) => link.onStatus((status) => listener({ ...status, hostReason })),
  };
}
