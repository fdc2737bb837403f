// Where decision tables are computed: on the page at first (so a warm start needs no
// worker boot), then in the metering worker once it is up. Both run the same
// MeteringEvaluator; switching re-sends the current inputs, so answers never change.
import type { DecisionTable } from '../core/table';
import { MeteringEvaluator, type PartitionInputs, type TableListener } from '../worker/evaluator';

/** The metering worker's API as the page sees it through comlink. */
export interface RemoteEvaluator {
  update(partitionKey: string, inputs: PartitionInputs): Promise<DecisionTable | null>;
  forget(partitionKey: string): Promise<void> | void;
}

export class Evaluation {
  private readonly inputs = new Map<string, PartitionInputs>();
  private readonly inline: MeteringEvaluator;
  private remote: RemoteEvaluator | null = null;
  private readonly listeners = new Set<TableListener>();

  constructor(now: () => number = Date.now) {
    this.inline = new MeteringEvaluator(now);
    this.inline.onTable((key, table) => this.announce(key, table));
  }

  onTable(listener: TableListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called by the worker (through a comlink proxy) and by the inline timers. */
  announce(partitionKey: string, table: DecisionTable | null): void {
    if (!this.inputs.has(partitionKey)) return;
    for (const listener of this.listeners) listener(partitionKey, table);
  }

  /** The inputs last given for a partition, while it is evaluated. */
  inputsFor(partitionKey: string): PartitionInputs | undefined {
    return this.inputs.get(partitionKey);
  }

  get where(): 'worker' | 'page' {
    return this.remote ? 'worker' : 'page';
  }

  async update(partitionKey: string, inputs: PartitionInputs): Promise<DecisionTable | null> {
    this.inputs.set(partitionKey, inputs);
    if (this.remote) {
      try {
        return await this.remote.update(partitionKey, inputs);
      } catch {
        this.remote = null; // the worker died: keep answering from the page
      }
    }
    return this.inline.update(partitionKey, inputs);
  }

  forget(partitionKey: string): void {
    this.inputs.delete(partitionKey);
    this.inline.forget(partitionKey);
    void Promise.resolve(this.remote?.forget(partitionKey)).catch(() => undefined);
  }

  /** Hands evaluation to the worker and recomputes every table there. */
  async useRemote(remote: RemoteEvaluator): Promise<void> {
    this.remote = remote;
    for (const [key, inputs] of this.inputs) {
      this.inline.forget(key);
      this.announce(key, await this.update(key, inputs));
    }
  }
}
