/** Activates a new worker at once and makes it control the pages already open. */
export function takeControl(scope: ServiceWorkerGlobalScope): void {
  scope.addEventListener('install', () => {
    void scope.skipWaiting();
  });
  scope.addEventListener('activate', (event) => {
    event.waitUntil(scope.clients.claim());
  });
}
