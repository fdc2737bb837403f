import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMeteredFeature } from './decide';
import type { CachedEntitlement } from './model';
import { packEntitlements } from './pack-entitlements';
import { isPack, readPack, regionsOf } from './packed-entitlements';
import { isSoundPack } from './pack-soundness';
import { samePack } from './same-pack';
import { toCachedEntitlement } from './wire';
import { guideEntitlements } from './test/wire-fixtures';

const guide = guideEntitlements.map((wire) => toCachedEntitlement(wire)!);

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const time = fc.integer({ min: 0, max: 4_102_444_800_000 }).map((ms) => new Date(ms).toISOString());
/** Wire entitlements as a server (or a hostile one) might send them; read as the engine reads them. */
const wireEntitlement = fc.record({
  isGranted: fc.boolean(),
  accessDeniedReason: maybe(fc.constantFrom('FeatureNotFound', 'RequestedUsageExceedingLimit', 'Bogus')),
  usageLimit: maybe(fc.double({ noNaN: false })),
  hasUnlimitedUsage: maybe(fc.boolean()),
  hasSoftLimit: maybe(fc.boolean()),
  currentUsage: maybe(fc.oneof(fc.integer(), fc.double())),
  entitlementUpdatedAt: maybe(time),
  usageUpdatedAt: maybe(time),
  usagePeriodAnchor: maybe(time),
  usagePeriodStart: maybe(time),
  usagePeriodEnd: maybe(time),
  resetPeriod: maybe(fc.constantFrom('MONTH', 'WEEK', 'YEAR', 'DAY', 'HOUR', 'DECADE')),
  resetPeriodConfiguration: maybe(
    fc.oneof(
      fc.record({ monthlyAccordingTo: fc.constantFrom('SubscriptionStart', 'StartOfTheMonth', 'Nope') }),
      fc.record({ weeklyAccordingTo: fc.constantFrom('SubscriptionStart', 'EveryMonday', 'Nope') }),
      fc.record({ yearlyAccordingTo: fc.string() }),
    ),
  ),
  feature: maybe(
    fc.record({
      refId: fc.string({ minLength: 1, maxLength: 24 }),
      featureType: fc.constantFrom('BOOLEAN', 'NUMBER', 'ENUM', 'COLOR'),
      meterType: maybe(fc.constantFrom('None', 'Incremental', 'Fluctuating', 'Odd')),
      displayName: maybe(fc.string({ unit: 'grapheme', maxLength: 30 })),
      description: maybe(fc.string({ unit: 'binary', maxLength: 40 })),
      featureUnits: maybe(fc.string({ maxLength: 8 })),
      featureUnitsPlural: maybe(fc.string({ maxLength: 8 })),
    }),
  ),
});
const entitlementLists = fc
  .array(wireEntitlement, { maxLength: 60 })
  .map((list) => list.map((wire) => toCachedEntitlement(wire)).filter((e): e is CachedEntitlement => e !== null));

/** The last entitlement given for each feature, as a pack keeps them. */
const byFeature = (list: CachedEntitlement[]) => new Map(list.map((e) => [e.featureId, e]));

