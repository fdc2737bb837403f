// Keeps an app's shell available offline: precached and same-origin static assets are
// served cache-first, navigations network-first with the cached shell as the fallback.
// Other requests (API calls, cross-origin) are left alone. Assets a page loaded before
// this worker controlled it are cached when the page names them (a
// `gatehouse:cache-assets` message, sent by Gatehouse's page API): so one online visit
// is enough for the app to load offline.
import { sameOriginUrl } from '../core/loaded-assets';
import { parsePageMessage } from './protocol';
import { serviceWorkerScope, type WorkerScope } from './scope';
import { GATEHOUSE_VERSION } from './version';
import { fnv1a } from '../core/fnv';

/** An entry of a precache manifest, in Workbox's format (`self.__WB_MANIFEST`). */
export interface PrecacheEntry {
  url: string;
  /** Null for URLs whose name changes with their content (hashed build output). */
  revision?: string | null;
}

export interface AppShellOptions {
  /**
   * What to cache at install, relative to the worker script: a build's precache manifest
   * (Workbox's `{ url, revision }` entries, as the `gatehouse/vite` plugin emits) or plain URLs.
   */
  precache?: readonly (string | PrecacheEntry)[] | undefined;
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

export function installAppShell(self: WorkerScope, options: AppShellOptions = {}): void {
  const scope = serviceWorkerScope(self);
  const shellUrl = scope.registration.scope;
  const entries = [{ url: shellUrl, revision: null }, ...(options.precache ?? []).map(toEntry)].map((entry) => ({
    url: new URL(entry.url, scope.location.href).href,
    revision: entry.revision ?? null,
  }));
  const precacheUrls = [...new Set(entries.map((entry) => entry.url))];
  // A new build (new asset list or revisions) gets a fresh cache; activation drops the old ones.
  const cacheName = `${CACHE_PREFIX}${GATEHOUSE_VERSION}-${hashOf(entries.map((entry) => `${entry.url} ${entry.revision ?? ''}`).join('\n'))}`;
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

  scope.addEventListener('message', (event) => {
    const message = parsePageMessage(event.data);
    if (message?.type !== 'gatehouse:cache-assets') return;
    const urls = message.urls.flatMap((url) => sameOriginUrl(url, scope.location.origin) ?? []);
    event.waitUntil(openCache().then((cache) => cacheMissing(cache, urls)));
  });
}

function toEntry(entry: string | PrecacheEntry): PrecacheEntry {
  return typeof entry === 'string' ? { url: entry, revision: null } : entry;
}

async function networkFirst(event: FetchEvent, openCache: () => Promise<Cache>, shellUrl: string): Promise<Response> {
  const key = withoutQuery(event.request.url);
  try {
    const response = await fetch(event.request);
    // Cloned before the response is returned: once the page reads its body, it cannot be cloned.
    if (response.ok) {
      const copy = response.clone();
      event.waitUntil(openCache().then((cache) => cache.put(key, copy)));
    }
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
  if (response.ok && response.type === 'basic') {
    const copy = response.clone();
    event.waitUntil(cache.put(event.request, copy));
  }
  return response;
}

/** Fetches and stores the URLs not cached yet; one that fails is skipped (the next visit retries it). */
async function cacheMissing(cache: Cache, urls: readonly string[]): Promise<void> {
  await Promise.all(
    urls.map(async (url) => {
      if (await cache.match(url, MATCH_OPTIONS)) return;
      try {
        const response = await fetch(url);
        if (response.ok && response.type === 'basic') await cache.put(url, response);
      } catch {
        // Offline or gone: nothing to cache.
      }
    }),
  );
}

async function deleteCaches(caches: CacheStorage, shouldDelete: (name: string) => boolean): Promise<void> {
  const names = await caches.keys();
  await Promise.all(names.filter(shouldDelete).map((name) => caches.delete(name)));
}

function withoutQuery(url: string): string {
  const parsed = new URL(url);
  return parsed.origin + parsed.pathname;
}

/** A hash as hex: enough to tell two asset lists apart in a cache name. */
const hashOf = (text: string): string => fnv1a(text).toString(16).padStart(8, '0');
