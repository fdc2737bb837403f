import { openStore, putMeta } from '../engine/store';
import type { ActivationRecord } from './meta-records';
import { GATEHOUSE_VERSION } from './version';

/** On activation, notes in IndexedDB which Gatehouse version took over and when. */
export function recordActivations(scope: ServiceWorkerGlobalScope, databaseName?: string): void {
  scope.addEventListener('activate', (event) => {
    event.waitUntil(writeActivation(databaseName));
  });
}

async function writeActivation(databaseName: string | undefined): Promise<void> {
  const record: ActivationRecord = { key: 'sw', version: GATEHOUSE_VERSION, activatedAt: Date.now() };
  try {
    const db = await openStore(databaseName);
    try {
      await putMeta(db, record);
    } finally {
      db.close();
    }
  } catch (error) {
    // Storage can be unavailable (private mode, quota); the worker must still activate.
    console.warn('Gatehouse: could not record activation', error);
  }
}
