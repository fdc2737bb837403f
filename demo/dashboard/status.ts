// The connectivity and sync indicator: online / offline / degraded, last sync, outbox
// depth and where the engine runs. Re-rendered on every status report and every second
// (ages move on by themselves).
import type { SyncStatus } from 'gatehouse';
import { byId, setText } from './dom';
import { lastSyncText, syncBadge } from './format';

export class StatusIndicator {
  private readonly badge = byId('sync-badge');
  private readonly detail = byId('sync-detail');
  private readonly last = byId('sync-last');
  private readonly outbox = byId('sync-outbox');
  private readonly host = byId('sync-host');
  private lastLabel = '';

  constructor(private readonly onChange: (label: string) => void = () => undefined) {}

  render(status: SyncStatus | null, browserOnline: boolean, newestDataAt?: number, now = Date.now()): void {
    const badge = syncBadge(status, browserOnline, now);
    setText(this.badge, badge.label);
    this.badge.dataset.tone = badge.tone;
    setText(this.detail, badge.detail);
    setText(this.last, lastSyncText(status, now, newestDataAt));
    setText(this.outbox, String(status?.outboxDepth ?? 0));
    setText(
      this.host,
      status
        ? `${status.host === 'service-worker' ? 'service worker' : 'this page'} · ${status.storage === 'indexeddb' ? 'IndexedDB' : 'memory'}`
        : navigator.serviceWorker?.controller
          ? 'service worker'
          : 'starting',
    );
    // Syncing comes and goes with every poll: only lasting states are worth a log line.
    if (badge.label !== this.lastLabel && badge.label !== 'Syncing') {
      if (this.lastLabel) this.onChange(`${badge.label}: ${badge.detail}`);
      this.lastLabel = badge.label;
    }
  }
}

/** The page's one `role="status"` line: whether a service worker controls the page. */
export function showServiceWorkerStatus(text: string): void {
  setText(byId('status'), text);
}
