// `shouldTrack` checks: collected for a moment on the page and handed to the engine in
// one message, which writes them to its durable outbox before anything is sent.
import type { CheckReport } from '../core/protocol';
import type { Decision } from '../core/model';

export interface TrackedCheck {
  featureId: string;
  requestedUsage?: number | undefined;
  result: Decision & { requestedUsage?: number | undefined };
}

const FLUSH_DELAY_MS = 100;

export class CheckTracker {
  private pending: CheckReport[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (reports: CheckReport[]) => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  track(check: TrackedCheck): void {
    this.pending.push({
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
    const reports = this.pending;
    this.pending = [];
    if (reports.length) this.send(reports).catch(this.onError);
  }
}
