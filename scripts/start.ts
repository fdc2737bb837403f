// `npm start`: builds the demo in production mode (so its service worker is active),
// starts the Stigg emulator and serves the demo dashboard, then prints both URLs.
// EMULATOR_PORT (default 3060) and DEMO_PORT (default 4173) override the ports;
// `--skip-build` reuses an existing dist/. Ctrl-C (SIGINT) or SIGTERM stops both.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { startEmulator, type RunningEmulator } from '../server/index';
import { createStaticServer } from './static-server';

const HOST = '127.0.0.1';
const DEFAULT_EMULATOR_PORT = 3060;
const demoDir = fileURLToPath(new URL('../dist/demo', import.meta.url));

function portFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  const port = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`${name} must be a port number, got "${raw}"`);
    process.exit(2);
  }
  return port;
}

/** The dashboard URL: `/` finds the emulator through /demo-emulator.json, whatever its port. */
export function dashboardUrl(demoPort: number): string {
  return `http://${HOST}:${demoPort}/`;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

async function main(): Promise<void> {
  const emulatorPort = portFrom('EMULATOR_PORT', DEFAULT_EMULATOR_PORT);
  const demoPort = portFrom('DEMO_PORT', 4173);

  if (!process.argv.includes('--skip-build')) {
    console.log('Building Gatehouse and the demo (production mode)…');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const build = spawnSync(npm, ['run', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) {
      console.error('The build failed.');
      process.exit(build.status ?? 1);
    }
  }
  if (!existsSync(demoDir)) {
    console.error(`${demoDir} does not exist: run \`npm run build\` first.`);
    process.exit(1);
  }

  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({ port: emulatorPort, host: HOST });
  } catch (error) {
    console.error(`The emulator could not listen on port ${emulatorPort}: ${(error as Error).message}. Set EMULATOR_PORT to another port.`);
    process.exit(1);
  }
  // The dashboard asks for /demo-emulator.json, so `/` finds this emulator whatever its port.
  const demo = createStaticServer(demoDir, { json: { '/demo-emulator.json': { url: emulator.url } } });
  let servedPort: number;
  try {
    servedPort = await listen(demo, demoPort);
  } catch (error) {
    await emulator.close();
    console.error(`The demo could not listen on port ${demoPort}: ${(error as Error).message}. Set DEMO_PORT to another port.`);
    process.exit(1);
  }

  console.log('');
  console.log(`  Stigg emulator:  ${emulator.url}  (set both baseUri and baseEdgeUri to ${emulator.url})`);
  console.log(`  Demo dashboard:  ${dashboardUrl(servedPort)}`);
  console.log('');
  console.log('  Press Ctrl-C to stop both.');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the demo server and the emulator…`);
    demo.closeAllConnections();
    const closed = Promise.all([new Promise<void>((resolve) => demo.close(() => resolve())), emulator.close().catch(() => undefined)]);
    // A stuck socket must not keep the process alive.
    const deadline = setTimeout(() => process.exit(0), 3_000);
    deadline.unref();
    void closed.then(() => {
      console.log('Stopped.');
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
