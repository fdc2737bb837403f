// The service-worker and metering-worker hooks the smoke test (e2e/smoke.spec.ts) reads
// from `window.gatehouseSmoke`. The metering worker starts only when a test asks for it.
import { wrap, type Remote } from 'comlink';
import { Workbox } from 'workbox-window';
import { getMeta, openStore, type MetaRecord } from '../engine/store';
import { isPongMessage, type PingMessage, type PongMessage } from '../sw/protocol';
import type { MeteringApi } from '../worker/metering-api';
import type {} from './smoke-hooks';

export function installSmokeHooks(swReady: Promise<PongMessage>): void {
  let worker: Remote<MeteringApi> | undefined;
  window.gatehouseSmoke = {
    get worker() {
      worker ??= wrap<MeteringApi>(new Worker(new URL('../worker/metering.worker.ts', import.meta.url), { type: 'module' }));
      return worker;
    },
    swReady,
    readMeta,
  };
}

/** Registers the demo's service worker with Workbox, waits until it controls the page, and pings it. */
export async function connectServiceWorker(): Promise<PongMessage> {
  if (!('serviceWorker' in navigator)) throw new Error('this browser has no service workers');
  const container = navigator.serviceWorker;
  const controlled =
    container.controller !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => container.addEventListener('controllerchange', () => resolve(), { once: true }));
  const workbox = new Workbox('/sw.js');
  await workbox.register();
  await controlled;
  const ping: PingMessage = { type: 'gatehouse:ping' };
  const reply: unknown = await workbox.messageSW(ping);
  if (!isPongMessage(reply)) throw new Error('the service worker answered with an unknown message');
  return reply;
}

async function readMeta(key: string): Promise<MetaRecord | undefined> {
  const db = await openStore();
  try {
    return await getMeta(db, key);
  } finally {
    db.close();
  }
}
