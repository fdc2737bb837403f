// A snapshot record read back from storage, checked before the engine trusts it. Records
// written before entitlements were packed (a plain object per feature) are packed on
// the way in, so an upgrade keeps a customer's offline data; anything else unreadable
// counts as nothing stored (the next sync replaces it).
import type { CachedEntitlement } from '../../core/model';
import { packEntitlements } from '../../core/pack-entitlements';
import { isSoundPack } from '../../core/pack-soundness';
import { isRecord, isSnapshotRecord, isString } from '../../core/records';
import type { SnapshotRecord } from '../../core/table';

export function storedRecord(value: unknown, partitionKey: string): SnapshotRecord | undefined {
  if (isSnapshotRecord(value)) return value.partitionKey === partitionKey && isSoundPack(value.snapshot.packed) ? value : undefined;
  if (!isRecord(value) || !isRecord(value.snapshot) || !isRecord(value.snapshot.entitlements)) return undefined;
  const { entitlements: legacy, ...snapshot } = value.snapshot;
  try {
    const upgraded = { ...value, snapshot: { ...snapshot, packed: packEntitlements(Object.values(legacy).filter(isLegacyEntitlement)) } };
    return storedRecord(upgraded, partitionKey);
  } catch {
    return undefined;
  }
}

/** The fields packing reads have the types it expects (the rest it checks itself). */
function isLegacyEntitlement(value: unknown): value is CachedEntitlement {
  if (!isRecord(value) || !isString(value.featureId)) return false;
  const feature = value.feature;
  if (feature === undefined) return true;
  if (!isRecord(feature)) return false;
  return ['featureType', 'displayName', 'description', 'units', 'unitsPlural', 'meterType'].every(
    (key) => feature[key] === undefined || isString(feature[key]),
  );
}
