// App code written against the official package's types: it must compile unchanged on
// Gatehouse's (tsconfig.json), as it does on the official's (tsconfig.official.json).
import Stigg, {
  BillingPeriod,
  MeterType,
  OfflineStigg,
  PricingType,
  SubscriptionStatus,
  type BillableFeature,
  type Customer,
  type CustomerPortal,
  type GetMeteredEntitlement,
  type MeteredEntitlement,
  type Paywall,
  type Plan,
  type Price,
  type PriceTierFragment,
  type StiggClient,
  type Subscription,
} from '@stigg/js-client-sdk';

let stigg: Stigg | undefined;
export const client: StiggClient = Stigg.initialize({ apiKey: 'client-key', customerId: 'customer-1', lazyLoad: true });
export const offline: StiggClient = OfflineStigg.initialize({ apiKey: 'client-key' });

const request: GetMeteredEntitlement = { featureId: 'feature-seats', options: { requestedUsage: 2, shouldTrack: true } };
export const seats: MeteredEntitlement = client.getMeteredEntitlement(request);
// @ts-expect-error a misspelled option is rejected, as the official types reject it
client.getMeteredEntitlement({ featureId: 'feature-seats', options: { requestedUsge: 1 } });

// Enums are values and types; a member is a type of its own.
export const monthly: BillingPeriod.Monthly = BillingPeriod.Monthly;
export const periods: BillingPeriod[] = Object.values(BillingPeriod);
export const incremental: MeterType = MeterType.Incremental;

export async function describePlans(): Promise<string[]> {
  const paywall: Paywall = await client.getPaywall({ productId: 'product-stigg' });
  return paywall.plans.map((plan: Plan) => {
    const prices: Price[] = plan.pricePoints.filter((price) => price.billingPeriod === BillingPeriod.Monthly);
    const free = plan.pricingType === PricingType.Free;
    return `${plan.displayName}: ${free ? 'free' : prices.map((price) => `${price.amount} ${price.currency}`).join(', ')}`;
  });
}

export async function activeSubscriptions(): Promise<Subscription[]> {
  const customer: Customer = await client.getCustomer();
  return customer.subscriptions.filter((subscription) => subscription.status === SubscriptionStatus.Active);
}

export const portal = (): Promise<CustomerPortal> => client.getCustomerPortal();
export const seatsFeature: BillableFeature = { featureId: 'feature-seats', quantity: 3 };
export const firstTierLimit = (tier: PriceTierFragment): number | null | undefined => tier.upTo;
stigg = Stigg.initialize({ apiKey: 'client-key' }) as Stigg;
export { stigg };
