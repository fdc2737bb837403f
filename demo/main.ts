import { wrap } from 'comlink';
import { Workbox } from 'workbox-window';
import { getMeta, openStore, type MetaRecord } from '../engine/store';
import { isPongMessage, type PingMessage, type PongMessage } from '../sw/protocol';
import type { MeteringApi } from '../worker/metering-api';
import type {} from './smoke-hooks';

const worker = wrap<MeteringApi>(
  new Worker(new URL('../worker/metering.worker.ts', import.meta.url), { type: 'module' }),
);
const swReady = connectServiceWorker();

window.gatehouseSmoke = { worker, swReady, readMeta };

swReady.then(
  (pong) => showStatus(`Gatehouse ${pong.version}: the service worker controls this page.`),
  (error: unknown) => showStatus(`No service worker: ${error instanceof Error ? error.message : String(error)}`),
);

async function connectServiceWorker(): Promise<PongMessage> {
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

function showStatus(text: string): void {
  const status = document.querySelector('#status');
  if (status) status.textContent = text;
}
