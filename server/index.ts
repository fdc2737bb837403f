// Programmatic entry: start the Stigg-compatible emulator. Port 0 picks a free port.
import type { AddressInfo } from 'node:net';
import { loadCatalog, DEFAULT_CATALOG_PATH } from './catalog';
import { Lookup } from './domain/lookup';
import { createEmulatorServer } from './http';
import { RequestLog } from './requestLog';
import { Store } from './state';
import type { Faults } from './faults';

export const DEFAULT_PORT = 3060;

export interface EmulatorOptions {
  port?: number;
  host?: string;
  catalogPath?: string;
  /** A JSON file that persists the state across restarts. */
  dataPath?: string;
}

export interface RunningEmulator {
  url: string;
  port: number;
  store: Store;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const catalog = loadCatalog(options.catalogPath ?? DEFAULT_CATALOG_PATH);
  const store = new Store(catalog, options.dataPath);
  const server = createEmulatorServer({ store, lookup: new Lookup(catalog), log: new RequestLog(), faults: { current: {} as Faults } });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
    port,
    store,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
