// Validators for the records the engine stores and sends: what a page checks before it
// trusts data read back from IndexedDB or received from the engine. Kept apart from the
// message envelopes (./protocol.ts), which a page needs only once the engine is connected.
import type { LocalUsageRecord, SnapshotRecord } from './table';

type Loose = Record<string, unknown>;
export const isRecord = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
export const isString = (value: unknown): value is string => typeof value === 'string';
export const isOptionalString = (value: unknown) => value === undefined || isString(value);
export const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isOptionalNumber = (value: unknown) => value === undefined || isFiniteNumber(value);

export function isSnapshotRecord(value: unknown): value is SnapshotRecord {
  return (
    isRecord(value) &&
    isString(value.partitionKey) &&
    isFiniteNumber(value.fetchedAt) &&
    isRecord(value.snapshot) &&
    // Structure only: the pack itself is validated whole where it is read (core/build-table.ts).
    value.snapshot.packed instanceof ArrayBuffer &&
    isFiniteNumber(value.snapshot.lastUpdate) &&
    isOptionalString(value.etag) &&
    isOptionalNumber(value.changedAt) &&
    isOptionalNumber(value.serverOffsetMs)
  );
}

export function isLocalUsageRecord(value: unknown): value is LocalUsageRecord {
  return (
    isRecord(value) &&
    isString(value.id) &&
    isString(value.partitionKey) &&
    isString(value.featureId) &&
    isFiniteNumber(value.amount) &&
    isFiniteNumber(value.recordedAt) &&
    isOptionalNumber(value.expectedUsage) &&
    isOptionalNumber(value.periodStart)
  );
}
