// Starts the metering worker (one per client) and hands evaluation to it. Loaded after the
// first answer, so the warm start never waits for a worker to boot, or earlier on a first
// visit whose answer is large, which the worker then reads (src/first-visit.ts). When no
// worker can be created or its script fails to load (CSP, old browser, a bundler that
// left it out) evaluation simply stays on the page, and so does the reading. The worker
// answers with table changes, which are applied to the page's own copy of each record.
import { proxy, transfer, wrap, type Remote } from 'comlink';
import { recordBasis, withChanges, type TableChanges } from '../core/table-changes';
import type { MeteringApi } from '../worker/metering-api';
import type { Evaluation, RemoteEvaluator } from './evaluation';
import type { AnswerReader } from './first-visit';

interface MeteringWorker {
  api: Remote<MeteringApi>;
  /** Rejects when the worker fails (its script did not load, or it died of an error). */
  failed: Promise<never>;
  terminate(): void;
}

/**
 * A client's metering worker, started on first use (by whichever comes first: a first
 * visit's large answer, or evaluation), so the client never starts two. One per client:
 * the worker's evaluator holds one client's partitions.
 */
export class MeteringWorkerLink {
  private started: Promise<MeteringWorker | null> | null = null;

  /** The worker, once it answered; null when none can be had. */
  worker(): Promise<MeteringWorker | null> {
    return (this.started ??= connectMeteringWorker());
  }

  /** Hands the evaluation to the worker; false (evaluation stays on the page) when there is none. */
  async moveEvaluation(evaluation: Evaluation): Promise<boolean> {
    const worker = await this.worker();
    if (!worker) return false;
    try {
      const { api, failed } = worker;
      await Promise.race([api.onTable(proxy((key, changes, basis) => announceRebuilt(evaluation, key, changes, basis))), failed]);
      await evaluation.useRemote(evaluatorIn(api));
      return true;
    } catch {
      worker.terminate();
      return false;
    }
  }

  /** The worker's reader of a first visit's answer (src/first-visit.ts); null when no worker can be had. */
  async answerReader(): Promise<AnswerReader | null> {
    const worker = await this.worker();
    if (!worker) return null;
    const { api, failed } = worker;
    // The chunks' buffers and the rest of the body's stream are transferred, not copied (nor
    // joined here): the page no longer has them.
    return (body, receivedAt, rest) => {
      const moved: Transferable[] = [...new Set(body.map((chunk) => chunk.buffer as ArrayBuffer)), ...(rest ? [rest] : [])];
      return Promise.race([api.readAnswer(transfer({ body, rest }, moved), receivedAt), failed]);
    };
  }
}

async function connectMeteringWorker(): Promise<MeteringWorker | null> {
  const worker = startMeteringWorker();
  if (!worker) return null;
  const failed = new Promise<never>((_, reject) => worker.addEventListener('error', reject, { once: true }));
  failed.catch(() => undefined);
  const api = wrap<MeteringApi>(worker);
  try {
    await Promise.race([api.version(), failed]);
    return { api, failed, terminate: () => worker.terminate() };
  } catch {
    worker.terminate();
    return null;
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
