// The bench site (dist/bench): bare pages for each SDK, each from its package as published
// (Gatehouse's dist/lib, the official UMD bundle), served from one origin with the
// ready-made service worker (dist/sw/sw.js, from `npm run build`) at its root. The SW is
// prefixed with the site's assets to precache, as an app's build would do, so both SDKs'
// pages load offline and the comparison is about the SDKs, not the page shell.
// Kept apart from `npm run build`, so the test pipeline never builds it.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
export const OFFICIAL_UMD = path('../node_modules/@stigg/js-client-sdk/dist/index.js');
const READY_MADE_SW = path('../dist/sw/sw.js');
const PUBLISHED_PAGE_API = path('../dist/lib/gatehouse.js');

function siteFiles(): Plugin {
  return {
    name: 'gatehouse-bench:site-files',
    apply: 'build',
    enforce: 'post',
    buildStart() {
      for (const built of [READY_MADE_SW, PUBLISHED_PAGE_API]) {
        if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`);
      }
    },
    generateBundle(_options, bundle) {
      this.emitFile({ type: 'asset', fileName: 'official-sdk.js', source: readFileSync(OFFICIAL_UMD) });
      const precache = [...Object.keys(bundle).filter((name) => !name.endsWith('.map')), 'official-sdk.js'];
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: `self.__GATEHOUSE_PRECACHE__=${JSON.stringify(precache)};\n${readFileSync(READY_MADE_SW, 'utf8')}`,
      });
    },
  };
}

export default defineConfig({
  root: path('pages'),
  logLevel: 'warn',
  build: {
    outDir: path('../dist/bench'),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      input: {
        index: path('pages/index.html'),
        gatehouse: path('pages/gatehouse.html'),
        official: path('pages/official.html'),
      },
    },
  },
  resolve: { alias: [{ find: /^gatehouse$/, replacement: PUBLISHED_PAGE_API }] },
  worker: { format: 'es' },
  plugins: [siteFiles()],
});
