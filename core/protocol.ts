// Messages between the page and the engine (in the service worker, or in the leader
// tab), and the broadcasts the engine sends to a partition's tabs. Every message that
// crosses a host boundary is parsed with these functions (requests: ./requests.ts):
// unknown or malformed data gives null and is ignored, never trusted.
import type { PartitionId } from './partition';
import type { GraphqlOperation } from './stigg-calls/operation';
import { isFiniteNumber, isLocalUsageRecord, isRecord, isSnapshotRecord, isString } from './records';
import type { LocalUsageRecord, SnapshotRecord } from './table';
import type { EntitlementSnapshot } from './model';

const PROTOCOL_VERSION = 1;

/** How the engine reaches the Stigg API for a partition. The token stays in memory. */
export interface Connection extends PartitionId {
  baseUri: string;
  baseEdgeUri: string;
  enableEdge: boolean;
  customerToken?: string | undefined;
  clientName?: string | undefined;
  clientVersion?: string | undefined;
}

/** One `shouldTrack` entitlement check, queued in the outbox until sent. */
export interface CheckReport {
  /** Idempotency key: a retried send never counts twice. */
  id: string;
  featureId: string;
  requestedUsage?: number | undefined;
  result: { hasAccess: boolean; accessDeniedReason?: string | undefined; requestedUsage?: number | undefined };
  checkedAt: number;
}

/**
 * A first visit: the page fetched the edge entitlements itself, before any engine was up,
 * and hands the engine the answer read (its snapshot, as core/wire reads an answer), its
 * ETag and arrival time, so the engine stores it instead of asking again. The snapshot,
 * not the body: its packed entitlements are a fraction of the answer's JSON (4.8 MB
 * against 25 to 41 MB at 50,000 features) to copy from the page, and the engine does not
 * read the answer a second time.
 */
export interface PrefetchedEntitlements {
  snapshot: EntitlementSnapshot;
  etag?: string | undefined;
  receivedAt: number;
}

export type SyncState = 'idle' | 'syncing' | 'degraded' | 'offline';

export interface SyncStatus {
  host: 'service-worker' | 'page';
  online: boolean;
  state: SyncState;
  storage: 'indexeddb' | 'memory';
  /** While storage is 'memory': why, and what it means (a reload loses local usage and queued reports). */
  storageNote?: string | undefined;
  lastSuccessfulSyncAt?: number | undefined;
  lastError?: string | undefined;
  outboxDepth: number;
  circuitOpen: boolean;
  /** Why the engine runs in the page rather than the service worker, when it does. */
  hostReason?: string | undefined;
}

export type EngineRequest =
  | { type: 'sync'; connection: Connection; ttlMs: number; force?: boolean; skipEdge?: boolean; prefetched?: PrefetchedEntitlements }
  | { type: 'graphql'; connection: Connection | ConnectionWithoutCustomer; operation: GraphqlOperation }
  | { type: 'track'; connection: Connection; reports: CheckReport[] }
  /** `usageId` is chosen by the page, so a resent request records the usage once. */
  | { type: 'recordUsage'; connection: Connection; usageId: string; featureId: string; amount: number; limitCheck: boolean }
  | { type: 'status' }
  | { type: 'connectivity'; online: boolean }
  | { type: 'purge'; connection: Connection };

/** Calls such as the public paywall need no customer. */
export type ConnectionWithoutCustomer = Omit<Connection, 'customerId'> & { customerId?: undefined };

export interface Envelope<T> {
  gatehouse: typeof PROTOCOL_VERSION;
  id: string;
  body: T;
}

export type EngineReply = { ok: true; value: unknown } | { ok: false; error: { message: string; code?: string | undefined } };

export type Broadcast =
  | { type: 'snapshot'; partitionKey: string; record: SnapshotRecord }
  | { type: 'localUsage'; partitionKey: string; records: LocalUsageRecord[] }
  | { type: 'status'; status: SyncStatus };

export function isSyncStatus(value: unknown): value is SyncStatus {
  return (
    isRecord(value) &&
    (value.state === 'idle' || value.state === 'syncing' || value.state === 'degraded' || value.state === 'offline') &&
    typeof value.online === 'boolean' &&
    isFiniteNumber(value.outboxDepth)
  );
}

function isEngineReply(body: unknown): body is EngineReply {
  if (!isRecord(body)) return false;
  if (body.ok === true) return 'value' in body;
  return body.ok === false && isRecord(body.error) && isString(body.error.message);
}

function isBroadcast(body: unknown): body is Broadcast {
  if (!isRecord(body)) return false;
  switch (body.type) {
    case 'snapshot':
      return isString(body.partitionKey) && isSnapshotRecord(body.record) && body.record.partitionKey === body.partitionKey;
    case 'localUsage':
      return (
        isString(body.partitionKey) &&
        Array.isArray(body.records) &&
        body.records.every((r) => isLocalUsageRecord(r) && r.partitionKey === body.partitionKey)
      );
    case 'status':
      return isSyncStatus(body.status);
    default:
      return false;
  }
}

/**
 * While it works on a request, the service worker says so on the request's port this
 * often; a page that hears nothing for `SILENT_AFTER_MS` after the first beat knows the
 * worker was stopped and asks again at once (not after the whole request timeout).
 */
export const HEARTBEAT_EVERY_MS = 1_000;
export const SILENT_AFTER_MS = 3_500;

export interface Heartbeat {
  gatehouse: typeof PROTOCOL_VERSION;
  id: string;
  heartbeat: true;
}

export function heartbeat(id: string): Heartbeat {
  return { gatehouse: PROTOCOL_VERSION, id, heartbeat: true };
}

export function isHeartbeat(data: unknown, id: string): boolean {
  return isRecord(data) && data.gatehouse === PROTOCOL_VERSION && data.id === id && data.heartbeat === true;
}

export function envelope<T>(id: string, body: T): Envelope<T> {
  return { gatehouse: PROTOCOL_VERSION, id, body };
}

export function parseEnvelope<T>(data: unknown, isBody: (body: unknown) => body is T): Envelope<T> | null {
  if (!isRecord(data) || data.gatehouse !== PROTOCOL_VERSION || !isString(data.id)) return null;
  return isBody(data.body) ? (data as unknown as Envelope<T>) : null;
}

export const parseReply = (data: unknown) => parseEnvelope(data, isEngineReply);
export const parseBroadcast = (data: unknown) => parseEnvelope(data, isBroadcast);
