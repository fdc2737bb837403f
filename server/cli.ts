// CLI: `tsx server/cli.ts [--port P] [--data FILE] [--catalog FILE] [--host H]`.
import { parseArgs } from 'node:util';
import { DEFAULT_PORT, startEmulator } from './index';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    data: { type: 'string' },
    catalog: { type: 'string' },
    host: { type: 'string' },
  },
});

const port = Number(values.port ?? process.env.EMULATOR_PORT ?? DEFAULT_PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port: ${values.port ?? process.env.EMULATOR_PORT}`);
  process.exit(2);
}

const emulator = await startEmulator({ port, dataPath: values.data, catalogPath: values.catalog, host: values.host });
// One origin serves GraphQL (/graphql) and edge (/v1/...): both SDK URIs are that origin, with no path.
console.log(`Stigg emulator listening on ${emulator.url}: set both baseUri and baseEdgeUri to ${emulator.url}`);

const stop = () => void emulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
