// Starts the metering worker and hands evaluation to it. Loaded after the first
// answer, so the warm start never waits for a worker to boot; when no worker can be
// created or its script fails to load (CSP, old browser, a bundler that left it out)
// evaluation simply stays on the page. The worker answers with table changes, which are
// applied to the page's own copy of each record.
import { proxy, wrap, type Remote } from 'comlink';
import { recordBasis, withChanges, type TableChanges } from '../core/table-changes';
import type { MeteringApi } from '../worker/metering-api';
import type { Evaluation, RemoteEvaluator } from './evaluation';

export async function moveEvaluationToWorker(evaluation: Evaluation): Promise<boolean> {
  const worker = startMeteringWorker();
  if (!worker) return false;
  try {
    const failedToLoad = new Promise<never>((_, reject) => worker.addEventListener('error', reject, { once: true }));
    const api = wrap<MeteringApi>(worker);
    await Promise.race([api.onTable(proxy((key, changes, basis) => announceRebuilt(evaluation, key, changes, basis))), failedToLoad]);
    await evaluation.useRemote(evaluatorIn(api));
    return true;
  } catch {
    worker.terminate();
    return false;
  }
}

function evaluatorIn(api: Remote<MeteringApi>): RemoteEvaluator {
  return {
    async update(partitionKey, inputs) {
      const changes = await api.update(partitionKey, inputs);
      return changes && inputs.record && withChanges(changes, inputs.record);
    },
    forget: (partitionKey) => api.forget(partitionKey),
  };
}

/** A table the worker's clock rebuilt; dropped when the page has sent another record since (its table is on its way). */
function announceRebuilt(evaluation: Evaluation, partitionKey: string, changes: TableChanges | null, basis: string): void {
  const record = evaluation.inputsFor(partitionKey)?.record;
  if (record && recordBasis(record) === basis) evaluation.announce(partitionKey, changes && withChanges(changes, record));
}

function startMeteringWorker(): Worker | null {
  try {
    return new Worker(new URL('../worker/metering.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}
