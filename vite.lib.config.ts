// The npm package's ES modules: the page API, the metering worker and the service-worker
// installer. Runtime dependencies stay imports, for the app's bundler to dedupe.
import { dirname, relative } from 'node:path';
import { defineConfig, type BuildEnvironmentOptions, type Plugin, type UserConfig } from 'vite';
import packageJson from './package.json' with { type: 'json' };

const dependencies = Object.keys(packageJson.dependencies);
const isDependency = (id: string) => dependencies.some((name) => id === name || id.startsWith(`${name}/`));

const METERING_WORKER_LITERAL = `'../worker/metering.worker.ts'`;
const METERING_WORKER_SOURCE = `${METERING_WORKER_LITERAL}, import.meta.url`;
const METERING_WORKER_ENTRY = 'metering.worker.js';
// As long as the literal it stands for, so the source map stays true.
const PLACEHOLDER = '__GATEHOUSE_METERING_WORKER'.padEnd(METERING_WORKER_LITERAL.length, '_');

/**
 * The page starts the metering worker from the package's own `metering.worker.js` entry,
 * written as `new Worker(new URL('<relative path>', import.meta.url))`: the form app
 * bundlers document for workers (Vite, webpack 5), so the app's build includes it. Left to
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

const output: BuildEnvironmentOptions = {
  outDir: 'dist/lib',
  target: 'es2022',
  sourcemap: true,
  rolldownOptions: { external: isDependency, output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
};

/**
 * The page API and the metering worker. Code the lazy parts share with the page stays in
 * gatehouse.js (`allow-extension` adds unnamed exports for them), so an app's bundler puts
 * everything before the first answer in one file instead of several.
 */
const pageApi: UserConfig = {
  plugins: [meteringWorkerForTheAppsBundler()],
  build: {
    ...output,
    emptyOutDir: true,
    lib: {
      entry: { gatehouse: 'src/index.ts', 'metering.worker': 'worker/metering.worker.ts' },
      formats: ['es'],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    rolldownOptions: { ...output.rolldownOptions, preserveEntrySignatures: 'allow-extension' },
  },
};

/** `gatehouse/sw`, built apart (`--mode service-worker`) so it shares no chunk with the page. */
const serviceWorkerModule: UserConfig = {
  build: {
    ...output,
    emptyOutDir: false,
    lib: { entry: { sw: 'sw/index.ts' }, formats: ['es'], fileName: () => 'sw.js' },
  },
};

export default defineConfig(({ mode }) => (mode === 'service-worker' ? serviceWorkerModule : pageApi));
