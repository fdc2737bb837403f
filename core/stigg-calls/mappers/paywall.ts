// Paywall results: the customer's (GetPaywall) and the mock one used by widget previews.
import type { Paywall, PaywallCalculatedPricePoint, PaywallConfiguration } from '../../api-model';
import { mapPlan } from './catalog';
import { mapList, plain } from './common';
import { mapCustomer } from './customer';
import { mapSubscription } from './subscription';
import type { WireMockPaywall, WirePaywall } from './wire';

export function mapPaywall(paywall: WirePaywall): Paywall {
  const { customer, resource, activeSubscriptions } = paywall;
  // The customer's own subscription list is deprecated; it stays filled only without a resource.
  const customerSubscriptions = (!resource && activeSubscriptions) || [];
  return {
    plans: mapList(paywall.plans, mapPlan),
    configuration: plain(paywall.configuration as PaywallConfiguration | null | undefined),
    customer: customer ? mapCustomer(customer, customerSubscriptions) : null,
    resource: resource ? { id: resource.resourceId } : null,
    activeSubscriptions: activeSubscriptions ? activeSubscriptions.map(mapSubscription) : null,
    currency: plain(paywall.currency),
    paywallCalculatedPricePoints: plain(paywall.paywallCalculatedPricePoints as PaywallCalculatedPricePoint[] | null | undefined),
  };
}

export function mapMockPaywall(paywall: WireMockPaywall): Paywall {
  return {
    plans: mapList(paywall.plans, mapPlan),
    configuration: plain(paywall.configuration as PaywallConfiguration | null | undefined),
    customer: null,
    resource: null,
    activeSubscriptions: null,
    currency: { code: 'USD', symbol: '$' },
  };
}
