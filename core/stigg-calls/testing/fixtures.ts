// Test-only: rich wire data (every optional branch the mappers take) as a Stigg server
// would answer it, `__typename`s included where a union needs them.
const usd = (amount: number) => ({ amount, currency: 'USD' });
const feature = (refId: string, extra: object = {}) => ({
  refId,
  featureType: 'NUMBER',
  meterType: 'Incremental',
  featureUnits: 'seat',
  featureUnitsPlural: 'seats',
  displayName: `Feature ${refId}`,
  description: null,
  additionalMetaData: { tier: 'gold' },
  ...extra,
});
const entitlement = (refId: string, extra: object = {}) => ({
  usageLimit: 10,
  hasUnlimitedUsage: false,
  hasSoftLimit: false,
  featureId: refId,
  resetPeriod: 'MONTH',
  hiddenFromWidgets: ['PAYWALL'],
  isCustom: null,
  displayNameOverride: null,
  feature: feature(refId),
  ...extra,
});
const price = (amount: number | null, extra: object = {}) => ({
  billingModel: 'FLAT_FEE',
  billingPeriod: 'MONTHLY',
  billingCadence: 'RECURRING',
  billingId: 'price_1',
  minUnitQuantity: null,
  maxUnitQuantity: null,
  billingCountryCode: null,
  price: amount === null ? null : usd(amount),
  tiersMode: null,
  tiers: null,
  feature: null,
  blockSize: null,
  ...extra,
});
const tieredPrice = price(null, {
  billingModel: 'PER_UNIT',
  tiersMode: 'VOLUME',
  tiers: [
    { upTo: 10, unitPrice: { amount: 2, currency: 'EUR' }, flatPrice: null },
    { upTo: null, unitPrice: { amount: 1, currency: 'EUR' }, flatPrice: { amount: 5, currency: 'EUR' } },
  ],
  feature: { refId: 'feature-seats', featureUnits: 'seat', featureUnitsPlural: 'seats', displayName: 'Seats', description: 'Seats' },
  blockSize: 5,
});
const addon = (refId: string, pricingType: string) => ({
  id: `id-${refId}`,
  refId,
  billingId: null,
  displayName: `Addon ${refId}`,
  description: null,
  additionalMetaData: null,
  entitlements: [entitlement('feature-storage', { isCustom: true })],
  prices: [price(3)],
  pricingType,
  maxQuantity: 5,
  dependencies: [{ id: 'id-dep', refId: 'addon-dep', displayName: 'Dependency', description: null }],
});

export const paidPlan = {
  id: 'id-plan-pro',
  refId: 'plan-pro',
  displayName: 'Pro',
  description: 'For teams',
  billingId: 'prod_1',
  additionalMetaData: { highlight: 'true' },
  pricingType: 'PAID',
  product: { refId: 'product-1', displayName: 'Product', description: null, additionalMetaData: null },
  basePlan: { refId: 'plan-free', displayName: 'Free' },
  entitlements: [entitlement('feature-seats'), { ...entitlement('feature-x'), feature: null }],
  inheritedEntitlements: [entitlement('feature-api', { usageLimit: null, hasUnlimitedUsage: true, feature: feature('feature-api', { meterType: 'None', featureType: 'BOOLEAN', featureUnits: null }) })],
  compatibleAddons: [addon('addon-paid', 'PAID'), addon('addon-free', 'FREE')],
  compatiblePackageGroups: [
    { packageGroupId: 'group-1', displayName: 'Group', addons: [addon('addon-paid', 'PAID')], options: { minItems: 0, freeItems: 2 } },
    { packageGroupId: 'group-2', displayName: 'Group 2', addons: null, options: null },
  ],
  prices: [price(20), tieredPrice],
  defaultTrialConfig: { duration: 14, units: 'DAY', budget: { limit: 100 }, trialEndBehavior: 'CONVERT_TO_PAID' },
};

export const freePlan = {
  ...paidPlan,
  refId: 'plan-free',
  displayName: 'Free',
  pricingType: 'FREE',
  basePlan: null,
  prices: [],
  defaultTrialConfig: null,
  inheritedEntitlements: null,
};

