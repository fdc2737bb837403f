// `shouldTrack` checks: collected for a moment on the page and handed to the engine in
// one message per partition, which writes them to its durable outbox before anything is sent.
import type { Decision } from '../core/model';
import type { CheckReport, Connection } from '../core/protocol';

export interface TrackedCheck {
  featureId: string;
  requestedUsage?: number | undefined;
  result: Decision & { requestedUsage?: number | undefined };
}

const FLUSH_DELAY_MS = 100;

export class CheckTracker {
  private pending = new Map<string, { connection: Connection; reports: CheckReport[] }>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (connection: Connection, reports: CheckReport[]) => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** `partitionKey` names the partition whose data answered the check. */
  track(partitionKey: string, connection: Connection, check: TrackedCheck): void {
    let batch = this.pending.get(partitionKey);
    if (!batch) this.pending.set(partitionKey, (batch = { connection, reports: [] }));
    batch.reports.push({
      id: crypto.randomUUID(),
      featureId: check.featureId,
      requestedUsage: check.requestedUsage,
      result: check.result,
      checkedAt: this.now(),
    });
    this.timer ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batches = [...this.pending.values()];
    this.pending = new Map();
    for (const { connection, reports } of batches) this.send(connection, reports).catch(this.onError);
  }
}
