// Builds the example's browser bundle (dist/assets/client.js) against the package as
// built in dist/ (`npm run build` first), as an app's own Vite build would.
// `npx tsx examples/react-ssr/build.ts`
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export async function buildExampleClient(): Promise<void> {
  await build({
    configFile: false,
    root,
    logLevel: 'error',
    mode: 'production',
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      chunkSizeWarningLimit: 4096,
      rolldownOptions: { input: 'client.ts', output: { entryFileNames: 'assets/client.js' } },
    },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildExampleClient();