const slimCustomer = {
  refId: 'payer-1',
  name: '',
  email: 'payer@example.com',
  billingId: null,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-02-01T00:00:00.000Z',
  additionalMetaData: null,
  awsMarketplaceCustomerId: null,
};

const scheduled = [
  {
    subscriptionScheduleType: 'Plan',
    scheduleStatus: 'Scheduled',
    scheduledExecutionTime: '2025-01-01T00:00:00.000Z',
    targetPackage: { id: 'id-plan-free', refId: 'plan-free', displayName: 'Free', pricingType: 'FREE' },
    scheduleVariables: {
      __typename: 'PlanChangeVariables',
      planRefId: 'plan-free',
      changeType: 'DOWNGRADE',
      billingPeriod: 'MONTHLY',
      billableFeatures: [{ featureId: 'feature-seats', quantity: 2 }],
      addons: [],
      priceOverrides: null,
    },
  },
  {
    subscriptionScheduleType: 'BillingPeriod',
    scheduleStatus: 'PendingPayment',
    scheduledExecutionTime: '2025-02-01T00:00:00.000Z',
    targetPackage: null,
    scheduleVariables: { __typename: 'BillingPeriodChangeVariables', billingPeriod: 'ANNUALLY' },
  },
];

export const subscription = {
  id: 'id-sub-1',
  subscriptionId: 'sub-1',
  payingCustomer: slimCustomer,
  startDate: '2024-03-01T00:00:00.000Z',
  endDate: null,
  trialEndDate: '2024-03-15T00:00:00.000Z',
  cancellationDate: null,
  effectiveEndDate: '2025-03-01T00:00:00.000Z',
  status: 'IN_TRIAL',
  refId: 'sub-1',
  currentBillingPeriodEnd: '2024-04-01T00:00:00.000Z',
  additionalMetaData: { source: 'test' },
  billingId: '',
  billingLinkUrl: null,
  latestInvoice: {
    billingId: 'in_1',
    status: 'OPEN',
    createdAt: '2024-03-01T00:00:00.000Z',
    updatedAt: null,
    errorMessage: null,
    requiresAction: true,
    paymentSecret: 'secret',
    paymentUrl: 'https://pay',
    pdfUrl: null,
    billingReason: 'BILLING_CYCLE',
    currency: 'USD',
    subTotal: 20,
    subTotalExcludingTax: 20,
    total: 22,
    totalExcludingTax: 20,
    tax: 2,
    amountDue: 22,
  },
  paymentCollection: 'ACTION_REQUIRED',
  paymentCollectionMethod: null,
  billingSyncError: null,
  resource: { resourceId: 'resource-1' },
  experimentInfo: null,
  prices: [{ usageLimit: 4, price: tieredPrice }, { usageLimit: null, price: null }, { usageLimit: null, price: price(20) }],
  totalPrice: { subTotal: usd(24), total: usd(22), addonsTotal: usd(0) },
  pricingType: 'PAID',
  plan: paidPlan,
  addons: [{ id: 'id-a', quantity: 2, addon: addon('addon-paid', 'PAID') }],
  scheduledUpdates: scheduled,
  futureUpdates: null,
  trialConfiguration: { trialEndBehavior: 'CONVERT_TO_PAID' },
  customer: { customerId: 'customer-1' },
};

