// An app's own service worker, as a TypeScript user writes it: only the webworker library,
// and every declaration file checked. `self` is passed as TypeScript declares it (no
// `declare const self: ServiceWorkerGlobalScope`), as the README writes it.
import { installAppShell, installGatehouse, takeControl, type PrecacheEntry } from 'gatehouse/sw';

const manifest: PrecacheEntry[] = [{ url: '/assets/index-abc.js', revision: null }, { url: '/index.html', revision: '1' }];

takeControl(self);
installAppShell(self, { precache: manifest });
installAppShell(self, { precache: ['/index.html'] });
installGatehouse(self, { databaseName: 'gatehouse', engine: { sync: { requestTimeoutMs: 5_000 } } });
