// Usage consumed on this device, counted until the server's figure catches up. A limit
// check and the record it guards happen here, in the one engine, one at a time per
// partition, so two tabs can never both pass a check for the last unit.
import { decide } from '../core/decide';
import type { Connection } from '../core/protocol';
import { buildDecisionTable, type LocalUsageRecord } from '../core/table';
import type { Broadcasts } from './broadcasts';
import type { EngineEnvironment } from './environment';
import type { Partitions, PartitionState } from './partitions';
import type { EngineStore } from './storage/engine-store';

export interface UsageRequest {
  connection: Connection;
  usageId: string;
  featureId: string;
  amount: number;
  limitCheck: boolean;
}

export class LocalUsage {
  constructor(
    private readonly env: EngineEnvironment,
    private readonly store: EngineStore,
    private readonly partitions: Partitions,
    private readonly broadcasts: Broadcasts,
  ) {}

  /** Records once per `usageId` and answers the partition's pending local usage. */
  async record(request: UsageRequest): Promise<LocalUsageRecord[]> {
    const state = await this.partitions.get(request.connection);
    const run = state.usageQueue.then(() => this.checkAndRecord(state, request));
    state.usageQueue = run.catch(() => undefined);
    return run;
  }

  private async checkAndRecord(state: PartitionState, { usageId, featureId, amount, limitCheck }: UsageRequest): Promise<LocalUsageRecord[]> {
    if (state.localUsage.some((usage) => usage.id === usageId)) return state.localUsage;
    const now = this.env.now();
    if (limitCheck) this.checkLimit(state, featureId, amount, now);
    const record: LocalUsageRecord = { id: usageId, partitionKey: state.key, featureId, amount, recordedAt: now };
    state.localUsage = [...state.localUsage, record];
    await this.store.addLocalUsage(record);
    this.broadcasts.localUsage(state.key, state.localUsage);
    return state.localUsage;
  }

  private checkLimit(state: PartitionState, featureId: string, amount: number, now: number): void {
    if (!state.record) {
      throw new Error(`Cannot check the usage limit of "${featureId}": no entitlements are loaded for this customer`);
    }
    const table = buildDecisionTable({
      record: state.record,
      localUsage: state.localUsage,
      now,
      cacheMaxAgeMs: Number.POSITIVE_INFINITY,
      origin: 'cache',
    });
    const decision = decide(table?.entitlements[featureId], amount);
    if (!decision.hasAccess) {
      throw new Error(
        `Recording ${amount} of "${featureId}" would exceed the usage limit (${decision.accessDeniedReason ?? 'no access'}); nothing was recorded`,
      );
    }
  }
}
