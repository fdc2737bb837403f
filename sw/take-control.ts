import { serviceWorkerScope, type WorkerScope } from './scope';

/** Activates a new worker at once and makes it control the pages already open. */
export function takeControl(self: WorkerScope): void {
  const scope = serviceWorkerScope(self);
  scope.addEventListener('install', () => {
    void scope.skipWaiting();
  });
  scope.addEventListener('activate', (event) => {
    event.waitUntil(scope.clients.claim());
  });
}
