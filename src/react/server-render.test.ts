// Server rendering in Node (no window, no navigator): renderToString with the hooks.
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { guideEntitlements } from '../../core/test/wire-fixtures';
import { StiggProvider, useBooleanEntitlement, useEntitlementProvenance, useMeteredEntitlement, useNumericEntitlement, useStiggContext } from './index';

const silent = { logger: { log: () => undefined, error: vi.fn() } };
const bootstrapFor = (customerId: string) => ({ customerId, entitlements: { data: { entitlements: guideEntitlements } }, fetchedAt: Date.now() - 1_000 });

function Gates() {
  const numeric = useNumericEntitlement({ featureId: 'feature-demo-01' });
  const granted = useBooleanEntitlement({ featureId: 'feature-demo-02' });
  const metered = useMeteredEntitlement({ featureId: 'feature-demo-03', options: { requestedUsage: 1 } });
  const { source } = useEntitlementProvenance({ featureId: 'feature-demo-01' });
  const { isInitialized } = useStiggContext();
  return h('p', null, `numeric=${numeric.value}/${numeric.isFallback} boolean=${granted.hasAccess}/${granted.isFallback} metered=${metered.currentUsage}of${metered.usageLimit}/${metered.isFallback} source=${source} initialized=${isInitialized}`);
}

const renderFor = (customerId: string, bootstrap?: unknown) =>
  renderToString(h(StiggProvider, { apiKey: 'client-demo-key', customerId, logConfiguration: silent, bootstrap: bootstrap as never }, h(Gates)));

afterEach(() => vi.restoreAllMocks());

describe('renderToString in Node', () => {
  it('renders the real values from the bootstrap, fetching nothing', () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    expect(typeof window).toBe('undefined');
    expect(typeof navigator === 'undefined' || !('serviceWorker' in navigator)).toBe(true);
    expect(renderFor('customer-demo-01', bootstrapFor('customer-demo-01'))).toBe(
      '<p>numeric=100/false boolean=true/false metered=0of2/false source=bootstrap initialized=true</p>',
    );
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("renders fallbacks for another customer's bootstrap, with a warning", () => {
    expect(renderFor('customer-demo-02', bootstrapFor('customer-demo-01'))).toBe(
      '<p>numeric=undefined/true boolean=false/true metered=0ofundefined/true source=fallback initialized=false</p>',
    );
    expect(silent.logger.error).toHaveBeenCalledWith('[Stigg] The bootstrap is ignored: the bootstrap is for another customer', {});
  });

  it('renders fallbacks without a bootstrap, and does not throw', () => {
    expect(() => renderFor('customer-demo-01')).not.toThrow();
    expect(renderFor('customer-demo-01')).toBe('<p>numeric=undefined/true boolean=false/true metered=0ofundefined/true source=fallback initialized=false</p>');
  });
});
