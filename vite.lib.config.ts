// The npm package's ES modules: the page API, the service-worker installer and the
// metering worker. Runtime dependencies stay imports, for the app's bundler to dedupe.
import { defineConfig } from 'vite';
import packageJson from './package.json' with { type: 'json' };

const dependencies = Object.keys(packageJson.dependencies);
const isDependency = (id: string) => dependencies.some((name) => id === name || id.startsWith(`${name}/`));

export default defineConfig({
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
