import { describe, expect, it, vi } from 'vitest';
import { EntitlementsMap, entitlementList } from './results';
import { tableOf } from './test/packed';
import { toSnapshot } from './wire';
import { GUIDE_NOW, guideEntitlements } from './test/wire-fixtures';

const table = () => tableOf(toSnapshot(guideEntitlements, GUIDE_NOW), GUIDE_NOW);
const eager = () => new Map(entitlementList(table()).map((e) => [e.feature?.id ?? '', e]));

describe('EntitlementsMap (the entitlementsUpdated payload)', () => {
  it('answers every Map operation as a Map of all results would', () => {
    const expected = eager();
    expect(new EntitlementsMap(table()).get('feature-demo-03')).toEqual(expected.get('feature-demo-03'));
    expect(new EntitlementsMap(table()).get('nope')).toBeUndefined();
    expect(new EntitlementsMap(table()).has('feature-demo-01')).toBe(true);
    expect(new EntitlementsMap(table()).has('nope')).toBe(false);
    expect(new EntitlementsMap(table()).size).toBe(expected.size);
    expect([...new EntitlementsMap(table())]).toEqual([...expected]);
    expect([...new EntitlementsMap(table()).keys()]).toEqual([...expected.keys()]);
    expect([...new EntitlementsMap(table()).values()]).toEqual([...expected.values()]);
    const visited: string[] = [];
    new EntitlementsMap(table()).forEach((_value, key, map) => {
      expect(map).toBeInstanceOf(Map);
      visited.push(key);
    });
    expect(visited).toEqual([...expected.keys()]);
    const changed = new EntitlementsMap(table());
    changed.delete('feature-demo-01');
    expect([...changed.keys()]).toEqual([...expected.keys()].filter((key) => key !== 'feature-demo-01'));
    expect(new EntitlementsMap(table()) instanceof Map).toBe(true);
  });

  it('makes results only for the features read, until something reads them all', () => {
    const source = table();
    const all = vi.spyOn(source.entries, 'all');
    const map = new EntitlementsMap(source);
    expect(map.get('feature-demo-01')?.isFallback).toBe(false);
    expect(map.has('feature-demo-02')).toBe(true);
    expect(all).not.toHaveBeenCalled();
    expect(map.size).toBe(3);
    expect([...map.values()]).toHaveLength(3);
    expect(all).toHaveBeenCalledTimes(1);
  });
});