export const customer = {
  id: 'id-customer-1',
  refId: 'customer-1',
  customerId: 'customer-1',
  name: 'Customer One',
  email: null,
  createdAt: '2023-05-01T10:00:00.000Z',
  updatedAt: '2023-06-01T10:00:00.000Z',
  billingId: null,
  additionalMetaData: { plan: 'vip' },
  awsMarketplaceCustomerId: null,
  hasPaymentMethod: true,
  hasActiveSubscription: true,
  defaultPaymentExpirationMonth: 4,
  defaultPaymentExpirationYear: null,
  defaultPaymentMethodLast4Digits: null,
  trialedPlans: [{ productId: 'p', productRefId: 'product-1', planRefId: 'plan-pro', planId: 'id' }],
  experimentInfo: { groupType: 'VARIANT', groupName: 'Variant group', id: 'exp-1', name: 'Freemium?' },
  coupon: null,
  eligibleForTrial: [{ productId: 'p', productRefId: 'product-1', eligible: false }],
  promotionalEntitlements: [
    { status: 'Active', usageLimit: null, featureId: 'f', hasUnlimitedUsage: true, hasSoftLimit: false, resetPeriod: null, endDate: '2025-01-01T00:00:00.000Z', isVisible: true, feature: feature('feature-promo') },
    { status: 'Expired', usageLimit: 3, featureId: 'f', hasUnlimitedUsage: false, hasSoftLimit: false, resetPeriod: null, endDate: null, isVisible: false, feature: feature('feature-old', { meterType: null }) },
  ],
  subscriptions: [subscription, { ...subscription, subscriptionId: 'sub-2', experimentInfo: { groupType: null, groupName: 'g', id: 'e', name: 'n' }, prices: null, totalPrice: null, addons: null, scheduledUpdates: null, futureUpdates: scheduled, payingCustomer: null, latestInvoice: null, resource: null }],
};

const typography = { fontFamily: 'Inter', h1: { fontSize: 32, fontWeight: 'BOLD' }, h2: null, h3: null, body: { fontSize: 14, fontWeight: 'NORMAL' } };

export const paywall = {
  plans: [freePlan, paidPlan],
  currency: { code: 'USD', symbol: '$' },
  configuration: {
    palette: { primary: '#000', textColor: '#111', backgroundColor: '#fff', borderColor: null, currentPlanBackground: null },
    typography,
    layout: { alignment: 'CENTER', planWidth: 300, planMargin: null, planPadding: 8 },
    customCss: null,
  },
  customer,
  activeSubscriptions: [subscription],
  resource: null,
  paywallCalculatedPricePoints: [
    { planId: 'plan-pro', additionalChargesMayApply: false, billingPeriod: 'MONTHLY', amount: 20, currency: 'USD', billingCountryCode: null, feature: null },
  ],
};

export const mockPaywall = {
  plans: [{ ...paidPlan, compatibleAddons: [addon('addon-paid', 'PAID')] }],
  configuration: paywall.configuration,
};

export const coupons = {
  edges: [
    { node: { id: 'c1', refId: 'coupon-1', name: 'Half', description: null, additionalMetaData: null, discountValue: 50, percentOff: 50, amountsOff: null, type: 'PERCENTAGE' } },
    { node: { id: 'c2', refId: 'coupon-2', name: 'Five off', description: 'Fixed', additionalMetaData: { a: 'b' }, discountValue: 5, percentOff: null, amountsOff: [usd(5)], type: 'FIXED' } },
  ],
};

export const customerPortal = {
  subscriptions: [
    {
      subscriptionId: 'sub-1',
      planId: 'plan-pro',
      planName: 'Pro',
      pricingType: 'PAID',
      prices: [{ billingPeriod: 'MONTHLY', billingModel: 'FLAT_FEE', blockSize: null, price: usd(20), feature: null }],
      pricing: { unitQuantity: null, billingPeriod: 'MONTHLY', billingModel: 'FLAT_FEE', pricingType: 'PAID', usageBasedEstimatedBill: null, price: usd(20), feature: null },
      status: 'ACTIVE',
      trialRemainingDays: null,
      billingPeriodRange: { start: '2024-03-01T00:00:00.000Z', end: '2024-04-01T00:00:00.000Z' },
      totalPrice: { subTotal: usd(20), total: usd(20), addonsTotal: null },
      addons: [{ addonId: 'addon-paid', description: null, displayName: 'Addon', quantity: 1 }],
      scheduledUpdates: scheduled,
    },
  ],
  entitlements: [
    {
      isGranted: true,
      usageLimit: 4,
      currentUsage: 2,
      hasUnlimitedUsage: false,
      hasSoftLimit: false,
      usagePeriodStart: '2024-03-01T00:00:00.000Z',
      usagePeriodEnd: '2024-04-01T00:00:00.000Z',
      nextResetDate: '2024-04-01T00:00:00.000Z',
      resetPeriod: 'MONTH',
      resetPeriodConfiguration: { __typename: 'MonthlyResetPeriodConfig', monthlyAccordingTo: 'SubscriptionStart' },
      feature: { ...feature('feature-seats'), additionalMetaData: undefined, unitTransformation: { divide: 1000, round: 'UP' } },
    },
  ],
  promotionalEntitlements: [
    { displayName: 'Promo', hasUnlimitedUsage: false, hasSoftLimit: null, usageLimit: 5, period: 'ONE_MONTH', startDate: '2024-03-01T00:00:00.000Z', endDate: null },
  ],
  billingInformation: {
    email: 'a@b.c',
    name: 'A',
    defaultPaymentMethodLast4Digits: '4242',
    defaultPaymentMethodId: 'pm_1',
    defaultPaymentExpirationMonth: 2,
    defaultPaymentExpirationYear: 2030,
  },
  showWatermark: true,
  billingPortalUrl: null,
  canUpgradeSubscription: true,
  configuration: {
    palette: { primary: '#000', textColor: null, backgroundColor: null, borderColor: null, currentPlanBackground: null, iconsColor: null, paywallBackgroundColor: null },
    typography,
    customCss: '.x{}',
  },
  resource: { resourceId: 'resource-1' },
};

