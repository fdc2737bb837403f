// The GraphQL data the mappers read, as documents.ts selects it. Only what the mappers
// touch is typed field by field; objects passed through unchanged stay `unknown`-ish.
import type { Metadata, Money, PriceTier } from '../../api-model';
import type {
  BillingModel,
  BillingPeriod,
  Currency,
  DiscountDurationType,
  DiscountType,
  ExperimentGroupType,
  PaymentCollection,
  PaymentCollectionMethod,
  PricingType,
  PromotionalEntitlementStatus,
  TiersMode,
  TrialPeriodUnits,
} from '../../official/enums';
import type { EntitlementResetPeriod, FeatureType, MeterType, SubscriptionStatus, WidgetType } from '../../model';

type Maybe<T> = T | null | undefined;
/** Wire DateTime values: ISO strings (numbers tolerated). */
export type WireDate = string | number;

export interface WireFeature {
  refId: string;
  featureType: FeatureType;
  meterType?: Maybe<MeterType>;
  featureUnits?: Maybe<string>;
  featureUnitsPlural?: Maybe<string>;
  displayName: string;
  description?: Maybe<string>;
  additionalMetaData?: Maybe<Metadata>;
}

export interface WirePrice {
  billingModel: BillingModel;
  billingPeriod: BillingPeriod;
  billingId?: Maybe<string>;
  minUnitQuantity?: Maybe<number>;
  maxUnitQuantity?: Maybe<number>;
  billingCountryCode?: Maybe<string>;
  price?: Maybe<Money>;
  tiersMode?: Maybe<TiersMode>;
  tiers?: Maybe<PriceTier[]>;
  feature?: Maybe<{ refId: string; featureUnits?: Maybe<string>; featureUnitsPlural?: Maybe<string>; displayName: string }>;
  blockSize?: Maybe<number>;
}

export interface WirePackageEntitlement {
  usageLimit?: Maybe<number>;
  hasUnlimitedUsage?: Maybe<boolean>;
  resetPeriod?: Maybe<EntitlementResetPeriod>;
  hiddenFromWidgets?: Maybe<WidgetType[]>;
  displayNameOverride?: Maybe<string>;
  isCustom?: Maybe<boolean>;
  feature?: Maybe<WireFeature>;
}

export interface WireAddon {
  refId: string;
  billingId?: Maybe<string>;
  displayName: string;
  description?: Maybe<string>;
  additionalMetaData?: Maybe<Metadata>;
  pricingType?: Maybe<PricingType>;
  entitlements?: Maybe<WirePackageEntitlement[]>;
  prices?: Maybe<WirePrice[]>;
  dependencies?: Maybe<{ refId: string; displayName: string; description?: Maybe<string> }[]>;
}

export interface WirePlan {
  refId: string;
  displayName: string;
  description?: Maybe<string>;
  billingId?: Maybe<string>;
  additionalMetaData?: Maybe<Metadata>;
  pricingType?: Maybe<PricingType>;
  product: { refId: string; displayName?: Maybe<string>; description?: Maybe<string>; additionalMetaData?: Maybe<Metadata> };
  basePlan?: Maybe<{ refId: string; displayName: string }>;
  entitlements?: Maybe<WirePackageEntitlement[]>;
  inheritedEntitlements?: Maybe<WirePackageEntitlement[]>;
  compatibleAddons?: Maybe<WireAddon[]>;
  compatiblePackageGroups?: Maybe<
    { packageGroupId: string; displayName: string; addons?: Maybe<WireAddon[]>; options?: Maybe<{ minItems?: Maybe<number>; freeItems?: Maybe<number> }> }[]
  >;
  prices?: Maybe<WirePrice[]>;
  defaultTrialConfig?: Maybe<{ duration: number; units: TrialPeriodUnits; budget?: Maybe<{ limit: number }> }>;
}

export interface WireExperimentInfo {
  id: string;
  name: string;
  groupName: string;
  groupType?: Maybe<ExperimentGroupType>;
}

export interface WireSlimCustomer {
  refId: string;
  name?: Maybe<string>;
  email?: Maybe<string>;
  billingId?: Maybe<string>;
  createdAt: WireDate;
  updatedAt: WireDate;
  additionalMetaData?: Maybe<Metadata>;
  awsMarketplaceCustomerId?: Maybe<string>;
}

export interface WireInvoice {
  createdAt?: Maybe<WireDate>;
  updatedAt?: Maybe<WireDate>;
  [field: string]: unknown;
}

export interface WireSubscription {
  subscriptionId: string;
  billingId?: Maybe<string>;
  status: SubscriptionStatus;
  pricingType: PricingType;
  startDate: string;
  endDate?: Maybe<WireDate>;
  trialEndDate?: Maybe<WireDate>;
  cancellationDate?: Maybe<WireDate>;
  effectiveEndDate?: Maybe<WireDate>;
  currentBillingPeriodEnd?: Maybe<WireDate>;
  additionalMetaData?: Maybe<Metadata>;
  paymentCollection: PaymentCollection;
  paymentCollectionMethod?: Maybe<PaymentCollectionMethod>;
  payingCustomer?: Maybe<WireSlimCustomer>;
  resource?: Maybe<{ resourceId: string }>;
  experimentInfo?: Maybe<WireExperimentInfo>;
  latestInvoice?: Maybe<WireInvoice>;
  prices?: Maybe<{ usageLimit?: Maybe<number>; price?: Maybe<WirePrice> }[]>;
  totalPrice?: Maybe<{ subTotal: Money; total: Money }>;
  plan: WirePlan;
  addons?: Maybe<{ quantity: number; addon: WireAddon }[]>;
  scheduledUpdates?: Maybe<unknown[]>;
  futureUpdates?: Maybe<unknown[]>;
}

