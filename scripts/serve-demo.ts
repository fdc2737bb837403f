// Serves the built demo (`npm run build` first) on DEMO_PORT, default 4173.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createStaticServer } from './static-server';

const demoDir = fileURLToPath(new URL('../dist/demo', import.meta.url));
const port = Number(process.env.DEMO_PORT ?? 4173);
const host = '127.0.0.1';

if (!existsSync(demoDir)) {
  console.error(`${demoDir} does not exist: run \`npm run build\` first.`);
  process.exit(1);
}

createStaticServer(demoDir).listen(port, host, () => {
  console.log(`Gatehouse demo: http://${host}:${port}/`);
});
