// What the demo exposes on `window` for the end-to-end tests to drive.
import type { Remote } from 'comlink';
import type { MetaRecord } from '../engine/store';
import type { PongMessage } from '../sw/protocol';
import type { MeteringApi } from '../worker/metering-api';

export interface GatehouseSmoke {
  worker: Remote<MeteringApi>;
  /** Settles once a service worker controls this page and has answered a ping. */
  swReady: Promise<PongMessage>;
  readMeta(key: string): Promise<MetaRecord | undefined>;
}

declare global {
  interface Window {
    gatehouseSmoke: GatehouseSmoke;
  }
}
