import { describe, expect, it } from 'vitest';
import { deniedText, formatAge, lastSyncText, formatMoney, sourceBadge, syncBadge, usageFraction, usageText } from './format';
import type { SyncStatus } from 'gatehouse';

describe('formatAge', () => {
  it('rounds down to the largest unit', () => {
    expect(formatAge(0)).toBe('just now');
    expect(formatAge(4_999)).toBe('just now');
    expect(formatAge(42_000)).toBe('42 s');
    expect(formatAge(3 * 60_000 + 59_000)).toBe('3 min');
    expect(formatAge(5 * 3_600_000)).toBe('5 h');
    expect(formatAge(3 * 86_400_000)).toBe('3 d');
    expect(formatAge(Number.NaN)).toBe('just now');
  });
});

describe('sourceBadge', () => {
  it('names each source', () => {
    expect(sourceBadge({ source: 'network', fetchedAt: 1, ageMs: 1000 }, false)).toMatchObject({ label: 'Live', tone: 'good' });
    expect(sourceBadge({ source: 'cache', fetchedAt: 1, ageMs: 120_000 }, false)).toMatchObject({ label: 'Cached · 2 min', tone: 'info' });
    expect(sourceBadge({ source: 'local-usage', fetchedAt: 1, ageMs: 0, localUsage: 2 }, false).label).toBe('Local usage · +2');
    expect(sourceBadge({ source: 'fallback' }, true)).toMatchObject({ label: 'Fallback', tone: 'warn' });
  });

  it('never says live without a connection', () => {
    expect(sourceBadge({ source: 'network', fetchedAt: 1, ageMs: 12_000 }, false, false).label).toBe('Cached · 12 s');
  });

  it('says fallback when the result is a fallback, whatever the table holds', () => {
    expect(sourceBadge({ source: 'network', fetchedAt: 1, ageMs: 0 }, true).label).toBe('Fallback');
  });
});

describe('usage', () => {
  const units = { units: 'request', unitsPlural: 'requests' };
  it('shows used / limit with units', () => {
    expect(usageText(1, 2, false, units)).toBe('1 / 2 requests');
    expect(usageText(0, 1, false, units)).toBe('0 / 1 request');
    expect(usageText(7, undefined, true, units)).toBe('7 requests used · unlimited');
    expect(usageText(3, undefined, false)).toBe('3 used');
  });

  it('fills the meter between 0 and 1', () => {
    expect(usageFraction(1, 2, false)).toBe(0.5);
    expect(usageFraction(5, 2, false)).toBe(1);
    expect(usageFraction(5, undefined, true)).toBe(0);
    expect(usageFraction(1, 0, false)).toBe(0);
  });

  it('explains denials', () => {
    expect(deniedText('RequestedUsageExceedingLimit')).toBe('Limit reached');
    expect(deniedText(undefined)).toBe('No access');
  });
});

describe('formatMoney', () => {
  it('formats with the currency, and survives an unknown currency', () => {
    expect(formatMoney(12, 'USD', 'en-US')).toBe('$12.00');
    expect(formatMoney(1.5, 'NOT-A-CURRENCY', 'en-US')).toBe('1.50 NOT-A-CURRENCY');
  });
});

describe('lastSyncText', () => {
  it('falls back to the age of the newest data held', () => {
    expect(lastSyncText(null, 100_000)).toBe('never');
    expect(lastSyncText(null, 100_000, 40_000)).toBe('1 min ago');
    expect(lastSyncText({ host: 'page', online: true, state: 'idle', storage: 'memory', outboxDepth: 0, circuitOpen: false, lastSuccessfulSyncAt: 90_000 }, 100_000, 40_000)).toBe('10 s ago');
  });
});

describe('syncBadge', () => {
  const status = (patch: Partial<SyncStatus>): SyncStatus => ({
    host: 'service-worker',
    online: true,
    state: 'idle',
    storage: 'indexeddb',
    outboxDepth: 0,
    circuitOpen: false,
    ...patch,
  });
  it('reports offline, degraded, syncing and online', () => {
    expect(syncBadge(status({}), false, 0).label).toBe('Offline');
    expect(syncBadge(status({ state: 'offline', online: false }), true, 0).label).toBe('Offline');
    expect(syncBadge(status({ state: 'degraded', lastError: 'HTTP 503' }), true, 0)).toMatchObject({ label: 'Degraded', tone: 'bad' });
    expect(syncBadge(status({ circuitOpen: true }), true, 0).label).toBe('Degraded');
    expect(syncBadge(status({ state: 'syncing' }), true, 0).label).toBe('Syncing');
    // Retrying while the API cannot be reached: not "Syncing".
    expect(syncBadge(status({ state: 'syncing', lastError: 'fetch failed' }), true, 0).label).toBe('Degraded');
    expect(syncBadge(status({}), true, 0).label).toBe('Online');
    expect(syncBadge(null, true, 0).label).toBe('Connecting');
  });
});
