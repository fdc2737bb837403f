// Serves pages' engine requests in the service worker: each message is parsed with the
// core protocol (anything else is ignored), run through the one engine of this worker,
// and answered on the port it brought. The engine starts on the first request and lives
// as long as the worker; its state is in IndexedDB, so a restarted worker carries on.
import { envelope, heartbeat, HEARTBEAT_EVERY_MS } from '../core/protocol';
import { parseRequest } from '../core/requests';
import type { Engine } from '../engine/engine';

export function serveEngineRequests(scope: ServiceWorkerGlobalScope, startEngine: () => Engine): void {
  let engine: Engine | null = null;
  scope.addEventListener('message', (event) => {
    const request = parseRequest(event.data);
    const port = event.ports[0];
    if (!request || !port) return;
    engine ??= startEngine();
    const running = engine;
    // Beats while the answer is being worked on: the page tells a stopped worker from a slow one.
    const beat = () => {
      try {
        port.postMessage(heartbeat(request.id));
      } catch {
        // The page is gone: nothing to tell.
      }
    };
    beat();
    const beating = setInterval(beat, HEARTBEAT_EVERY_MS);
    const replied = running.reply(request.body).then((reply) => {
      clearInterval(beating);
      try {
        port.postMessage(envelope(request.id, reply));
      } catch (error) {
        // An answer that cannot be cloned still gets a reply, so the page does not wait out its timeout.
        port.postMessage(envelope(request.id, { ok: false, error: { message: `Gatehouse could not send the answer: ${String(error)}` } }));
      }
    });
    // Keep the worker alive for the answer and for the work it started (outbox, refreshes).
    event.waitUntil(replied.then(() => running.settled()));
  });
}
