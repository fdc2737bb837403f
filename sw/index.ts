// Gatehouse's service-worker side, to install into an app's own service worker:
//   import { installGatehouse } from 'gatehouse/sw';
//   installGatehouse(self);
// Apps without a service worker register the ready-made one built from sw/sw.ts.
// docs/engine.md shows the Workbox case.
import type { EngineSettings } from '../engine/settings';
import { startEngine } from '../engine/start';
import { recordActivations } from './activation-record';
import { serveEngineRequests } from './engine-messages';
import { handlePageMessages } from './messages';
import { serviceWorkerScope, type WorkerScope } from './scope';

export interface GatehouseWorkerOptions {
  /** IndexedDB database name; defaults to 'gatehouse'. The page's warm start reads the default one. */
  databaseName?: string;
  /** Engine settings (timeouts, retry policy, outbox bounds); mostly for tests. */
  engine?: EngineSettings;
}

export function installGatehouse(self: WorkerScope, options: GatehouseWorkerOptions = {}): void {
  const scope = serviceWorkerScope(self);
  recordActivations(scope, options.databaseName);
  handlePageMessages(scope);
  serveEngineRequests(scope, () =>
    startEngine('service-worker', {
      ...options.engine,
      storage: { ...options.engine?.storage, databaseName: options.databaseName },
    }),
  );
}

export { installAppShell, type AppShellOptions, type PrecacheEntry } from './app-shell';
export { takeControl } from './take-control';
export type { WorkerScope } from './scope';
export { GATEHOUSE_VERSION } from './version';
export type { ActivationRecord } from './meta-records';
export type { PageToWorkerMessage, PingMessage, PongMessage, WorkerToPageMessage } from './protocol';