describe('packed entitlements', () => {
  it('give back every entitlement as it was packed, by id, in order, and the metered ones', () => {
    fc.assert(
      fc.property(entitlementLists, (list) => {
        const expected = byFeature(list);
        const packed = readPack(structuredClone(packEntitlements(list)));
        expect(packed.size).toBe(expected.size);
        for (const [featureId, entitlement] of expected) expect(packed.get(featureId)).toEqual(entitlement);
        expect([...packed.all()]).toEqual([...expected.values()]);
        const metered = [...expected.values()].filter((e) => isMeteredFeature(e.feature));
        expect(packed.metered()).toEqual(metered);
        expect(packed.meteredCount).toBe(metered.length);
        metered.forEach((entitlement, position) => {
          expect(packed.meteredAt(position)).toEqual(entitlement);
          expect(packed.meteredPeriodEnd(position)).toBe(entitlement.usagePeriodEnd);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('answer undefined for features they do not hold, and never throw for odd ids', () => {
    const packed = readPack(packEntitlements(guide));
    for (const id of ['', 'feature-demo-0', 'feature-demo-011', 'FEATURE-DEMO-01', '\u0000', '𝒇']) expect(packed.get(id)).toBeUndefined();
    expect(packed.get(42 as unknown as string)).toBeUndefined();
    expect(readPack(packEntitlements([])).get('feature-demo-01')).toBeUndefined();
  });

  it('keep a recently read entitlement as the same object (getters cache per object), and stay bounded', () => {
    const many = Array.from({ length: 2_000 }, (_, i) => ({ ...guide[0]!, featureId: `f-${i}`, feature: { ...guide[0]!.feature!, id: `f-${i}` } }));
    const packed = readPack(packEntitlements(many));
    const first = packed.get('f-1');
    expect(packed.get('f-1')).toBe(first);
    for (let i = 0; i < 2_000; i += 1) expect(packed.get(`f-${i}`)?.featureId).toBe(`f-${i}`);
    expect(packed.get('f-1')).toEqual(first);
  });

  it('hold a large catalog in far fewer bytes than its JSON', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => ({ ...guide[i % 3]!, featureId: `feature-${i}`, feature: { ...guide[i % 3]!.feature!, id: `feature-${i}`, displayName: `Feature ${i}` } }));
    const bytes = packEntitlements(many).byteLength;
    expect(bytes).toBeLessThan(JSON.stringify(many).length / 3);
    expect(bytes / many.length).toBeLessThan(110);
  });

  it('refuse buffers that are not packs; a damaged one reads as odd values, never an exception or an endless loop', () => {
    for (const junk of [new ArrayBuffer(0), new ArrayBuffer(64), { byteLength: 64 }, 'pack', null]) {
      expect(isPack(junk)).toBe(false);
      expect(isSoundPack(junk)).toBe(false);
    }
    const good = packEntitlements(guide);
    expect(isSoundPack(good)).toBe(true);
    expect(isPack(good.slice(0, good.byteLength - 8))).toBe(false);
    let damagedButSound = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (edits) => {
        const damaged = good.slice(0);
        const bytes = new Uint8Array(damaged);
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        if (isSoundPack(damaged)) damagedButSound += 1;
        if (!isPack(damaged)) return;
        const packed = readPack(damaged);
        for (const entitlement of packed.all()) expect(typeof entitlement.featureId).toBe('string');
        for (const wire of guideEntitlements) packed.get(wire.feature!.refId!);
        packed.get('not-there');
        packed.metered();
        for (let position = 0; position < packed.meteredCount; position += 1) packed.meteredPeriodEnd(position);
      }),
      { numRuns: 1_000 },
    );
    // Damage that leaves the structure sound (a changed figure) is what storage cannot tell.
    expect(damagedButSound).toBeGreaterThan(0);
  });

  it('are unsound when an index points outside its table or an enum value is not an official one', () => {
    const good = packEntitlements(guide);
    const { counts, words, enums, chars, starts } = regionsOf(good);
    const outOfRange = good.slice(0);
    regionsOf(outOfRange).words[1] = 1_000_000; // an entry's numbers start past the refs
    expect(isSoundPack(outOfRange)).toBe(false);
    expect(words[1]).not.toBe(1_000_000);
    const unofficial = good.slice(0);
    const enumAt = starts[enums[0]!]!;
    regionsOf(unofficial).chars[enumAt] = chars[enumAt]! + 1; // "NUMBER" becomes "OUMBER"
    expect(isSoundPack(unofficial)).toBe(false);
    expect(counts.count).toBe(3);
  });

  it('keep details apart that only a separator would tell apart', () => {
    const base = guide[1]!;
    const one = { ...base, featureId: 'one', feature: { ...base.feature!, id: 'one', description: 'a\u0000b', units: undefined } };
    const two = { ...base, featureId: 'two', feature: { ...base.feature!, id: 'two', description: 'a', units: 'b' } };
    const packed = readPack(packEntitlements([one, two]));
    expect(packed.get('one')?.feature).toEqual(one.feature);
    expect(packed.get('two')?.feature).toEqual(two.feature);
  });

  it('are equal when their content and order are', () => {
    expect(samePack(packEntitlements(guide), packEntitlements(structuredClone(guide)))).toBe(true);
    expect(samePack(packEntitlements(guide), packEntitlements([guide[0]!, guide[1]!, { ...guide[2]!, currentUsage: 3 }]))).toBe(false);
    expect(samePack(packEntitlements(guide), packEntitlements(guide.slice(0, 2)))).toBe(false);
  });
});
