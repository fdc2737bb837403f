// Starts the metering worker and hands evaluation to it. Loaded after the first
// answer, so the warm start never waits for a worker to boot; when no worker can be
// created or its script fails to load (CSP, old browser, a bundler that left it out)
// evaluation simply stays on the page.
import { proxy, wrap } from 'comlink';
import type { MeteringApi } from '../worker/metering-api';
import type { Evaluation } from './evaluation';

export async function moveEvaluationToWorker(evaluation: Evaluation): Promise<boolean> {
  const worker = startMeteringWorker();
  if (!worker) return false;
  try {
    const failedToLoad = new Promise<never>((_, reject) => worker.addEventListener('error', reject, { once: true }));
    const api = wrap<MeteringApi>(worker);
    await Promise.race([api.onTable(proxy((key, table) => evaluation.announce(key, table))), failedToLoad]);
    await evaluation.useRemote(api);
    return true;
  } catch {
    worker.terminate();
    return false;
  }
}

function startMeteringWorker(): Worker | null {
  try {
    return new Worker(new URL('../worker/metering.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}
