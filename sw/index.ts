// Gatehouse's service-worker side, to install into an app's own service worker:
//   import { installGatehouse } from 'gatehouse/sw';
//   installGatehouse(self);
// Apps without a service worker register the ready-made one built from sw/sw.ts.
import { recordActivations } from './activation-record';
import { handlePageMessages } from './messages';

export interface GatehouseWorkerOptions {
  /** IndexedDB database name; defaults to 'gatehouse'. Pages must use the same one. */
  databaseName?: string;
}

export function installGatehouse(scope: ServiceWorkerGlobalScope, options: GatehouseWorkerOptions = {}): void {
  recordActivations(scope, options.databaseName);
  handlePageMessages(scope);
}

export { installAppShell, type AppShellOptions } from './app-shell';
export { takeControl } from './take-control';
export { GATEHOUSE_VERSION } from './version';
export type { ActivationRecord } from './meta-records';
export type { PageToWorkerMessage, PingMessage, PongMessage, WorkerToPageMessage } from './protocol';
