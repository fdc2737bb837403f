// The npm package's ES modules: the page API, the metering worker and the service-worker
// installer. Runtime dependencies stay imports, for the app's bundler to dedupe.
import { dirname, relative } from 'node:path';
import { defineConfig, type BuildEnvironmentOptions, type Plugin, type UserConfig } from 'vite';
import packageJson from './package.json' with { type: 'json' };

const dependencies = Object.keys(packageJson.dependencies);
// React is the app's own (an optional peer dependency of `gatehouse/react`).
const external = [...dependencies, 'react', 'react-dom'];
const isDependency = (id: string) => external.some((name) => id === name || id.startsWith(`${name}/`));

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

const PAGE_API_MODULE = 'chunks/page-api.js';

/**
 * `gatehouse.js`: the public entry, re-exporting exactly the public names of src/index.ts
 * from the page API module. That module also carries unnamed exports for the code the lazy
 * parts share with it (see `pageApi`), which must not leave the package: an `export *` of
 * the package (as Stigg's React SDK does) would republish them.
 */
function publicEntry(): Plugin {
  return {
    name: 'gatehouse:public-entry',
    async generateBundle(_options, bundle) {
      const pageApi = bundle[PAGE_API_MODULE];
      if (pageApi?.type !== 'chunk' || !pageApi.facadeModuleId) throw new Error(`${PAGE_API_MODULE} was not built`);
      // The names a module exports, following `export *` (types are gone by now).
      const exportsOf = async (id: string): Promise<string[]> => {
        const code = this.getModuleInfo(id)?.code;
        if (code == null) throw new Error(`the code of ${id} is unknown`);
        const body = this.parse(code).body as unknown as ExportNode[];
        const names: string[] = [];
        for (const node of body) {
          if (node.type === 'ExportDefaultDeclaration') names.push('default');
          if (node.type === 'ExportNamedDeclaration') {
            names.push(...(node.specifiers ?? []).map((specifier) => specifier.exported.name));
            const declaration = node.declaration;
            if (declaration?.id) names.push(declaration.id.name);
            for (const declarator of declaration?.declarations ?? []) names.push(declarator.id.name);
          }
          if (node.type === 'ExportAllDeclaration' && node.source) {
            const target = await this.resolve(node.source.value, id);
            if (target) names.push(...(await exportsOf(target.id)).filter((name) => name !== 'default'));
          }
        }
        return names;
      };
      const publicNames = [...new Set(await exportsOf(pageApi.facadeModuleId))].sort();
      const missing = publicNames.filter((name) => !pageApi.exports.includes(name));
      if (missing.length) throw new Error(`${PAGE_API_MODULE} does not export ${missing.join(', ')}`);
      this.emitFile({
        type: 'asset',
        fileName: 'gatehouse.js',
        source: `export { ${publicNames.join(', ')} } from './${PAGE_API_MODULE}';\n`,
      });
    },
  };
}

/** The parts of an ESTree export statement `publicEntry` reads. */
interface ExportNode {
  type: string;
  source?: { value: string } | null;
  specifiers?: { exported: { name: string } }[];
  declaration?: { id?: { name: string } | null; declarations?: { id: { name: string } }[] } | null;
}

const output: BuildEnvironmentOptions = {
  outDir: 'dist/lib',
  target: 'es2022',
  // No source maps in the package: they were half its unpacked size (880 kB), and apps map their own bundles.
  sourcemap: false,
  rolldownOptions: { external: isDependency, output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
};

/**
 * The page API and the metering worker. Code the lazy parts share with the page stays in
 * the page API module (`allow-extension` adds unnamed exports for them), so an app's
 * bundler puts everything before the first answer in one file instead of several.
 */
const pageApi: UserConfig = {
  plugins: [meteringWorkerForTheAppsBundler(), publicEntry()],
  build: {
    ...output,
    emptyOutDir: true,
    lib: {
      entry: {
        [PAGE_API_MODULE.replace(/\.js$/, '')]: 'src/index.ts',
        'metering.worker': 'worker/metering.worker.ts',
        // `gatehouse/react`: imports the page API module, so an app has one client.
        react: 'src/react/index.ts',
      },
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
