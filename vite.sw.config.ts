// The ready-made service worker: one classic script with nothing left to import, so
// `navigator.serviceWorker.register('/sw.js')` works in every browser.
import { defineConfig } from 'vite';

export default defineConfig({
  // A worker has no `process`: dependencies' development-only branches must be resolved
  // at build time, or they throw (and their warnings ship).
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist/sw',
    emptyOutDir: true,
    target: 'es2022',
    // Terser's extra passes make this bundle about 0.4 KB gzip smaller than Vite's default minifier.
    minify: 'terser',
    terserOptions: { ecma: 2020, compress: { passes: 3 }, format: { comments: false } },
    lib: {
      entry: 'sw/sw.ts',
      formats: ['iife'],
      name: 'GatehouseServiceWorker',
      fileName: () => 'sw.js',
    },
  },
});
