// `gatehouse/vite`: one line in an app's Vite config gives it Gatehouse's ready-made
// service worker. In dev, `/sw.js` is served (the engine only, no caching of the dev
// server's modules); in a build, `sw.js` is emitted with the build's precache manifest
// (Workbox's `{ url, revision }` entries), so the app loads offline after one visit.
//
//   import gatehouse from 'gatehouse/vite';
//   export default defineConfig({ plugins: [gatehouse()] });
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, ResolvedConfig } from 'vite';

export interface GatehouseViteOptions {
  /** The worker's file name at the site's base; the page API registers `/sw.js` by default. */
  fileName?: string;
}

export interface PrecacheEntry {
  url: string;
  revision: string | null;
}

/** The ready-made worker, next to this file in the package: dist/vite/index.js → dist/sw/sw.js. */
const READY_MADE_WORKER = fileURLToPath(new URL('../sw/sw.js', import.meta.url));

export default function gatehouse(options: GatehouseViteOptions = {}): Plugin {
  const fileName = (options.fileName ?? 'sw.js').replace(/^\/+/, '');
  let config: ResolvedConfig | undefined;
  return {
    name: 'gatehouse',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    configureServer(server) {
      const path = `${server.config.base.replace(/\/?$/, '/')}${fileName}`;
      server.middlewares.use((request, response, next) => {
        if (request.url?.split('?')[0] !== path) return next();
        readFile(READY_MADE_WORKER, 'utf8').then(
          (worker) => {
            response.setHeader('Content-Type', 'text/javascript; charset=utf-8');
            response.setHeader('Cache-Control', 'no-cache');
            // The dev server's modules change on every edit: the worker must not cache them.
            response.end(`self.__GATEHOUSE_DEV__=true;\n${worker}`);
          },
          (error: unknown) => next(error),
        );
      });
    },
    async generateBundle(_options, bundle) {
      const manifest: PrecacheEntry[] = Object.values(bundle)
        .filter((file) => !file.fileName.endsWith('.map') && file.fileName !== fileName)
        .map((file) => ({
          url: file.fileName,
          // Hashed build output needs no revision; the pages do.
          revision: file.type === 'asset' && file.fileName.endsWith('.html') ? revisionOf(file.source) : null,
        }));
      const publicDir = config?.publicDir;
      if (publicDir) {
        for (const path of await listFiles(publicDir)) {
          const url = relative(publicDir, path).split('\\').join('/');
          if (url !== fileName) manifest.push({ url, revision: revisionOf(await readFile(path)) });
        }
      }
      const worker = await readFile(READY_MADE_WORKER, 'utf8');
      this.emitFile({ type: 'asset', fileName, source: `self.__GATEHOUSE_PRECACHE__=${JSON.stringify(manifest)};\n${worker}` });
    },
  };
}

function revisionOf(source: string | Uint8Array): string {
  return createHash('sha256').update(source).digest('hex').slice(0, 16);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]))),
  );
  return nested.flat();
}
