// An app written for Stigg's React SDK, as its users write it. Built twice (build.ts):
// once as is, on the official @stigg/js-client-sdk, and once with that package resolved
// to Gatehouse as packed for npm. The URL gives the emulator: `?emulator=http://...`.
import {
  CustomerPortal,
  Paywall,
  StiggProvider,
  useBooleanEntitlement,
  useMeteredEntitlement,
  useNumericEntitlement,
  type BooleanEntitlement,
  type MeteredEntitlement,
  type NumericEntitlement,
} from '@stigg/react-sdk';
import { createRoot } from 'react-dom/client';

const params = new URLSearchParams(location.search);
const emulator = params.get('emulator') ?? 'http://127.0.0.1:3060';
const customerId = params.get('customerId') ?? 'customer-demo-01';

/** What a hook answered, as the page shows it. */
function Answer({ name, entitlement }: { name: string; entitlement: BooleanEntitlement | NumericEntitlement | MeteredEntitlement }) {
  const { hasAccess, isFallback } = entitlement;
  const value = 'value' in entitlement ? entitlement.value : undefined;
  const usage = 'currentUsage' in entitlement ? `${entitlement.currentUsage}/${entitlement.usageLimit}` : undefined;
  return (
    <li data-testid={name}>
      {JSON.stringify({ hasAccess, isFallback, value, usage, accessDeniedReason: entitlement.accessDeniedReason ?? null })}
    </li>
  );
}

function Hooks() {
  const granted = useBooleanEntitlement({ featureId: 'feature-demo-02' });
  const numeric = useNumericEntitlement({ featureId: 'feature-demo-01' });
  const metered = useMeteredEntitlement({ featureId: 'feature-demo-03', options: { requestedUsage: 1 } });
  return (
    <ul>
      <Answer name="boolean" entitlement={granted} />
      <Answer name="numeric" entitlement={numeric} />
      <Answer name="metered" entitlement={metered} />
    </ul>
  );
}

function App() {
  return (
    <StiggProvider apiKey="client-demo-key" baseUri={emulator} baseEdgeUri={emulator} customerId={customerId}>
      <Hooks />
      <section data-testid="paywall">
        <Paywall productId="product-stigg" onPlanSelected={({ plan }) => console.info(`plan selected: ${plan.id}`)} />
      </section>
      <section data-testid="customer-portal">
        <CustomerPortal />
      </section>
    </StiggProvider>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
