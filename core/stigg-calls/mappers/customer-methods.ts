// The official Customer's helper methods, kept apart from the mappers: results stay plain
// data (JSON-comparable, cloneable), and the page API puts the helpers on its customers.
import type { Customer, CustomerData } from '../../api-model';

const customerMethods: ThisType<CustomerData> & Pick<Customer, 'getActiveSubscriptions' | 'getActiveTrials' | 'getActivePromotionalEntitlements'> = {
  getActiveSubscriptions() {
    return this.subscriptions.filter((subscription) => subscription.status === 'ACTIVE');
  },
  getActiveTrials() {
    return this.subscriptions.filter((subscription) => subscription.status === 'IN_TRIAL');
  },
  getActivePromotionalEntitlements() {
    return this.promotionalEntitlements.filter((entitlement) => entitlement.status === 'Active');
  },
};

/** The public `Customer`: the data with the official's helpers on its prototype (so JSON stays data only). */
export const withCustomerMethods = (data: CustomerData): Customer => Object.assign(Object.create(customerMethods) as Customer, data);
