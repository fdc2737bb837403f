// The demo's own service worker, the way a PWA that already uses Workbox adds Gatehouse:
// Workbox precaches the app shell (the build injects `self.__WB_MANIFEST`, see
// vite.config.ts) and serves every navigation from it, and `installGatehouse` adds the
// entitlement engine to the same worker, from the package as published (`gatehouse/sw` is
// dist/lib/sw.js in the demo build).
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { installGatehouse, takeControl } from 'gatehouse/sw';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

takeControl(self);
cleanupOutdatedCaches();
// The pages read their configuration from the query (`?customerId=…`), so a query never
// makes a precached page a different page.
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/] });
// An app shell: any other navigation inside the scope (a path with no file extension)
// gets the precached page, online or not.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/\/[^/?]+\.[a-z0-9]+(\?.*)?$/i] }));
installGatehouse(self);
