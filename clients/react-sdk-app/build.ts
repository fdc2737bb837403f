// Builds the React SDK app twice: on the official @stigg/js-client-sdk (dist/official) and
// on Gatehouse as published (dist/gatehouse): the package is packed with `npm pack` (run
// `npm run build` first) by scripts/pack.mjs, unpacked into .pack/, and `@stigg/js-client-sdk` resolves to it
// through its own package.json, as does the official's API client, which the React SDK
// imports too (README, "Under Stigg's React SDK"). The Gatehouse build also serves the
// package's ready-made service worker at /sw.js, where the client looks for it by default.
// `npx tsx clients/react-sdk-app/build.ts`
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Alias } from 'vite';
import { packGatehouse } from '../../scripts/pack.mjs';

const appDir = fileURLToPath(new URL('.', import.meta.url));
const packDir = join(appDir, '.pack');
export const OFFICIAL_APP_DIR = join(appDir, 'dist/official');
export const GATEHOUSE_APP_DIR = join(appDir, 'dist/gatehouse');

/** The file a bundler imports for `import ... from '<package>'`, read from its package.json. */
function importEntry(packageDir: string): string {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { exports: { '.': { import: string } } };
  return join(packageDir, manifest.exports['.'].import);
}

async function buildApp(outDir: string, alias: Alias[]): Promise<void> {
  await build({
    configFile: false,
    root: appDir,
    logLevel: 'error',
    mode: 'production',
    resolve: { alias },
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  });
}

export async function buildReactSdkApps(): Promise<void> {
  await buildApp(OFFICIAL_APP_DIR, []);
  const gatehouseDir = packGatehouse(packDir).packageDir;
  const gatehouse = importEntry(gatehouseDir);
  await buildApp(GATEHOUSE_APP_DIR, [
    { find: /^@stigg\/js-client-sdk$/, replacement: gatehouse },
    // The React SDK also imports an enum straight from the official's generated API client.
    { find: /^@stigg\/api-client-js\/src\/generated\/sdk$/, replacement: gatehouse },
  ]);
  copyFileSync(join(gatehouseDir, 'dist/sw/sw.js'), join(GATEHOUSE_APP_DIR, 'sw.js'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildReactSdkApps();