export const checkoutState = {
  configuration: {
    palette: { primary: '#000', textColor: null, backgroundColor: null, borderColor: null, summaryBackgroundColor: '#eee' },
    typography,
    customCss: null,
    content: { collectPhoneNumber: true },
  },
  setupSecret: 'seti_secret',
  customer,
  activeSubscription: subscription,
  resource: null,
  plan: paidPlan,
  billingIntegration: { billingIdentifier: 'STRIPE', credentials: { accountId: 'acct_1', publicKey: 'pk_1' } },
};

const totals = (amount: number) => ({
  subTotal: usd(amount),
  totalExcludingTax: usd(amount),
  total: usd(amount * 1.1),
  tax: usd(amount * 0.1),
  taxDetails: { displayName: 'VAT', percentage: 10, inclusive: false },
});

export const subscriptionPreview = {
  ...totals(100),
  discountAmount: usd(50),
  billingPeriodRange: { start: null, end: '2024-04-01T00:00:00.000Z' },
  discount: { name: 'Half', type: 'PERCENTAGE', value: 50, durationType: 'REPEATING', durationInMonths: null },
  subscription: { ...totals(100), tax: null, discountAmount: null, discount: { name: null, type: 'FIXED', value: 5, durationType: 'ONCE', durationInMonths: 3 } },
  proration: { prorationDate: '2024-03-10T00:00:00.000Z', credit: usd(-5), debit: usd(10), netAmount: usd(5) },
  isPlanDowngrade: null,
  hasScheduledUpdates: true,
  credits: null,
};

export const subscriptionPreviewV2 = {
  immediateInvoice: {
    ...totals(10),
    discount: null,
    discountDetails: { type: 'PERCENTAGE', value: 10, durationType: 'FOREVER', durationInMonths: null },
    credits: { initial: usd(1), used: usd(1), remaining: usd(0) },
    proration: { prorationDate: '2024-03-10T00:00:00.000Z', hasProrations: false, credit: usd(0), debit: usd(10), netAmount: usd(10) },
  },
  recurringInvoice: { ...totals(20), taxDetails: null, discount: usd(2), discountDetails: null },
  billingPeriodRange: { start: '2024-03-01T00:00:00.000Z', end: '2024-04-01T00:00:00.000Z' },
  isPlanDowngrade: true,
  hasScheduledUpdates: null,
};

export const usageHistory = {
  startDate: '2024-03-01T00:00:00.000Z',
  endDate: '2024-03-03T00:00:00.000Z',
  markers: [],
  usageMeasurements: [
    { date: '2024-03-01T00:00:00.000Z', value: 0, isResetPoint: true },
    { date: '2024-03-02T00:00:00.000Z', value: 4, isResetPoint: null },
  ],
  groups: null,
};

export const usageHistoryV2 = {
  markers: [{ type: 'PERIODIC_RESET', timestamp: '2024-03-01T00:00:00.000Z' }],
  series: [{ tags: [{ key: 'region', value: 'eu' }], points: [{ timestamp: '2024-03-01T00:00:00.000Z', value: 3, isResetPoint: false }] }],
};
