// Builds the bench site (bench/vite.bench.config.ts → dist/bench) and serves it on a free port.
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { createStaticServer } from '../../scripts/static-server';

export const SITE_DIR = fileURLToPath(new URL('../../dist/bench', import.meta.url));
const CONFIG = fileURLToPath(new URL('../vite.bench.config.ts', import.meta.url));

export interface Site {
  url: string;
  close(): Promise<void>;
}

export async function buildSite(): Promise<void> {
  await build({ configFile: CONFIG });
}

export async function serveSite(): Promise<Site> {
  if (!existsSync(SITE_DIR)) throw new Error(`${SITE_DIR} is missing: build the bench site first`);
  const server = createStaticServer(SITE_DIR);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
