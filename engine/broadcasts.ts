// What the engine announces to pages: a partition's new snapshot or pending local usage
// on the partition's own channel (so a tab hears only its partition), status on one
// shared channel.
import { partitionChannel } from '../core/partition';
import { envelope, type Broadcast, type SyncStatus } from '../core/protocol';
import type { LocalUsageRecord, SnapshotRecord } from '../core/table';
import type { EngineEnvironment } from './environment';

export const STATUS_CHANNEL = 'gatehouse:status';

export class Broadcasts {
  constructor(private readonly env: EngineEnvironment) {}

  snapshot(record: SnapshotRecord): void {
    this.post(partitionChannel(record.partitionKey), { type: 'snapshot', partitionKey: record.partitionKey, record });
  }

  localUsage(partitionKey: string, records: readonly LocalUsageRecord[]): void {
    this.post(partitionChannel(partitionKey), { type: 'localUsage', partitionKey, records: [...records] });
  }

  status(status: SyncStatus): void {
    this.post(STATUS_CHANNEL, { type: 'status', status });
  }

  private post(channel: string, body: Broadcast): void {
    try {
      this.env.broadcast(channel, envelope(this.env.randomUUID(), body));
    } catch (error) {
      this.env.log('warn', `could not broadcast on ${channel}`, error);
    }
  }
}
