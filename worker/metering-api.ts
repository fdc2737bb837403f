// What the metering worker offers the page, over comlink: the evaluator that turns a
// partition's inputs into its decision table, and pushes rebuilt tables when the clock
// passes a period end. Tables go back as their changes to the record the page sent
// (core/table-changes.ts). Arguments and results survive structured clone. It also reads
// a first visit's large edge answer, off the page's main thread.
import { transfer } from 'comlink';
import { buffersOf, snapshotFromBytes } from '../engine/transport/answer-body';
import type { EntitlementSnapshot } from '../core/model';
import { periodContaining } from '../core/periods';
import { meteredPart, recordBasis, tableChanges, type TableChanges } from '../core/table-changes';
import { version } from '../package.json';
import { MeteringEvaluator, type PartitionInputs } from './evaluator';

/** A table the clock rebuilt, as changes, and the basis of the record they were made against (`recordBasis`). */
export type ChangesListener = (partitionKey: string, changes: TableChanges | null, basis: string) => void;

export function createMeteringApi() {
  const evaluator = new MeteringEvaluator();
  return {
    version: (): string => version,
    periodContaining,
    update(partitionKey: string, inputs: PartitionInputs): TableChanges | null {
      // The worker needs, and so holds, only the metered entitlements.
      const table = evaluator.update(partitionKey, { ...inputs, record: inputs.record && meteredPart(inputs.record) });
      return table && tableChanges(table);
    },
    forget: (partitionKey: string): void => evaluator.forget(partitionKey),
    /**
     * A first visit's answer body (transferred here) to its snapshot, null when it is not an
     * entitlements answer; the body goes back with it for the engine. Both are transferred,
     * not copied: the body, and the snapshot's buffers where it has any.
     */
    readAnswer(body: ArrayBuffer, receivedAt: number): { snapshot: EntitlementSnapshot | null; body: ArrayBuffer } {
      const snapshot = snapshotFromBytes(body, receivedAt);
      return transfer({ snapshot, body }, [body, ...buffersOf(snapshot)]);
    },
    /** `listener` arrives as a comlink proxy. */
    onTable: (listener: ChangesListener): void =>
      evaluator.onTable((partitionKey, table, record) => listener(partitionKey, table && tableChanges(table), recordBasis(record))),
  };
}

export type MeteringApi = ReturnType<typeof createMeteringApi>;
