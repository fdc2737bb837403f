// Usage consumed on this device, counted until the server's figure catches up. A limit
// check and the record it guards happen here, in the one engine, one at a time per
// partition, so two tabs can never both pass a check for the last unit.
import { decide } from '../core/decide';
import { newRecordBase } from '../core/local-usage';
import type { Connection } from '../core/protocol';
import { buildDecisionTable } from '../core/build-table';
import { tableEntitlement, type LocalUsageRecord } from '../core/table';
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
    const effective = this.effective(state, featureId, now);
    if (limitCheck) this.checkLimit(state, featureId, amount, effective);
    // The record carries the server's figures it was made against, not the device's clock.
    const record: LocalUsageRecord = { id: usageId, partitionKey: state.key, featureId, amount, recordedAt: now, ...newRecordBase(effective, amount) };
    state.localUsage = [...state.localUsage, record];
    await this.store.addLocalUsage(record);
    this.broadcasts.localUsage(state.key, state.localUsage);
    return state.localUsage;
  }

  /** The entitlement as the getters see it now: the server's figures rolled over, plus pending local usage. */
  private effective(state: PartitionState, featureId: string, now: number) {
    if (!state.record) return undefined;
    const table = buildDecisionTable({
      record: state.record,
      localUsage: state.localUsage,
      now,
      cacheMaxAgeMs: Number.POSITIVE_INFINITY,
      origin: 'cache',
    });
    return table ? tableEntitlement(table, featureId) : undefined;
  }

  private checkLimit(state: PartitionState, featureId: string, amount: number, effective: ReturnType<LocalUsage['effective']>): void {
    if (!state.record) {
      throw new Error(`Cannot check the usage limit of "${featureId}": no entitlements are loaded for this customer`);
    }
    const decision = decide(effective, amount);
    if (!decision.hasAccess) {
      throw new Error(
        `Recording ${amount} of "${featureId}" would exceed the usage limit (${decision.accessDeniedReason ?? 'no access'}); nothing was recorded`,
      );
    }
  }
}
