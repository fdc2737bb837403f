import { describe, expect, it } from 'vitest';
import { decideBootstrap } from './bootstrap';
import { replacesBootstrap } from './table';
import { partitionKey } from './partition';
import { feature01, feature02, feature03, GUIDE_NOW } from './test/wire-fixtures';
import { entitlementMap } from './test/packed';

const current = { apiKey: 'client-demo-key', customerId: 'customer-demo-01' };
const body = { data: { entitlements: [feature01, feature02, feature03] } };
const bootstrap = { customerId: 'customer-demo-01', entitlements: body, fetchedAt: GUIDE_NOW - 5_000 };

describe('decideBootstrap', () => {
  it("maps the edge endpoint's body to a snapshot record of the current partition, dated by fetchedAt", () => {
    const decision = decideBootstrap(bootstrap, current, GUIDE_NOW);
    expect(decision.apply).toBe(true);
    if (!decision.apply) return;
    expect(decision.record.partitionKey).toBe(partitionKey(current));
    expect(decision.record.fetchedAt).toBe(GUIDE_NOW - 5_000);
    expect(Object.keys(entitlementMap(decision.record.snapshot)).sort()).toEqual(['feature-demo-01', 'feature-demo-02', 'feature-demo-03']);
    expect(entitlementMap(decision.record.snapshot)['feature-demo-01']).toMatchObject({ usageLimit: 100, feature: { featureType: 'NUMBER' } });
  });

  it('takes fetchedAt as an ISO string, defaults it to now, and never dates it in the future', () => {
    const iso = decideBootstrap({ ...bootstrap, fetchedAt: new Date(GUIDE_NOW - 1_000).toISOString() }, current, GUIDE_NOW);
    expect(iso.apply && iso.record.fetchedAt).toBe(GUIDE_NOW - 1_000);
    const none = decideBootstrap({ ...bootstrap, fetchedAt: undefined }, current, GUIDE_NOW);
    expect(none.apply && none.record.fetchedAt).toBe(GUIDE_NOW);
    const ahead = decideBootstrap({ ...bootstrap, fetchedAt: GUIDE_NOW + 60_000 }, current, GUIDE_NOW);
    expect(ahead.apply && ahead.record.fetchedAt).toBe(GUIDE_NOW);
  });

  it("never applies another customer's or another resource's bootstrap", () => {
    expect(decideBootstrap({ ...bootstrap, customerId: 'customer-demo-02' }, current, GUIDE_NOW)).toEqual({
      apply: false,
      reason: 'the bootstrap is for another customer',
    });
    expect(decideBootstrap({ ...bootstrap, resourceId: 'resource-01' }, current, GUIDE_NOW)).toMatchObject({ apply: false, reason: 'the bootstrap is for another resource' });
    expect(decideBootstrap(bootstrap, { ...current, resourceId: 'resource-01' }, GUIDE_NOW)).toMatchObject({ apply: false });
    const resource = decideBootstrap({ ...bootstrap, resourceId: 'resource-01' }, { ...current, resourceId: 'resource-01' }, GUIDE_NOW);
    expect(resource.apply && resource.record.partitionKey).toBe(partitionKey({ ...current, resourceId: 'resource-01' }));
  });

  it('validates the body like any wire data: junk is refused or dropped, never thrown', () => {
    for (const junk of [null, 'x', 42, [], { customerId: '' }, { customerId: 'customer-demo-01' }]) {
      expect(decideBootstrap(junk, current, GUIDE_NOW).apply).toBe(false);
    }
    for (const entitlements of [null, { data: null }, { data: { entitlements: 'all' } }, [feature01]]) {
      expect(decideBootstrap({ ...bootstrap, entitlements }, current, GUIDE_NOW)).toMatchObject({ apply: false, reason: expect.stringContaining('edge entitlements body') });
    }
    expect(decideBootstrap({ ...bootstrap, fetchedAt: 'yesterday' }, current, GUIDE_NOW)).toMatchObject({ apply: false });
    const mixed = decideBootstrap({ ...bootstrap, entitlements: { data: { entitlements: [null, { feature: 7 }, feature02] } } }, current, GUIDE_NOW);
    expect(mixed.apply && Object.keys(entitlementMap(mixed.record.snapshot))).toEqual(['feature-demo-02']);
  });
});

describe('replacesBootstrap', () => {
  it('lets only data the network confirmed after the bootstrap replace it', () => {
    const decision = decideBootstrap(bootstrap, current, GUIDE_NOW);
    if (!decision.apply) throw new Error('expected a bootstrap record');
    const at = (fetchedAt: number) => ({ ...decision.record, fetchedAt });
    expect(replacesBootstrap(decision.record, at(GUIDE_NOW))).toBe(true);
    expect(replacesBootstrap(decision.record, at(GUIDE_NOW - 5_000))).toBe(false);
    expect(replacesBootstrap(decision.record, at(GUIDE_NOW - 60_000))).toBe(false);
  });
});
