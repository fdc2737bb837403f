// Starts the metering worker and hands evaluation to it. Loaded after the first
// answer, so the warm start never waits for a worker to boot; when no worker can be
// created (CSP, old browser) evaluation simply stays on the page.
import { proxy, wrap } from 'comlink';
import type { MeteringApi } from '../worker/metering-api';
import type { Evaluation } from './evaluation';

export async function moveEvaluationToWorker(evaluation: Evaluation): Promise<boolean> {
  try {
    const worker = new Worker(new URL('../worker/metering.worker.ts', import.meta.url), { type: 'module' });
    const api = wrap<MeteringApi>(worker);
    await api.onTable(proxy((key, table) => evaluation.announce(key, table)));
    await evaluation.useRemote(api);
    return true;
  } catch {
    return false;
  }
}
