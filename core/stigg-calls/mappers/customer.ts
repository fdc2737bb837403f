// Customers, as plain data. The official returns a class instance with three helper
// methods; the page API adds them to the customers it answers (customer-methods.ts).
import type { Customer, CustomerData, PaymentMethodDetails, PromotionalEntitlement } from '../../api-model';
import { mapFeature } from './catalog';
import { mapList, plain, plainOrEmpty } from './common';
import { mapSubscription } from './subscription';
import type { WireCustomer, WirePromotionalEntitlement, WireSubscription } from './wire';

function mapPromotionalEntitlement(entitlement: WirePromotionalEntitlement): PromotionalEntitlement {
  return {
    status: entitlement.status,
    usageLimit: entitlement.usageLimit || 0,
    feature: mapFeature(entitlement.feature),
    hasUnlimitedUsage: entitlement.hasUnlimitedUsage,
    expiresAt: entitlement.endDate,
    hasExpirationDate: !!entitlement.endDate,
    isVisible: entitlement.isVisible,
  };
}

function mapPaymentMethod(customer: WireCustomer): PaymentMethodDetails | undefined {
  const { defaultPaymentExpirationMonth: month, defaultPaymentExpirationYear: year, defaultPaymentMethodLast4Digits: last4 } = customer;
  return last4 || month || year ? { expirationMonth: month, expirationYear: year, last4Digits: last4 } : undefined;
}

/** `subscriptions` is passed separately: paywall and checkout take them from elsewhere. */
export function mapCustomer(customer: WireCustomer, subscriptions: readonly WireSubscription[]): CustomerData {
  return {
    id: customer.refId,
    name: customer.name || undefined,
    email: customer.email || undefined,
    createdAt: new Date(customer.createdAt),
    updatedAt: new Date(customer.updatedAt),
    hasPaymentMethod: customer.hasPaymentMethod,
    subscriptions: subscriptions.map(mapSubscription),
    promotionalEntitlements: mapList(customer.promotionalEntitlements, mapPromotionalEntitlement),
    metadata: plain(customer.additionalMetaData),
    paymentMethodDetails: mapPaymentMethod(customer),
    trialedPlans: customer.trialedPlans?.map(({ productRefId, planRefId }) => ({ productId: productRefId, planId: planRefId })) || undefined,
    eligibleForTrial: customer.eligibleForTrial?.map(({ productRefId, eligible }) => ({ productId: productRefId, eligible })),
    experimentInfo: plainOrEmpty(customer.experimentInfo),
  };
}
