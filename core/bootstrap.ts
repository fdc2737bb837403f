// Server bootstrap: entitlements an app's server fetched from Stigg's edge endpoint
// (`GET {baseEdgeUri}/v1/c/{customerId}/entitlements.json`, the JSON body as is) and handed
// to the first render. Validated like any wire data; served only to its own customer and
// resource; dated by `fetchedAt`; and replaced by stored or fetched data that is newer
// (`replacesBootstrap`, in ./table.ts with the other ordering rules, as the page always needs it).
import { partitionKey } from './partition';
import type { SnapshotRecord } from './table';
import { entitlementsFromBody, toSnapshot } from './wire';

/** What `Stigg.initialize({ bootstrap })` and the React provider's `bootstrap` prop take. */
export interface Bootstrap {
  customerId: string;
  resourceId?: string | null;
  /** The edge endpoint's JSON body, as the server received it. */
  entitlements: unknown;
  /** When the server fetched it: epoch ms or an ISO string. Default: now. */
  fetchedAt?: number | string;
}

export type BootstrapDecision =
  | { apply: true; record: SnapshotRecord; resourceId: string | undefined }
  | { apply: false; reason: string };

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

function fetchedAtOf(value: unknown, now: number): number | null {
  if (value === undefined || value === null) return now;
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  // A server clock ahead of this one must not make the data look younger than it is.
  return Number.isFinite(ms) ? Math.min(ms, now) : null;
}

/**
 * Whether a bootstrap applies to the partition being opened (the current API key,
 * customer and resource), and the snapshot record it stands for. Never throws.
 */
export function decideBootstrap(
  bootstrap: unknown,
  current: { apiKey: string; customerId: string; resourceId?: string | undefined },
  now: number,
): BootstrapDecision {
  if (typeof bootstrap !== 'object' || bootstrap === null) return { apply: false, reason: 'the bootstrap is not an object' };
  const given = bootstrap as Record<string, unknown>;
  if (!isText(given.customerId)) return { apply: false, reason: 'the bootstrap names no customerId' };
  const resourceId = isText(given.resourceId) ? given.resourceId : undefined;
  if (given.customerId !== current.customerId) return { apply: false, reason: 'the bootstrap is for another customer' };
  if (resourceId !== (current.resourceId || undefined)) return { apply: false, reason: 'the bootstrap is for another resource' };
  const list = entitlementsFromBody(given.entitlements);
  if (!list) return { apply: false, reason: 'the bootstrap entitlements are not an edge entitlements body' };
  const fetchedAt = fetchedAtOf(given.fetchedAt, now);
  if (fetchedAt === null) return { apply: false, reason: 'the bootstrap fetchedAt is not a time' };
  return {
    apply: true,
    resourceId,
    record: { partitionKey: partitionKey({ ...current, resourceId }), snapshot: toSnapshot(list, fetchedAt), fetchedAt },
  };
}
