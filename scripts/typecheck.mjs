// Type-checks each host against its own globals: the core sees no DOM, the SW and
// worker see WebWorker globals, the page sees the DOM.
import { spawnSync } from 'node:child_process';

const projects = ['core', 'page', 'sw', 'worker', 'node'];
const tsc = new URL('../node_modules/typescript/bin/tsc', import.meta.url).pathname;
let failed = false;
for (const name of projects) {
  const result = spawnSync(process.execPath, [tsc, '-p', `tsconfig.${name}.json`], { stdio: 'inherit' });
  console.log(`typecheck ${name}: ${result.status === 0 ? 'ok' : 'FAILED'}`);
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
