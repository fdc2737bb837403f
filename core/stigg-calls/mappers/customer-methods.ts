// The official Customer's helper methods, kept apart from the mappers: results stay plain
// data (JSON-comparable, cloneable), and the page API puts the helpers on its customers.
import type { Customer, CustomerData } from '../../api-model';

/** The official's `CustomerModel`: the customer's data as own fields, the helpers on the prototype. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface CustomerModel extends CustomerData {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class CustomerModel implements Customer {
  constructor(state: CustomerData) {
    Object.assign(this, state);
  }
  getActiveSubscriptions() {
    return this.subscriptions.filter((subscription) => subscription.status === 'ACTIVE');
  }
  getActiveTrials() {
    return this.subscriptions.filter((subscription) => subscription.status === 'IN_TRIAL');
  }
  getActivePromotionalEntitlements() {
    return this.promotionalEntitlements.filter((entitlement) => entitlement.status === 'Active');
  }
}

/** The public `Customer`: the data with the official's helpers on its prototype (so JSON stays data only). */
export const withCustomerMethods = (data: CustomerData): Customer => new CustomerModel(data);
