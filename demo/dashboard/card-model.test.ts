import { describe, expect, it } from 'vitest';
import { cardView } from './card-model';
import type { MeteredEntitlement } from 'gatehouse';

const metered = (patch: Partial<MeteredEntitlement>): MeteredEntitlement => ({
  hasAccess: true,
  isFallback: false,
  isUnlimited: false,
  currentUsage: 0,
  requestedUsage: 1,
  usageLimit: 2,
  usagePeriodEnd: new Date(Date.UTC(2030, 0, 20)),
  feature: { id: 'feature-demo-03', displayName: 'Feature #3', featureType: 'NUMBER', meterType: 'Incremental', units: 'request', unitsPlural: 'requests', isMetered: true },
  ...patch,
});
const live = { source: 'network' as const, fetchedAt: 0, ageMs: 0 };
const feature3 = { id: 'feature-demo-03', kind: 'metered' as const, name: 'F3' };

describe('cardView', () => {
  it('shows a metered feature with room left', () => {
    const view = cardView(feature3, metered({ currentUsage: 1 }), live, { locale: 'en-GB' });
    expect(view).toMatchObject({
      displayName: 'Feature #3',
      hasAccess: true,
      accessText: 'Access',
      valueText: 'Limit 2 requests',
      usage: { text: '1 / 2 requests', fraction: 0.5, full: false, resetText: 'Resets 20 Jan 2030' },
      badge: { label: 'Live' },
    });
    expect(view.upsell).toBeUndefined();
  });

  it('shows the limit reached with an upsell', () => {
    const view = cardView(feature3, metered({ currentUsage: 2, hasAccess: false, accessDeniedReason: 'RequestedUsageExceedingLimit' }), live);
    expect(view).toMatchObject({ accessText: 'Limit reached', usage: { text: '2 / 2 requests', full: true } });
    expect(view.upsell).toMatch(/used all of Feature #3/);
  });

  it('marks fallbacks and offers no upsell for them', () => {
    const view = cardView(
      { id: 'feature-demo-01', kind: 'numeric', name: 'Feature #1' },
      { hasAccess: true, isFallback: true, isUnlimited: false, value: 10 },
      { source: 'fallback' },
    );
    expect(view).toMatchObject({ displayName: 'Feature #1', valueText: '10', badge: { label: 'Fallback' }, isFallback: true });
    const denied = cardView(feature3, metered({ hasAccess: false, isFallback: true, feature: undefined, usageLimit: undefined }), { source: 'fallback' });
    expect(denied.upsell).toBeUndefined();
  });

  it('calls network data cached when the connection is down', () => {
    expect(cardView(feature3, metered({}), { source: 'network', fetchedAt: 0, ageMs: 6_000 }, { connected: false }).badge.label).toBe('Cached · 6 s');
  });

  it('explains a feature missing from the plan', () => {
    const view = cardView(
      { id: 'feature-demo-02', kind: 'boolean', name: 'Feature #2' },
      { hasAccess: false, isFallback: false, accessDeniedReason: 'NoFeatureEntitlementInSubscription' },
      { source: 'cache', fetchedAt: 0, ageMs: 90_000 },
    );
    expect(view).toMatchObject({ accessText: 'Not in your plan', valueText: 'Not included', badge: { label: 'Cached · 1 min' } });
    expect(view.upsell).toBe('Feature #2 is not part of your plan.');
  });
});
