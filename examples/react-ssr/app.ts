// The app, rendered on the server (server.ts) and hydrated in the browser (client.ts).
// Feature gates with gatehouse/react's hooks, which take the same parameters as
// @stigg/react-sdk's. With a bootstrap the first render already has the real values; without
// one, the gates wait for the client's data (stored data on a reload) instead of showing fallbacks.
import { createElement as h } from 'react';
import type { Bootstrap } from 'gatehouse';
import {
  StiggProvider,
  useBooleanEntitlement,
  useEntitlementProvenance,
  useMeteredEntitlement,
  useNumericEntitlement,
  useStiggContext,
} from 'gatehouse/react';

export interface AppProps {
  /** The Stigg API (here the emulator): baseUri and baseEdgeUri. */
  apiUrl: string;
  apiKey: string;
  customerId: string;
  bootstrap: Bootstrap | null;
}

function Gates() {
  const { isInitialized } = useStiggContext();
  const seats = useNumericEntitlement({ featureId: 'feature-demo-01' });
  const analytics = useBooleanEntitlement({ featureId: 'feature-demo-02' });
  const exports = useMeteredEntitlement({ featureId: 'feature-demo-03', options: { requestedUsage: 1 } });
  const { source } = useEntitlementProvenance({ featureId: 'feature-demo-01' });
  if (!isInitialized) return h('p', { 'data-testid': 'loading' }, 'Loading entitlements…');
  const answer = (name: string, value: object) => h('li', { 'data-testid': name }, JSON.stringify(value));
  return h(
    'ul',
    null,
    answer('numeric', { hasAccess: seats.hasAccess, isFallback: seats.isFallback, value: seats.value }),
    answer('boolean', { hasAccess: analytics.hasAccess, isFallback: analytics.isFallback }),
    answer('metered', { hasAccess: exports.hasAccess, isFallback: exports.isFallback, usage: `${exports.currentUsage}/${exports.usageLimit}` }),
    h('li', { 'data-testid': 'source' }, source),
  );
}

export function App({ apiUrl, apiKey, customerId, bootstrap }: AppProps) {
  return h(
    StiggProvider,
    { apiKey, baseUri: apiUrl, baseEdgeUri: apiUrl, customerId, bootstrap },
    h('main', null, h('h1', null, `Gatehouse SSR example: ${customerId}`), h(Gates)),
  );
}
