// Pure formatting: what each entitlement, badge and status line says. No DOM here,
// so all of it is unit-tested in Node.
import type { AnswerSource, FeatureProvenance, SyncStatus } from 'gatehouse';

export type Tone = 'good' | 'info' | 'warn' | 'bad';

export interface Badge {
  label: string;
  tone: Tone;
  /** A sentence for the badge's accessible description and tooltip. */
  detail: string;
}

/** "just now", "42 s", "3 min", "5 h", "2 d". */
export function formatAge(ms: number): string {
  if (!Number.isFinite(ms) || ms < 5_000) return 'just now';
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h`;
  return `${Math.floor(h / 24)} d`;
}

const ago = (ms: number) => (formatAge(ms) === 'just now' ? 'just now' : `${formatAge(ms)} ago`);

/**
 * Where an answer came from, as the card's badge shows it. "Live" also needs a working
 * connection: offline or degraded, recent network data is still only the last known answer.
 */
export function sourceBadge(provenance: FeatureProvenance, isFallback: boolean, connected = true): Badge {
  const given: AnswerSource = isFallback ? 'fallback' : provenance.source;
  const source: AnswerSource = given === 'network' && !connected ? 'cache' : given;
  const age = provenance.ageMs ?? 0;
  switch (source) {
    case 'network':
      return { label: 'Live', tone: 'good', detail: `Fetched from the API ${ago(age)}.` };
    case 'cache':
      return {
        label: `Cached · ${formatAge(age)}`,
        tone: 'info',
        detail: `Real data stored on this device, last confirmed by the API ${ago(age)}.`,
      };
    case 'local-usage': {
      const units = provenance.localUsage ?? 0;
      return {
        label: `Local usage · +${units}`,
        tone: 'info',
        detail: `Includes ${units} unit${units === 1 ? '' : 's'} used on this device that the API has not counted yet (data ${ago(age)}).`,
      };
    }
    default:
      return { label: 'Fallback', tone: 'warn', detail: 'No real data for this feature: the configured fallback answers.' };
  }
}

/** "1 / 2 requests", "7 requests · unlimited". */
export function usageText(used: number, limit: number | undefined, isUnlimited: boolean, units?: { units?: string; unitsPlural?: string }): string {
  const unitsFor = (n: number) => (n === 1 ? units?.units : (units?.unitsPlural ?? units?.units)) ?? '';
  if (isUnlimited) return `${used} ${unitsFor(used)} used · unlimited`.replace(/\s+/g, ' ');
  if (limit === undefined) return `${used} ${unitsFor(used)} used`.replace(/\s+/g, ' ');
  return `${used} / ${limit} ${unitsFor(limit)}`.trim();
}

/** The meter's fill, 0..1. */
export function usageFraction(used: number, limit: number | undefined, isUnlimited: boolean): number {
  if (isUnlimited || !limit || limit <= 0) return 0;
  return Math.min(1, Math.max(0, used / limit));
}

const DENIED: Record<string, string> = {
  RequestedUsageExceedingLimit: 'Limit reached',
  NoFeatureEntitlementInSubscription: 'Not in your plan',
  NoActiveSubscription: 'No active subscription',
  BudgetExceeded: 'Budget exceeded',
  CustomerNotFound: 'Unknown customer',
  CustomerResourceNotFound: 'Unknown resource',
  FeatureNotFound: 'Unknown feature',
  CustomerIsArchived: 'Customer archived',
};

export function deniedText(reason: string | undefined): string {
  return (reason && DENIED[reason]) || 'No access';
}

export function formatMoney(amount: number, currency: string, locale?: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

export function formatDate(date: Date | string | number | null | undefined, locale?: string): string {
  if (date === null || date === undefined) return '—';
  const d = date instanceof Date ? date : new Date(date);
  if (Number.isNaN(d.getTime())) return '—';
  return d.toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function billingPeriodText(period: string | null | undefined): string {
  return period === 'ANNUALLY' ? 'year' : period === 'MONTHLY' ? 'month' : '';
}

/** The connectivity and sync indicator. */
export function syncBadge(status: SyncStatus | null, browserOnline: boolean, now: number): Badge {
  if (!browserOnline || (status && (!status.online || status.state === 'offline'))) {
    const last = status?.lastSuccessfulSyncAt;
    return {
      label: 'Offline',
      tone: 'warn',
      detail: `No network: answers come from this device.${last ? ` Last sync ${ago(now - last)}.` : ''}`,
    };
  }
  if (!status) return { label: 'Connecting', tone: 'info', detail: 'Waiting for the sync engine.' };
  // A retry after a failure is 'syncing' to the engine; to the user the API is still failing.
  if (status.state === 'degraded' || status.circuitOpen || (status.state === 'syncing' && status.lastError !== undefined)) {
    return {
      label: 'Degraded',
      tone: 'bad',
      detail: `The API is failing${status.lastError ? ` (${status.lastError})` : ''}; cached answers are served and retried with backoff.`,
    };
  }
  if (status.state === 'syncing') return { label: 'Syncing', tone: 'info', detail: 'Fetching the latest entitlements.' };
  return { label: 'Online', tone: 'good', detail: 'Connected; entitlements are kept in sync.' };
}

/**
 * When the API last confirmed our data: the engine's last successful sync, or, before the
 * engine has reported (a reload while offline), the fetch time of the newest data we hold.
 */
export function lastSyncText(status: SyncStatus | null, now: number, newestDataAt?: number): string {
  const last = Math.max(status?.lastSuccessfulSyncAt ?? 0, newestDataAt ?? 0);
  return last > 0 ? ago(now - last) : 'never';
}
