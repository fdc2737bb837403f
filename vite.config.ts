// The demo app. Its build also emits `sw.js` at the site root (so the worker's scope is
// the whole demo): the demo's own Workbox worker (`demo/sw.ts`, which installs Gatehouse
// into it), built as one classic script and prefixed with `self.__WB_MANIFEST`, the
// list of the demo's assets to precache.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type Plugin, type Rolldown } from 'vite';

const demoWorker = fileURLToPath(new URL('demo/sw.ts', import.meta.url));
const readyMadeWorker = fileURLToPath(new URL('dist/sw/sw.js', import.meta.url));
const publishedPageApi = fileURLToPath(new URL('dist/lib/gatehouse.js', import.meta.url));
const publishedServiceWorkerModule = fileURLToPath(new URL('dist/lib/sw.js', import.meta.url));
const demoPublicDir = fileURLToPath(new URL('demo/public', import.meta.url));
const demoPort = Number(process.env.DEMO_PORT ?? 4173);

function serviceWorkerWithPrecache(): Plugin {
  return {
    name: 'gatehouse:service-worker-with-precache',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const revision = (source: string | Uint8Array) => createHash('sha256').update(source).digest('hex').slice(0, 16);
      // Hashed build output needs no revision; the pages and the public files do.
      const manifest = Object.values(bundle)
        .filter((file) => !file.fileName.endsWith('.map'))
        .map((file) =>
          file.fileName.endsWith('.html') && file.type === 'asset'
            ? { url: file.fileName, revision: revision(file.source) }
            : { url: file.fileName, revision: null },
        );
      for (const path of await listFiles(demoPublicDir)) {
        manifest.push({ url: relative(demoPublicDir, path).split('\\').join('/'), revision: revision(await readFile(path)) });
      }
      const output = (await build({
        configFile: false,
        logLevel: 'warn',
        mode: 'production',
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
        resolve: { alias: [{ find: /^gatehouse\/sw$/, replacement: publishedServiceWorkerModule }] },
        build: {
          write: false,
          target: 'es2022',
          lib: { entry: demoWorker, formats: ['iife'], name: 'GatehouseDemoServiceWorker', fileName: () => 'sw.js' },
        },
      })) as Rolldown.RolldownOutput[];
      const worker = output[0]?.output[0]?.code;
      if (!worker) throw new Error('building demo/sw.ts produced no code');
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: `self.__WB_MANIFEST=${JSON.stringify(manifest)};\n${worker}` });
    },
  };
}

/**
 * The package as published (built before the demo), for the pages that use it as an app
 * does: `gatehouse` is dist/lib (the demo's worker takes `gatehouse/sw` from there too),
 * and the ready-made worker is copied to /ready-made/sw.js.
 */
function publishedPackage(): Plugin {
  return {
    name: 'gatehouse:published-package',
    apply: 'build',
    config: () => ({ resolve: { alias: [{ find: /^gatehouse$/, replacement: publishedPageApi }] } }),
    buildStart() {
      for (const built of [publishedPageApi, publishedServiceWorkerModule, readyMadeWorker]) {
        if (!existsSync(built)) throw new Error(`${built} is missing: \`npm run build\` builds it before the demo`);
      }
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'ready-made/sw.js', source: await readFile(readyMadeWorker, 'utf8') });
    },
  };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]))),
  );
  return nested.flat();
}

export default defineConfig({
  root: 'demo',
  build: {
    outDir: '../dist/demo',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      // harness.html: a bare page over the engine link for the engine's e2e tests.
      input: {
        index: fileURLToPath(new URL('demo/index.html', import.meta.url)),
        harness: fileURLToPath(new URL('demo/harness.html', import.meta.url)),
        // ready-made/: a bare app on the published package and its ready-made sw.js, for its e2e test.
        readyMade: fileURLToPath(new URL('demo/ready-made/index.html', import.meta.url)),
      },
    },
  },
  worker: { format: 'es' },
  plugins: [serviceWorkerWithPrecache(), publishedPackage()],
  server: { port: demoPort, strictPort: true },
  preview: { port: demoPort, strictPort: true },
});