export interface WirePromotionalEntitlement {
  status: PromotionalEntitlementStatus;
  usageLimit?: Maybe<number>;
  hasUnlimitedUsage?: Maybe<boolean>;
  endDate?: Maybe<string>;
  isVisible: boolean;
  feature: WireFeature;
}

export interface WireCustomer {
  refId: string;
  name?: Maybe<string>;
  email?: Maybe<string>;
  createdAt: WireDate;
  updatedAt: WireDate;
  additionalMetaData?: Maybe<Metadata>;
  hasPaymentMethod: boolean;
  defaultPaymentExpirationMonth?: Maybe<number>;
  defaultPaymentExpirationYear?: Maybe<number>;
  defaultPaymentMethodLast4Digits?: Maybe<string>;
  trialedPlans?: Maybe<{ productRefId?: Maybe<string>; planRefId?: Maybe<string> }[]>;
  eligibleForTrial?: Maybe<{ productRefId?: Maybe<string>; eligible: boolean }[]>;
  experimentInfo?: Maybe<WireExperimentInfo>;
  promotionalEntitlements?: Maybe<WirePromotionalEntitlement[]>;
  subscriptions?: Maybe<WireSubscription[]>;
}

export interface WireCoupon {
  refId: string;
  name: string;
  description?: Maybe<string>;
  additionalMetaData?: Maybe<Metadata>;
  discountValue: number;
  percentOff?: Maybe<number>;
  amountsOff?: Maybe<Money[]>;
}

export interface WirePaywall {
  plans?: Maybe<WirePlan[]>;
  currency: { code: Currency; symbol: string };
  configuration?: Maybe<object>;
  customer?: Maybe<WireCustomer>;
  activeSubscriptions?: Maybe<WireSubscription[]>;
  resource?: Maybe<{ resourceId: string }>;
  paywallCalculatedPricePoints?: Maybe<object[]>;
}

export interface WireMockPaywall {
  plans?: Maybe<WirePlan[]>;
  configuration?: Maybe<object>;
}

export interface WireCheckoutState {
  configuration?: Maybe<object>;
  setupSecret: string;
  customer: WireCustomer;
  activeSubscription?: Maybe<WireSubscription>;
  resource?: Maybe<{ resourceId: string }>;
  plan: WirePlan;
  billingIntegration: object;
}

export interface WireCustomerPortal {
  resource?: Maybe<{ resourceId: string }>;
  [field: string]: unknown;
}

export interface WireDiscount {
  name?: Maybe<string>;
  type: DiscountType;
  value: number;
  durationType: DiscountDurationType;
  durationInMonths?: Maybe<number>;
}

export interface WirePriceTotals {
  subTotal: Money;
  totalExcludingTax: Money;
  total: Money;
  tax?: Maybe<Money>;
  taxDetails?: Maybe<{ displayName: string; percentage: number; inclusive: boolean }>;
}

export interface WireDateRange {
  start?: Maybe<WireDate>;
  end?: Maybe<WireDate>;
}

export interface WireProration {
  prorationDate: WireDate;
  hasProrations?: Maybe<boolean>;
  credit: Money;
  debit: Money;
  netAmount: Money;
}

export interface WireCredits {
  initial: Money;
  used: Money;
  remaining: Money;
}

export interface WireSubscriptionPreview extends WirePriceTotals {
  discountAmount?: Maybe<Money>;
  billingPeriodRange: WireDateRange;
  discount?: Maybe<WireDiscount>;
  subscription?: Maybe<WirePriceTotals & { discountAmount?: Maybe<Money>; discount?: Maybe<WireDiscount> }>;
  proration?: Maybe<WireProration>;
  isPlanDowngrade?: Maybe<boolean>;
  hasScheduledUpdates?: Maybe<boolean>;
  credits?: Maybe<WireCredits>;
}

export interface WireInvoicePreview extends WirePriceTotals {
  discount?: Maybe<Money>;
  discountDetails?: Maybe<WireDiscount>;
}

export interface WireSubscriptionPreviewV2 {
  immediateInvoice: WireInvoicePreview & { credits?: Maybe<WireCredits>; proration?: Maybe<WireProration> };
  recurringInvoice?: Maybe<WireInvoicePreview>;
  billingPeriodRange: WireDateRange;
  isPlanDowngrade?: Maybe<boolean>;
  hasScheduledUpdates?: Maybe<boolean>;
}

export interface WireUsageHistory {
  usageMeasurements: { date: WireDate; value: number; isResetPoint?: Maybe<boolean> }[];
}
