// What the metering worker offers the page, over comlink: the evaluator that turns a
// partition's inputs into its decision table, and pushes rebuilt tables when the clock
// passes a period end. Tables go back as their changes to the record the page sent
// (core/table-changes.ts). Arguments and results survive structured clone. It also reads
// a first visit's large edge answer, off the page's main thread.
import { transfer } from 'comlink';
import type { EntitlementSnapshot } from '../core/model';
import { snapshotFromText } from '../core/wire';
import { joinChunks, MAX_ENTITLEMENTS_BYTES, readCappedStream, sizeOf } from '../engine/transport/capped-body';
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
     * A first visit's answer to its snapshot, as core/wire reads an answer: the chunks the
     * page read (their buffers transferred here) and the rest of the body (its stream
     * transferred), read here. Null when it is not an entitlements answer. The snapshot's
     * packed buffer is transferred back, not copied.
     */
    async readAnswer({ body, rest }: { body: Uint8Array[]; rest?: ReadableStream<Uint8Array> | undefined }, receivedAt: number): Promise<EntitlementSnapshot | null> {
      const more = rest ? (await readCappedStream(rest, MAX_ENTITLEMENTS_BYTES - sizeOf(body))).chunks : [];
      const snapshot = snapshotFromText(new TextDecoder().decode(joinChunks([...body, ...more])), receivedAt);
      return snapshot && transfer(snapshot, [snapshot.packed]);
    },
    /** `listener` arrives as a comlink proxy. */
    onTable: (listener: ChangesListener): void =>
      evaluator.onTable((partitionKey, table, record) => listener(partitionKey, table && tableChanges(table), recordBasis(record))),
  };
}

export type MeteringApi = ReturnType<typeof createMeteringApi>;
