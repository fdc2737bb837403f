// The worker's global scope, as the functions of `gatehouse/sw` take it. An app's worker
// passes `self`, whose declared type depends on the app's `lib` setting (`WorkerGlobalScope`
// with "webworker", `Window` with "dom"): any object is accepted at compile time, and
// checked here at run time, so `installGatehouse(self)` compiles under `strict` with no
// `declare const self: ServiceWorkerGlobalScope`.

/** What `installGatehouse(self)` and `installAppShell(self)` accept: the worker's `self`. */
export type WorkerScope = object;

export function serviceWorkerScope(scope: WorkerScope): ServiceWorkerGlobalScope {
  const candidate = scope as Partial<ServiceWorkerGlobalScope>;
  if (
    typeof candidate.addEventListener !== 'function' ||
    typeof candidate.registration !== 'object' ||
    typeof candidate.clients !== 'object' ||
    typeof candidate.skipWaiting !== 'function'
  ) {
    throw new TypeError('Gatehouse: pass the service worker\'s global scope (`self` in the worker script)');
  }
  return scope as ServiceWorkerGlobalScope;
}
