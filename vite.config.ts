// The demo app. Its build also emits `sw.js` at the site root (so the worker's scope is
// the whole demo): the ready-made worker from `vite.sw.config.ts`, prefixed with the
// list of the demo's own assets to precache.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const readyMadeWorker = fileURLToPath(new URL('dist/sw/sw.js', import.meta.url));
const demoPort = Number(process.env.DEMO_PORT ?? 4173);

function serviceWorkerWithPrecache(): Plugin {
  return {
    name: 'gatehouse:service-worker-with-precache',
    apply: 'build',
    async generateBundle(_options, bundle) {
      const worker = await readFile(readyMadeWorker, 'utf8').catch(() => {
        throw new Error(`${readyMadeWorker} is missing: build it first with \`vite build -c vite.sw.config.ts\``);
      });
      // index.html is precached as the worker's scope root, which is how navigations ask for it.
      const assets = Object.keys(bundle).filter((file) => file !== 'index.html' && !file.endsWith('.map'));
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: `self.__GATEHOUSE_PRECACHE__=${JSON.stringify(assets)};\n${worker}`,
      });
    },
  };
}

export default defineConfig({
  root: 'demo',
  build: {
    outDir: '../dist/demo',
    emptyOutDir: true,
    target: 'es2022',
  },
  worker: { format: 'es' },
  plugins: [serviceWorkerWithPrecache()],
  server: { port: demoPort, strictPort: true },
  preview: { port: demoPort, strictPort: true },
});
