// The npm package's ES modules: the page API, the service-worker installer and the
// metering worker. Runtime dependencies stay imports, for the app's bundler to dedupe.
import { relative, dirname } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import packageJson from './package.json' with { type: 'json' };

const dependencies = Object.keys(packageJson.dependencies);
const isDependency = (id: string) => dependencies.some((name) => id === name || id.startsWith(`${name}/`));

const METERING_WORKER_SOURCE = `'../worker/metering.worker.ts', import.meta.url`;
const METERING_WORKER_ENTRY = 'metering.worker.js';
// As long as the string it stands for, so the source map stays true.
const PLACEHOLDER = '__GATEHOUSE_METERING_WORKER'.padEnd("'../worker/metering.worker.ts'".length, '_');

/**
 * The page starts the metering worker from the package's own `metering.worker.js` entry,
 * written as `new Worker(new URL('<relative path>', import.meta.url))`: the form an app's
 * bundler (Vite, webpack 5) recognises, so it builds the worker into the app. Left to
 * itself, a library build would bundle the worker into an asset addressed from the site
 * root, which no app serves.
 */
function meteringWorkerForTheAppsBundler(): Plugin {
  return {
    name: 'gatehouse:metering-worker-for-the-apps-bundler',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('/src/worker-evaluation.ts')) return null;
      if (!code.includes(METERING_WORKER_SOURCE)) throw new Error(`${id} no longer contains ${METERING_WORKER_SOURCE}`);
      return { code: code.replace(METERING_WORKER_SOURCE, `${PLACEHOLDER}, import.meta.url`), map: null };
    },
    renderChunk(code, chunk) {
      if (!code.includes(PLACEHOLDER)) return null;
      const path = relative(dirname(chunk.fileName), METERING_WORKER_ENTRY);
      return { code: code.replace(PLACEHOLDER, JSON.stringify(path.startsWith('.') ? path : `./${path}`)), map: null };
    },
  };
}

export default defineConfig({
  plugins: [meteringWorkerForTheAppsBundler()],
  build: {
    outDir: 'dist/lib',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: {
        gatehouse: 'src/index.ts',
        sw: 'sw/index.ts',
        'metering.worker': 'worker/metering.worker.ts',
      },
      formats: ['es'],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    rolldownOptions: {
      external: isDependency,
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
