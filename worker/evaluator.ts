// Turns each partition's inputs into its decision table, and rebuilds the table by
// itself when the clock passes the table's `validUntil` (a period end, or the data
// reaching its maximum age). Runs in the metering worker, or on the page when no
// worker can be had; the rules themselves live in the core.
import { buildDecisionTable } from '../core/build-table';
import type { DataOrigin, DecisionTable, LocalUsageRecord, SnapshotRecord } from '../core/table';

export interface PartitionInputs {
  record: SnapshotRecord | null;
  localUsage: LocalUsageRecord[];
  cacheMaxAgeMs: number;
  origin: DataOrigin;
}

export type TableListener = (partitionKey: string, table: DecisionTable | null) => void;
/** Told of each table the clock rebuilt, and of the record it was built from. */
export type RebuildListener = (partitionKey: string, table: DecisionTable | null, record: SnapshotRecord) => void;

// setTimeout keeps delays in a signed 32-bit integer; longer ones fire at once.
const MAX_TIMER_MS = 2_147_483_647;

export class MeteringEvaluator {
  private readonly inputs = new Map<string, PartitionInputs>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private listener: RebuildListener | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  /** Receives tables rebuilt by the clock (not those returned by `update`). */
  onTable(listener: RebuildListener): void {
    this.listener = listener;
  }

  update(partitionKey: string, inputs: PartitionInputs): DecisionTable | null {
    this.inputs.set(partitionKey, inputs);
    return this.rebuild(partitionKey);
  }

  forget(partitionKey: string): void {
    this.inputs.delete(partitionKey);
    clearTimeout(this.timers.get(partitionKey));
    this.timers.delete(partitionKey);
  }

  private rebuild(partitionKey: string): DecisionTable | null {
    clearTimeout(this.timers.get(partitionKey));
    this.timers.delete(partitionKey);
    const inputs = this.inputs.get(partitionKey);
    const record = inputs?.record;
    if (!record) return null;
    const now = this.now();
    const table = buildDecisionTable({ ...inputs, record, now });
    if (table && Number.isFinite(table.validUntil)) {
      const delay = Math.min(Math.max(0, table.validUntil - now), MAX_TIMER_MS);
      this.timers.set(
        partitionKey,
        setTimeout(() => this.listener?.(partitionKey, this.rebuild(partitionKey), record), delay),
      );
    }
    return table;
  }
}
