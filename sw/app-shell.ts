// Keeps an app's shell available offline: precached and same-origin static assets are
// served cache-first, navigations network-first with the cached shell as the fallback.
// Other requests (API calls, cross-origin) are left alone.
import { GATEHOUSE_VERSION } from './version';

export interface AppShellOptions {
  /** URLs to cache at install, relative to the worker script: typically a build's hashed assets. */
  precache?: readonly string[];
}

const CACHE_PREFIX = 'gatehouse-shell-';
const STATIC_DESTINATIONS: ReadonlySet<RequestDestination> = new Set([
  'script',
  'style',
  'worker',
  'font',
  'image',
  'manifest',
]);
const MATCH_OPTIONS: CacheQueryOptions = { ignoreVary: true };

export function installAppShell(scope: ServiceWorkerGlobalScope, options: AppShellOptions = {}): void {
  const shellUrl = scope.registration.scope;
  const precacheUrls = [shellUrl, ...(options.precache ?? [])].map((url) => new URL(url, scope.location.href).href);
  // A new build (new asset list) gets a fresh cache; activation drops the old ones.
  const cacheName = `${CACHE_PREFIX}${GATEHOUSE_VERSION}-${hashOf(precacheUrls.join('\n'))}`;
  const openCache = () => scope.caches.open(cacheName);

  scope.addEventListener('install', (event) => {
    event.waitUntil(
      openCache().then((cache) => cache.addAll(precacheUrls.map((url) => new Request(url, { cache: 'reload' })))),
    );
  });

  scope.addEventListener('activate', (event) => {
    event.waitUntil(deleteCaches(scope.caches, (name) => name.startsWith(CACHE_PREFIX) && name !== cacheName));
  });

  scope.addEventListener('fetch', (event) => {
    const { request } = event;
    if (request.method !== 'GET' || new URL(request.url).origin !== scope.location.origin) return;
    if (request.mode === 'navigate') {
      event.respondWith(networkFirst(event, openCache, shellUrl));
    } else if (STATIC_DESTINATIONS.has(request.destination)) {
      event.respondWith(cacheFirst(event, openCache));
    }
  });
}

async function networkFirst(event: FetchEvent, openCache: () => Promise<Cache>, shellUrl: string): Promise<Response> {
  const key = withoutQuery(event.request.url);
  try {
    const response = await fetch(event.request);
    if (response.ok) event.waitUntil(openCache().then((cache) => cache.put(key, response.clone())));
    return response;
  } catch (error) {
    const cache = await openCache();
    const cached = (await cache.match(key, MATCH_OPTIONS)) ?? (await cache.match(shellUrl, MATCH_OPTIONS));
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(event: FetchEvent, openCache: () => Promise<Cache>): Promise<Response> {
  const cache = await openCache();
  const cached = await cache.match(event.request, MATCH_OPTIONS);
  if (cached) return cached;
  const response = await fetch(event.request);
  if (response.ok && response.type === 'basic') event.waitUntil(cache.put(event.request, response.clone()));
  return response;
}

async function deleteCaches(caches: CacheStorage, shouldDelete: (name: string) => boolean): Promise<void> {
  const names = await caches.keys();
  await Promise.all(names.filter(shouldDelete).map((name) => caches.delete(name)));
}

function withoutQuery(url: string): string {
  const parsed = new URL(url);
  return parsed.origin + parsed.pathname;
}

/** FNV-1a, 32 bits, as hex: enough to tell two asset lists apart in a cache name. */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
