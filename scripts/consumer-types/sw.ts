// An app's own service worker, as a TypeScript user writes it: only the webworker library,
// and every declaration file checked.
import { installAppShell, installGatehouse, takeControl } from 'gatehouse/sw';

declare const self: ServiceWorkerGlobalScope;

takeControl(self);
installAppShell(self, { precache: ['/index.html'] });
installGatehouse(self, { databaseName: 'gatehouse', engine: { sync: { requestTimeoutMs: 5_000 } } });
