// Customer portal, checkout state and apply-subscription results.
import type { ApplySubscriptionResults, CustomerPortal, GetCheckoutStateResults } from '../../api-model';
import { mapPlan } from './catalog';
import { plain } from './common';
import { mapCustomer } from './customer';
import { mapSubscription } from './subscription';
import type { WireCheckoutState, WireCustomerPortal, WireSubscription } from './wire';

const mapResource = (resource: { resourceId: string } | null | undefined) => (resource ? { id: resource.resourceId } : null);

/** The portal is wire data as is, except `resource` which becomes `{id}`. */
export const mapCustomerPortal = (portal: WireCustomerPortal): CustomerPortal =>
  ({ ...plain(portal), resource: mapResource(portal.resource) }) as CustomerPortal;

export function mapCheckoutState(state: WireCheckoutState): GetCheckoutStateResults {
  const { activeSubscription } = state;
  return {
    setupSecret: state.setupSecret,
    configuration: plain(state.configuration as GetCheckoutStateResults['configuration']),
    customer: mapCustomer(state.customer, activeSubscription ? [activeSubscription] : []),
    plan: mapPlan(state.plan),
    resource: mapResource(state.resource),
    billingIntegration: plain(state.billingIntegration as GetCheckoutStateResults['billingIntegration']),
    activeSubscription: activeSubscription ? mapSubscription(activeSubscription) : null,
  };
}

export const mapApplySubscription = ({ subscription }: { subscription?: WireSubscription | null }): ApplySubscriptionResults => ({
  subscription: subscription ? mapSubscription(subscription) : undefined,
});
