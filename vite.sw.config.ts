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
    lib: {
      entry: 'sw/sw.ts',
      formats: ['iife'],
      name: 'GatehouseServiceWorker',
      fileName: () => 'sw.js',
    },
  },
});
