// Validation of the requests pages send to the engine, apart from ./protocol.ts so the
// code a page loads for its first answer does not include it.
import { parseEnvelope, type CheckReport, type Connection, type EngineRequest, type PrefetchedEntitlements } from './protocol';
import { isFiniteNumber, isOptionalString, isRecord, isString } from './records';
import { isSoundPack } from './pack-soundness';
import type { GraphqlOperation } from './stigg-calls/operation';

export function isPrefetchedEntitlements(value: unknown): value is PrefetchedEntitlements {
  return (
    isRecord(value) &&
    isRecord(value.snapshot) &&
    isSoundPack(value.snapshot.packed) &&
    isFiniteNumber(value.snapshot.lastUpdate) &&
    (value.etag === undefined || isString(value.etag)) &&
    isFiniteNumber(value.receivedAt)
  );
}

function isConnection(value: unknown, requireCustomer = true): value is Connection {
  return (
    isRecord(value) &&
    isString(value.apiKey) &&
    value.apiKey !== '' &&
    (requireCustomer ? isString(value.customerId) && value.customerId !== '' : isOptionalString(value.customerId)) &&
    isOptionalString(value.resourceId) &&
    isString(value.baseUri) &&
    isString(value.baseEdgeUri) &&
    typeof value.enableEdge === 'boolean' &&
    isOptionalString(value.customerToken) &&
    isOptionalString(value.clientName) &&
    isOptionalString(value.clientVersion)
  );
}

function isCheckReport(value: unknown): value is CheckReport {
  return (
    isRecord(value) &&
    isString(value.id) &&
    isString(value.featureId) &&
    isFiniteNumber(value.checkedAt) &&
    isRecord(value.result) &&
    typeof value.result.hasAccess === 'boolean'
  );
}

/** An object as structured clone delivers one: no class instance, no array. */
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  isRecord(value) && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

function isGraphqlOperation(value: unknown): value is GraphqlOperation {
  return (
    isRecord(value) &&
    (value.kind === 'query' || (value.kind === 'mutation' && value.cache === 'fresh')) &&
    (value.cache === 'stored' || value.cache === 'fresh') &&
    isString(value.document) &&
    // A document of its kind (`query` or `mutation`), so the operation runs as it says.
    value.document.startsWith(value.kind) &&
    isPlainObject(value.variables)
  );
}

function isEngineRequest(body: unknown): body is EngineRequest {
  if (!isRecord(body)) return false;
  switch (body.type) {
    case 'sync':
      return (
        isConnection(body.connection) &&
        isFiniteNumber(body.ttlMs) &&
        body.ttlMs >= 0 &&
        (body.prefetched === undefined || isPrefetchedEntitlements(body.prefetched))
      );
    case 'graphql':
      return isConnection(body.connection, false) && isGraphqlOperation(body.operation);
    case 'track':
      return isConnection(body.connection) && Array.isArray(body.reports) && body.reports.every(isCheckReport);
    case 'recordUsage':
      return (
        isConnection(body.connection) &&
        isString(body.usageId) &&
        body.usageId !== '' &&
        isString(body.featureId) &&
        isFiniteNumber(body.amount) &&
        typeof body.limitCheck === 'boolean'
      );
    case 'status':
      return true;
    case 'connectivity':
      return typeof body.online === 'boolean';
    case 'purge':
      return isConnection(body.connection);
    default:
      return false;
  }
}

export const parseRequest = (data: unknown) => parseEnvelope(data, isEngineRequest);

/**
 * Whether a request may be sent again when the engine went silent (a stopped service
 * worker) without knowing if it was carried out: everything but a GraphQL mutation, which
 * could then be applied twice (the others are reads, or carry ids the engine records once).
 */
export const safeToRepeat = (request: EngineRequest): boolean => !(request.type === 'graphql' && request.operation.kind === 'mutation');
