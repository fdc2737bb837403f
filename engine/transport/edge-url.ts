// The edge URL of a customer's entitlements, apart from ./stigg.ts so a page's first visit
// (src/first-fetch.ts) can send the same request without loading the engine's transport.
import type { Connection } from '../../core/protocol';

export function edgeEntitlementsUrl(connection: Connection): string {
  const base = connection.baseEdgeUri.replace(/\/+$/, '');
  const query = connection.resourceId ? `?resourceId=${encodeURIComponent(connection.resourceId)}` : '';
  return `${base}/v1/c/${encodeURIComponent(connection.customerId)}/entitlements.json${query}`;
}
