// Subscriptions and the slim customers they reference.
import type { SlimCustomer, Subscription, SubscriptionInvoice, SubscriptionScheduledUpdate } from '../../api-model';
import { mapAddon, mapPlan, mapPrice, mapPriceWithTotal } from './catalog';
import { plain, plainOrEmpty, toDate } from './common';
import type { WireInvoice, WireSlimCustomer, WireSubscription } from './wire';

export function mapSlimCustomer(customer: WireSlimCustomer): SlimCustomer {
  return {
    id: customer.refId,
    name: customer.name || undefined,
    email: customer.email || undefined,
    billingId: customer.billingId || undefined,
    createdAt: new Date(customer.createdAt),
    updatedAt: new Date(customer.updatedAt),
    metadata: plain(customer.additionalMetaData),
    awsMarketplaceCustomerId: customer.awsMarketplaceCustomerId,
  };
}

function mapInvoice(invoice: WireInvoice | null | undefined): SubscriptionInvoice | undefined {
  if (!invoice) return undefined;
  return { ...plain(invoice), createdAt: toDate(invoice.createdAt), updatedAt: toDate(invoice.updatedAt) } as SubscriptionInvoice;
}

export function mapSubscription(subscription: WireSubscription): Subscription {
  const { totalPrice, prices } = subscription;
  const first = prices?.[0];
  return {
    id: subscription.subscriptionId,
    billingId: subscription.billingId || undefined,
    resourceId: subscription.resource?.resourceId,
    payingCustomer: subscription.payingCustomer ? mapSlimCustomer(subscription.payingCustomer) : null,
    status: subscription.status,
    currentBillingPeriodEnd: toDate(subscription.currentBillingPeriodEnd),
    plan: mapPlan(subscription.plan),
    prices: prices ? prices.flatMap(({ price, usageLimit }) => (price ? [mapPrice(price, usageLimit)] : [])) : [],
    totalPrice: plain(totalPrice),
    price: first?.price && totalPrice ? mapPriceWithTotal(first.price, totalPrice, first.usageLimit) : null,
    pricingType: subscription.pricingType,
    addons: subscription.addons?.map(({ quantity, addon }) => ({ quantity, addon: mapAddon(addon) })) ?? [],
    startDate: subscription.startDate,
    endDate: toDate(subscription.endDate),
    trialEndDate: toDate(subscription.trialEndDate),
    cancellationDate: toDate(subscription.cancellationDate),
    effectiveEndDate: toDate(subscription.effectiveEndDate),
    metadata: plain(subscription.additionalMetaData),
    experimentInfo: plainOrEmpty(subscription.experimentInfo),
    scheduledUpdates: plain((subscription.scheduledUpdates ?? []) as SubscriptionScheduledUpdate[]),
    futureUpdates: plain((subscription.futureUpdates ?? []) as SubscriptionScheduledUpdate[]),
    latestInvoice: mapInvoice(subscription.latestInvoice),
    paymentCollection: subscription.paymentCollection,
    paymentCollectionMethod: subscription.paymentCollectionMethod || undefined,
  };
}
