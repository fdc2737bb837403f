// The engine's requests to the Stigg API, on the official SDK's wire: the edge GET of a
// customer's entitlements (conditional, with If-None-Match), GraphQL GetEntitlements,
// and batched ReportEntitlementCheckRequested mutations.
import type { OutboxEntry, OutboxTarget } from '../../core/outbox-policy';
import type { EntitlementSnapshot } from '../../core/model';
import type { Connection, PrefetchedEntitlements } from '../../core/protocol';
import { entitlementsFromBody } from '../../core/wire';
import type { EngineEnvironment } from '../environment';
import { MAX_ENTITLEMENTS_BYTES } from './capped-body';
import { edgeEntitlementsUrl } from './edge-url';
import { stiggHeaders } from './headers';
import { exchange, readJson, RequestFailure } from './http';

const FEATURE = 'featureType meterType featureUnits featureUnitsPlural description displayName refId';
const RESET_PERIOD_CONFIGURATION =
  '{__typename ...on YearlyResetPeriodConfig{yearlyAccordingTo} ...on MonthlyResetPeriodConfig{monthlyAccordingTo} ...on WeeklyResetPeriodConfig{weeklyAccordingTo}}';
export const GET_ENTITLEMENTS = `query GetEntitlements($query:FetchEntitlementsQuery!){entitlements:cachedEntitlements(query:$query){__typename isGranted accessDeniedReason customerId resourceId usageLimit hasUnlimitedUsage hasSoftLimit currentUsage requestedUsage entitlementUpdatedAt usageUpdatedAt usagePeriodAnchor usagePeriodStart usagePeriodEnd nextResetDate resetPeriod resetPeriodConfiguration${RESET_PERIOD_CONFIGURATION} feature{__typename ${FEATURE} unitTransformation{divide round}}}}`;
export const REPORT_ENTITLEMENT_CHECK =
  'mutation ReportEntitlementCheckRequested($entitlementCheckRequested:EntitlementCheckRequested!){reportEntitlementCheckRequested(entitlementCheckRequested:$entitlementCheckRequested)}';

/** `serverTime`: the server's clock when it answered (its `Date` header), when it sent a readable one. */
export type EntitlementsAnswer =
  | { kind: 'data'; entitlements: unknown[]; etag?: string | undefined; serverTime?: number | undefined }
  /** An answer already read into its snapshot (a page's first visit, core/protocol's PrefetchedEntitlements). */
  | { kind: 'read'; snapshot: EntitlementSnapshot; etag?: string | undefined; serverTime?: undefined }
  | { kind: 'not-modified'; serverTime?: number | undefined };

/** The answer's `Date` header as epoch ms (cross-origin, only when the server exposes it). */
export function serverTimeOf(response: Response): number | undefined {
  const header = response.headers.get('Date');
  const ms = header ? Date.parse(header) : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

function entitlementsOf(body: unknown, what: string): unknown[] {
  const list = entitlementsFromBody(body);
  if (list) return list;
  const errors = (body as { errors?: unknown } | null)?.errors;
  // GraphQL answers 200 with errors for an unknown customer or a bad token: asking again won't help.
  if (Array.isArray(errors) && errors.length > 0) {
    const message = (errors[0] as { message?: unknown }).message;
    throw new RequestFailure(`${what} failed: ${typeof message === 'string' ? message : 'GraphQL error'}`, 'permanent', 200);
  }
  throw new RequestFailure(`${what} answered without entitlements`, 'transient', 200);
}

/** The edge GET. A 304 (ETag still current) is answered without reading a body. */
export function fetchEdgeEntitlements(
  env: EngineEnvironment,
  connection: Connection,
  etag: string | undefined,
  timeoutMs: number,
): Promise<EntitlementsAnswer> {
  const headers = { ...stiggHeaders(connection), 'X-API-VERSION': '1' } as Record<string, string>;
  if (etag) headers['If-None-Match'] = etag;
  return exchange<EntitlementsAnswer>(env, {
    url: edgeEntitlementsUrl(connection),
    init: { method: 'GET', headers, cache: 'no-store', credentials: 'omit' },
    timeoutMs,
    async read(response) {
      if (response.status === 304) {
        void response.body?.cancel().catch(() => undefined);
        return { kind: 'not-modified', serverTime: serverTimeOf(response) };
      }
      const entitlements = entitlementsOf(await readJson(response, MAX_ENTITLEMENTS_BYTES), 'the edge entitlements request');
      return { kind: 'data', entitlements, etag: response.headers.get('ETag') ?? undefined, serverTime: serverTimeOf(response) };
    },
  });
}

/**
 * The edge answer a page fetched and read itself on a first visit (core/protocol's
 * PrefetchedEntitlements, validated with the request), stored as the engine's own fetch.
 */
export function prefetchedAnswer(prefetched: PrefetchedEntitlements): EntitlementsAnswer {
  return { kind: 'read', snapshot: prefetched.snapshot, etag: prefetched.etag };
}

function graphqlUrl(baseUri: string): string {
  return `${baseUri.replace(/\/+$/, '')}/graphql`;
}

export function fetchGraphqlEntitlements(
  env: EngineEnvironment,
  connection: Connection,
  timeoutMs: number,
): Promise<EntitlementsAnswer> {
  const query: Record<string, string> = { customerId: connection.customerId };
  if (connection.resourceId) query.resourceId = connection.resourceId;
  return exchange<EntitlementsAnswer>(env, {
    url: graphqlUrl(connection.baseUri),
    init: {
      method: 'POST',
      headers: stiggHeaders(connection, 'GetEntitlements'),
      body: JSON.stringify({ operationName: 'GetEntitlements', variables: { query }, query: GET_ENTITLEMENTS }),
      credentials: 'omit',
    },
    timeoutMs,
    async read(response) {
      return { kind: 'data', entitlements: entitlementsOf(await readJson(response, MAX_ENTITLEMENTS_BYTES), 'GetEntitlements'), serverTime: serverTimeOf(response) };
    },
  });
}

/**
 * One request carrying a batch of check reports, as a GraphQL batch (a JSON array, as
 * the official SDK's batching link sends). Each operation carries its report's id as
 * `extensions.idempotencyKey`, so a server can tell a retry from a new report.
 */
export function sendCheckReports(
  env: EngineEnvironment,
  target: OutboxTarget,
  customerToken: string | undefined,
  batch: readonly OutboxEntry[],
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const operations = batch.map(({ id, report }) => ({
    operationName: 'ReportEntitlementCheckRequested',
    query: REPORT_ENTITLEMENT_CHECK,
    variables: {
      entitlementCheckRequested: {
        customerId: target.customerId,
        resourceId: target.resourceId,
        featureId: report.featureId,
        requestedUsage: report.requestedUsage,
        entitlementCheckResult: report.result,
      },
    },
    extensions: { idempotencyKey: id },
  }));
  return exchange<void>(env, {
    url: graphqlUrl(target.baseUri),
    init: {
      method: 'POST',
      headers: stiggHeaders({ ...target, customerToken }, 'ReportEntitlementCheckRequested'),
      body: JSON.stringify(operations),
      credentials: 'omit',
    },
    timeoutMs,
    signal,
    async read(response) {
      const body = await readJson(response);
      const answers = Array.isArray(body) ? body : [body];
      const failed = answers.find((answer) => Array.isArray((answer as { errors?: unknown } | null)?.errors));
      if (failed) {
        throw new RequestFailure(`ReportEntitlementCheckRequested failed: ${JSON.stringify((failed as { errors: unknown }).errors).slice(0, 200)}`, 'permanent', 200);
      }
    },
  });
}
