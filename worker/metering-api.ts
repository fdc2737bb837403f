// What the metering worker offers the page, over comlink: the evaluator that turns a
// partition's inputs into its decision table, and pushes rebuilt tables when the clock
// passes a period end. Arguments and results survive structured clone.
import { periodContaining } from '../core/periods';
import type { DecisionTable } from '../core/table';
import { version } from '../package.json';
import { MeteringEvaluator, type PartitionInputs, type TableListener } from './evaluator';

const evaluator = new MeteringEvaluator();

export const meteringApi = {
  version: (): string => version,
  periodContaining,
  update: (partitionKey: string, inputs: PartitionInputs): DecisionTable | null => evaluator.update(partitionKey, inputs),
  forget: (partitionKey: string): void => evaluator.forget(partitionKey),
  /** `listener` arrives as a comlink proxy. */
  onTable: (listener: TableListener): void => evaluator.onTable(listener),
};

export type MeteringApi = typeof meteringApi;
