// What each call answers when the client was initialized with `offline: true`: the same
// static stand-ins the official SDK gives in that mode (measured against 3.35.0), so app
// code written for offline mode (tests, previews, demos) runs unchanged. Nothing reaches
// the network or the engine.
import type { CustomerData, Plan, Subscription } from '../api-model';
import type { StiggApi } from './calls';

type Answer<M extends keyof StiggApi> = Awaited<ReturnType<StiggApi[M]>>;

const zero = () => ({ amount: 0, currency: 'USD' });
const zeroTotals = () => ({ total: zero(), subTotal: zero(), totalExcludingTax: zero() });

const mockPlan = (): Plan => ({
  compatibleAddons: [],
  compatiblePackageGroups: [],
  displayName: 'mock-plan',
  entitlements: [],
  id: 'mock-plan-id',
  inheritedEntitlements: [],
  order: 0,
  pricePoints: [],
  product: { id: 'mock-product-id' },
});

const mockCustomer = (id: string, now: Date): CustomerData => ({
  id,
  createdAt: now,
  updatedAt: now,
  hasPaymentMethod: false,
  subscriptions: [],
  promotionalEntitlements: [],
});

const ANSWERS: { [M in keyof StiggApi]: (now: Date) => Answer<M> } = {
  getPaywall: () => ({ activeSubscriptions: [], currency: { code: 'USD', symbol: '$' }, plans: [], customer: null, resource: null }),
  getCustomer: (now) => ({ ...mockCustomer('offline-customer-id', now), metadata: {}, email: 'offline-customer@example.com' }),
  getCustomerPortal: () => ({
    subscriptions: [],
    entitlements: [],
    promotionalEntitlements: [],
    billingInformation: {},
    canUpgradeSubscription: false,
    resource: null,
    showWatermark: true,
  }),
  getActiveSubscriptions: () => [],
  getActiveSubscriptionsList: () => [],
  getSubscription: (now) =>
    ({
      id: 'mock-subscription-id',
      addons: [],
      futureUpdates: [],
      paymentCollection: 'NOT_REQUIRED',
      plan: mockPlan(),
      price: null,
      prices: [],
      pricingType: 'PAID',
      // A Date, as the official gives it offline (online it delivers the wire string).
      startDate: now as unknown as string,
      status: 'ACTIVE',
      totalPrice: { total: zero(), subTotal: zero() },
    }) as Subscription,
  getCoupons: () => [],
  getCheckoutState: (now) => ({
    setupSecret: 'mock-setup-secret',
    resource: null,
    plan: mockPlan(),
    customer: mockCustomer('mock-customer-id', now),
    billingIntegration: { billingIdentifier: 'STRIPE', credentials: { accountId: 'mock-account-id', publicKey: 'mock-public-key' } },
  }),
  applySubscription: () => ({}),
  estimateSubscription: () => ({ billingPeriodRange: {}, ...zeroTotals() }),
  estimateSubscriptionUpdate: () => ({ billingPeriodRange: {}, ...zeroTotals() }),
  previewSubscription: () => ({ billingPeriodRange: {}, immediateInvoice: zeroTotals() }),
  fetchUsageHistory: () => [],
  getUsageHistoryV2: () => ({ markers: [], series: [] }),
  getSdkConfiguration: () => ({ sentryDsn: null, isWidgetWatermarkEnabled: true }),
};

/** A new object on every call, dated `now`, so a caller that changes one changes nothing else. */
export function offlineAnswer<M extends keyof StiggApi>(method: M, now: Date): Answer<M> {
  return ANSWERS[method](now);
}
