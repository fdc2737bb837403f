// Gatehouse, as an app would start it.
import Stigg from '../../src/index';
import { installProbe, readParams, silentLogger, type BenchClient } from './probe';

const params = readParams();
const client = Stigg.initialize({
  apiKey: 'client-demo-key',
  baseUri: params.emulator,
  baseEdgeUri: params.emulator,
  customerId: params.customerId,
  ...(params.cacheTtlMs ? { cacheTtlMs: params.cacheTtlMs } : {}),
  logConfiguration: { logger: silentLogger, logLevel: 'NONE' },
});
installProbe('gatehouse', params, client as unknown as BenchClient);
