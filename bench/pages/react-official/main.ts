// The same gates as examples/react-ssr, as an app on Stigg's React SDK writes them (the
// official SDK has no bootstrap, so the app renders in the browser). `?emulator=` gives the API.
import { StiggProvider, useBooleanEntitlement, useMeteredEntitlement, useNumericEntitlement } from '@stigg/react-sdk';
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';

const api = new URLSearchParams(location.search).get('emulator') ?? 'http://127.0.0.1:3060';

function Gates() {
  const seats = useNumericEntitlement({ featureId: 'feature-demo-01' });
  const analytics = useBooleanEntitlement({ featureId: 'feature-demo-02' });
  const exports = useMeteredEntitlement({ featureId: 'feature-demo-03', options: { requestedUsage: 1 } });
  const answer = (name: string, value: object) => h('li', { 'data-testid': name }, JSON.stringify(value));
  return h(
    'ul',
    null,
    answer('numeric', { hasAccess: seats.hasAccess, isFallback: seats.isFallback, value: seats.value }),
    answer('boolean', { hasAccess: analytics.hasAccess, isFallback: analytics.isFallback }),
    answer('metered', { hasAccess: exports.hasAccess, isFallback: exports.isFallback, usage: `${exports.currentUsage}/${exports.usageLimit}` }),
  );
}

createRoot(document.getElementById('root')!).render(
  h(StiggProvider, { apiKey: 'client-demo-key', baseUri: api, baseEdgeUri: api, customerId: 'customer-demo-01' }, h(Gates)),
);
