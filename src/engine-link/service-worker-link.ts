// The engine in the service worker: requests go to the active worker over a
// MessageChannel each (this works before the page is controlled), with a timeout, and
// are sent once more if the worker was restarted or replaced meanwhile: at once when its
// heartbeat stops (a stopped worker), so a request resolves within one request timeout.
import { envelope, isHeartbeat, parseReply, SILENT_AFTER_MS, type EngineRequest } from '../../core/protocol';
import { safeToRepeat } from '../../core/requests';
import { postLoadedAssets } from './loaded-assets';
import { subscribeToPartition, subscribeToStatus } from './broadcasts';
import { newRequestId, unwrapReply, type EngineLink } from './link';

export interface ServiceWorkerLinkOptions {
  url: string;
  scope?: string | undefined;
  requestTimeoutMs: number;
  /** How long registration and activation may take before the caller gives up. */
  activationTimeoutMs: number;
}

/** The browser offers no service workers here (unsupported, blocked, private mode): nothing the app's worker could fix. */
export class NoServiceWorkersError extends Error {}

export async function connectServiceWorker(options: ServiceWorkerLinkOptions): Promise<EngineLink> {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) {
    throw new NoServiceWorkersError('this browser offers no service workers here');
  }
  const registration = await withTimeout(
    navigator.serviceWorker.register(options.url, options.scope ? { scope: options.scope } : undefined).then(activeWorkerOf),
    options.activationTimeoutMs,
    `the service worker did not activate within ${options.activationTimeoutMs} ms`,
  );
  if (registration.active) postLoadedAssets(registration.active, options.url);

  async function request(body: EngineRequest): Promise<unknown> {
    const worker = registration.active;
    if (!worker) throw new Error('Gatehouse: the service worker is not active');
    const deadline = Date.now() + options.requestTimeoutMs;
    try {
      return await send(worker, body, options.requestTimeoutMs);
    } catch (error) {
      if (!(error instanceof NoReplyError) || !safeToRepeat(body)) throw error;
      // The worker was stopped mid-request (or a new version took over): ask once more,
      // within what is left of the one request timeout.
      const left = deadline - Date.now();
      if (left <= 0) throw error;
      return send(registration.active ?? worker, body, left);
    }
  }

  return {
    host: 'service-worker',
    request,
    subscribe: subscribeToPartition,
    onStatus: subscribeToStatus,
    close: () => {},
  };
}

class NoReplyError extends Error {}

function send(worker: ServiceWorker, body: EngineRequest, timeoutMs: number): Promise<unknown> {
  const id = newRequestId();
  const channel = new MessageChannel();
  return new Promise<unknown>((resolve, reject) => {
    let silence: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      clearTimeout(timer);
      clearTimeout(silence);
      channel.port1.close();
    };
    const timer = setTimeout(() => {
      stop();
      reject(new NoReplyError(`Gatehouse: the service worker did not answer "${body.type}" within ${timeoutMs} ms`));
    }, timeoutMs);
    channel.port1.onmessage = (event: MessageEvent) => {
      if (isHeartbeat(event.data, id)) {
        // The worker has the request: silence from now on means it was stopped.
        clearTimeout(silence);
        silence = setTimeout(() => {
          stop();
          reject(new NoReplyError(`Gatehouse: the service worker stopped while answering "${body.type}"`));
        }, SILENT_AFTER_MS);
        return;
      }
      const reply = parseReply(event.data);
      if (!reply || reply.id !== id) return;
      stop();
      try {
        resolve(unwrapReply(reply.body));
      } catch (error) {
        reject(error);
      }
    };
    worker.postMessage(envelope(id, body), [channel.port2]);
  });
}

async function activeWorkerOf(registration: ServiceWorkerRegistration | undefined): Promise<ServiceWorkerRegistration> {
  // A browser that blocks service workers may resolve the registration with nothing.
  if (typeof registration !== 'object' || registration === null) throw new NoServiceWorkersError('this browser offers no service workers here');
  if (registration.active) return registration;
  const pending = registration.installing ?? registration.waiting;
  if (!pending) throw new Error('the service worker registration has no worker');
  await new Promise<void>((resolve, reject) => {
    if (pending.state === 'activated') resolve();
    pending.addEventListener('statechange', () => {
      if (pending.state === 'activated') resolve();
      if (pending.state === 'redundant') reject(new Error('the service worker failed to install'));
    });
  });
  return registration;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
