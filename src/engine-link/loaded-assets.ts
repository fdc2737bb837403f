// Names to the service worker the assets this page loaded (its resource timing entries),
// so that the worker caches the ones it did not see: on a first visit the page loads
// before the worker controls it. The rule of what to name is core/loaded-assets.ts.
import { assetsToCache } from '../../core/loaded-assets';

export function postLoadedAssets(worker: ServiceWorker, serviceWorkerUrl: string): void {
  if (typeof performance === 'undefined' || typeof performance.getEntriesByType !== 'function') return;
  const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  const urls = assetsToCache(resources, location.origin, [new URL(serviceWorkerUrl, location.href).href]);
  if (urls.length > 0) worker.postMessage({ type: 'gatehouse:cache-assets', urls });
}
