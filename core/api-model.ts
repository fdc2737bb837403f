// Public argument and result types of the async (non-entitlement) Stigg calls: the same
// shapes @stigg/js-client-sdk@3.35.0 delivers, declared from what it returns at runtime.
// Where its declarations and its runtime disagree, these follow the runtime (noted inline).
// Results hold no `__typename`, except on the two union values (`scheduleVariables`,
// `resetPeriodConfiguration`) where it is the only way to tell the variants apart.
import type {
  EntitlementFeature,
  EntitlementResetPeriod,
  FeatureType,
  MeterType,
  MonthlyAccordingTo,
  SubscriptionStatus,
  WeeklyAccordingTo,
  WidgetType,
} from './model';
import type {
  BillingModel,
  BillingPeriod,
  BillingVendorIdentifier,
  Currency,
  DiscountDurationType,
  DiscountType,
  ExperimentGroupType,
  PaymentCollection,
  PaymentCollectionMethod,
  PricingType,
  PromotionalEntitlementStatus,
  ScheduleStrategy,
  TiersMode,
  TrialPeriodUnits,
} from './official/enums';
import type { CustomerPortalBillingInformationFragment } from './official/api-types';

export type Metadata = Record<string, string>;
/** Wire DateTime: an ISO string. Fields typed so are passed through as the official does. */
export type DateString = string;

export interface Money {
  amount: number;
  currency: string;
}

// ---- catalog: plans, addons, prices ----

export interface PriceTier {
  upTo?: number | null;
  unitPrice?: Money | null;
  flatPrice?: Money | null;
}

export interface PriceFeature {
  featureId: string;
  displayName: string;
  units?: string | null;
  unitsPlural?: string | null;
  unitQuantity?: number | null;
}

export interface Price {
  pricingModel: BillingModel;
  billingPeriod: BillingPeriod;
  billingId?: string | null;
  amount?: number | null;
  currency: Currency;
  tiersMode?: TiersMode | null;
  tiers?: PriceTier[] | null;
  isTieredPrice: boolean;
  minUnitQuantity?: number | null;
  maxUnitQuantity?: number | null;
  billingCountryCode?: string | null;
  blockSize?: number | null;
  feature?: PriceFeature | null;
}

export type SubscriptionPrice = Omit<Price, 'billingId' | 'minUnitQuantity' | 'maxUnitQuantity' | 'billingCountryCode'> & {
  grossAmount: number;
};

export interface PackageEntitlement {
  usageLimit: number;
  feature?: EntitlementFeature;
  isCustom?: boolean;
  hasUnlimitedUsage?: boolean | null;
  resetPeriod?: EntitlementResetPeriod | null;
  hiddenFromWidgets?: WidgetType[] | null;
  displayNameOverride?: string | null;
}

export interface DependencyAddon {
  refId: string;
  displayName: string;
  description?: string;
}

export interface Addon {
  id: string;
  displayName: string;
  description: string;
  billingId?: string | null;
  entitlements: PackageEntitlement[];
  pricePoints: Price[];
  pricingType?: PricingType | null;
  dependencies?: DependencyAddon[];
  metadata?: Metadata | null;
}

export interface CompatiblePackageGroupOptions {
  minItems?: number;
  freeItems?: number;
}

export interface CompatiblePackageGroup {
  packageGroupId: string;
  displayName: string;
  addons: Addon[];
  options?: CompatiblePackageGroupOptions;
}

export interface Product {
  id: string;
  displayName?: string | null;
  description?: string | null;
  metadata?: Metadata | null;
}

export interface DefaultTrialConfig {
  duration: number;
  units: TrialPeriodUnits;
  budget?: { limit: number };
}

export interface BasePlan {
  id: string;
  displayName: string;
}

export interface Plan {
  id: string;
  order: number;
  displayName: string;
  description?: string | null;
  billingId?: string | null;
  basePlan?: BasePlan;
  entitlements: PackageEntitlement[];
  inheritedEntitlements: PackageEntitlement[];
  pricePoints: Price[];
  pricingType?: PricingType | null;
  defaultTrialConfig?: DefaultTrialConfig;
  compatibleAddons: Addon[];
  compatiblePackageGroups: CompatiblePackageGroup[];
  product: Product;
  metadata?: Metadata | null;
}

export interface Coupon {
  id: string;
  name: string;
  description?: string | null;
  discountValue: number;
  percentOff?: number | null;
  amountsOff?: Money[] | null;
  metadata?: Metadata | null;
}

// ---- customers and subscriptions ----

export interface ExperimentInfo {
  id: string;
  name: string;
  groupName: string;
  groupType?: ExperimentGroupType | null;
}

export interface PromotionalEntitlement {
  usageLimit: number;
  feature: EntitlementFeature;
  hasUnlimitedUsage?: boolean | null;
  status: PromotionalEntitlementStatus;
  /** The official declares Date; it delivers the wire string. */
  expiresAt?: DateString | null;
  hasExpirationDate: boolean;
  isVisible: boolean;
}

export interface PaymentMethodDetails {
  expirationMonth?: number | null;
  expirationYear?: number | null;
  last4Digits?: string | null;
}

export interface SlimCustomer {
  id: string;
  name?: string;
  email?: string;
  billingId?: string;
  createdAt: Date;
  updatedAt: Date;
  metadata?: Metadata | null;
  awsMarketplaceCustomerId?: string | null;
}

export interface ScheduleVariables {
  __typename: string;
  [field: string]: unknown;
}

/** `scheduledUpdates` / `futureUpdates` entries, passed through from the wire. */
export interface SubscriptionScheduledUpdate {
  subscriptionScheduleType: string;
  scheduleStatus: string;
  scheduledExecutionTime: DateString;
  targetPackage?: { id: string; refId: string; displayName: string; pricingType?: PricingType | null } | null;
  scheduleVariables?: ScheduleVariables | null;
}

export interface SubscriptionInvoice {
  billingId: string;
  status: string;
  createdAt?: Date;
  updatedAt?: Date;
  errorMessage?: string | null;
  requiresAction: boolean;
  paymentSecret?: string | null;
  paymentUrl?: string | null;
  pdfUrl?: string | null;
  billingReason?: string | null;
  currency?: string | null;
  subTotal?: number | null;
  subTotalExcludingTax?: number | null;
  total?: number | null;
  totalExcludingTax?: number | null;
  tax?: number | null;
  amountDue?: number | null;
}

export interface TotalPrice {
  subTotal: Money;
  total: Money;
}

export interface SubscriptionAddon {
  quantity: number;
  addon: Addon;
}

export interface Subscription {
  id: string;
  billingId?: string;
  resourceId?: string;
  payingCustomer?: SlimCustomer | null;
  status: SubscriptionStatus;
  currentBillingPeriodEnd?: Date;
  plan: Plan;
  prices: Price[];
  totalPrice?: TotalPrice | null;
  /** @deprecated use `prices` with `totalPrice` */
  price: SubscriptionPrice | null;
  pricingType: PricingType;
  addons: SubscriptionAddon[];
  /** The official declares Date; it delivers the wire string. */
  startDate: DateString;
  endDate?: Date;
  trialEndDate?: Date;
  cancellationDate?: Date;
  effectiveEndDate?: Date;
  metadata?: Metadata | null;
  /** `{}` when the subscription has none (the official's `omit(null)`). */
  experimentInfo?: Partial<ExperimentInfo>;
  scheduledUpdates?: SubscriptionScheduledUpdate[];
  futureUpdates: SubscriptionScheduledUpdate[];
  latestInvoice?: SubscriptionInvoice;
  paymentCollection: PaymentCollection;
  paymentCollectionMethod?: PaymentCollectionMethod;
}

/** `getActiveSubscriptionsList` entries: the wire's slim subscription as is. */
export interface SlimSubscription {
  subscriptionId: string;
  status: SubscriptionStatus;
  pricingType: PricingType;
  startDate: DateString;
  currentBillingPeriodEnd?: DateString | null;
  trialEndDate?: DateString | null;
  customer: { customerId: string };
  payingCustomer?: { customerId: string } | null;
  resource?: { resourceId: string } | null;
  plan: { planId: string; displayName: string };
  addons?: { quantity: number; addon: { addonId: string } }[] | null;
  trialConfiguration?: { trialEndBehavior?: string | null } | null;
}

export interface TrialedPlan {
  productId?: string | null;
  planId?: string | null;
}

export interface EligibleForTrial {
  productId?: string | null;
  eligible: boolean;
}

/** A customer as plain data: what the engine produces and posts between hosts (the official's `CustomerState`). */
export interface CustomerData {
  id: string;
  name?: string;
  email?: string;
  createdAt: Date;
  updatedAt: Date;
  hasPaymentMethod: boolean;
  subscriptions: Subscription[];
  promotionalEntitlements: PromotionalEntitlement[];
  metadata?: Metadata | null;
  paymentMethodDetails?: PaymentMethodDetails;
  trialedPlans?: TrialedPlan[];
  eligibleForTrial?: EligibleForTrial[];
  experimentInfo?: Partial<ExperimentInfo>;
}

/** The public customer: the data plus the official's convenience methods. */
export interface Customer extends CustomerData {
  getActivePromotionalEntitlements(): PromotionalEntitlement[];
  /** @deprecated filter `getActiveSubscriptions()` by status instead */
  getActiveSubscriptions(): Subscription[];
  /** @deprecated filter `getActiveSubscriptions()` by status instead */
  getActiveTrials(): Subscription[];
}

export type CustomerState = CustomerData;

export interface CustomerResource {
  id: string;
}

// ---- paywall, portal, checkout (their styling objects are wire data passed through) ----

export interface FontVariant {
  fontSize?: number | null;
  fontWeight?: string | null;
}
export interface TypographyConfiguration {
  fontFamily?: string | null;
  h1?: FontVariant | null;
  h2?: FontVariant | null;
  h3?: FontVariant | null;
  body?: FontVariant | null;
}
type Palette<K extends string> = { [key in K]?: string | null };

export interface PaywallConfiguration {
  palette?: Palette<'primary' | 'textColor' | 'backgroundColor' | 'borderColor' | 'currentPlanBackground'> | null;
  typography?: TypographyConfiguration | null;
  layout?: { alignment?: string | null; planWidth?: number | null; planMargin?: number | null; planPadding?: number | null } | null;
  customCss?: string | null;
}

export interface PaywallCalculatedPricePoint {
  planId: string;
  additionalChargesMayApply?: boolean | null;
  billingPeriod: BillingPeriod;
  amount: number;
  currency?: Currency | null;
  billingCountryCode?: string | null;
  feature?: { refId: string; featureUnits?: string | null; featureUnitsPlural?: string | null; displayName: string; description?: string | null } | null;
}

export interface PaywallCurrency {
  code: Currency;
  symbol: string;
}

export interface Paywall {
  plans: Plan[];
  configuration?: PaywallConfiguration | null;
  /** A `Customer` to callers; `CustomerData` as the engine produces it. */
  customer: CustomerData | null;
  resource: CustomerResource | null;
  activeSubscriptions: Subscription[] | null;
  currency: PaywallCurrency;
  paywallCalculatedPricePoints?: PaywallCalculatedPricePoint[] | null;
}

export interface CustomerPortalSubscription {
  subscriptionId: string;
  planId?: string | null;
  planName: string;
  pricingType: PricingType;
  prices?: {
    billingPeriod?: BillingPeriod | null;
    billingModel?: BillingModel | null;
    blockSize?: number | null;
    price?: Money | null;
    feature?: { id: string; refId: string; displayName: string; featureUnits?: string | null; featureUnitsPlural?: string | null } | null;
  }[];
  pricing?: {
    unitQuantity?: number | null;
    billingPeriod?: BillingPeriod | null;
    billingModel?: BillingModel | null;
    pricingType: PricingType;
    usageBasedEstimatedBill?: number | null;
    price?: Money | null;
    feature?: { featureUnits?: string | null; featureUnitsPlural?: string | null; displayName: string } | null;
  } | null;
  status: SubscriptionStatus;
  trialRemainingDays?: number | null;
  billingPeriodRange?: { start?: DateString | null; end?: DateString | null } | null;
  totalPrice?: { subTotal: Money; total: Money; addonsTotal?: Money | null } | null;
  addons: CustomerPortalSubscriptionAddon[];
  scheduledUpdates?: SubscriptionScheduledUpdate[] | null;
}

export interface CustomerPortalSubscriptionAddon {
  addonId: string;
  description?: string | null;
  displayName: string;
  quantity: number;
}

export interface CustomerPortalEntitlement {
  isGranted: boolean;
  usageLimit?: number | null;
  currentUsage?: number | null;
  hasUnlimitedUsage: boolean;
  hasSoftLimit?: boolean | null;
  usagePeriodStart?: DateString | null;
  usagePeriodEnd?: DateString | null;
  nextResetDate?: DateString | null;
  resetPeriod?: EntitlementResetPeriod | null;
  resetPeriodConfiguration?: {
    __typename: string;
    monthlyAccordingTo?: MonthlyAccordingTo | null;
    weeklyAccordingTo?: WeeklyAccordingTo | null;
    yearlyAccordingTo?: string | null;
  } | null;
  feature?: {
    featureType: FeatureType;
    meterType?: MeterType | null;
    featureUnits?: string | null;
    featureUnitsPlural?: string | null;
    description?: string | null;
    displayName: string;
    refId: string;
    unitTransformation?: { divide: number; round?: string | null } | null;
  } | null;
}

export interface CustomerPortal {
  subscriptions: CustomerPortalSubscription[];
  entitlements: CustomerPortalEntitlement[];
  promotionalEntitlements: CustomerPortalPromotionalEntitlement[];
  billingInformation: CustomerPortalBillingInformation;
  showWatermark: boolean;
  billingPortalUrl?: string | null;
  canUpgradeSubscription: boolean;
  configuration?: CustomerPortalConfiguration | null;
  resource: CustomerResource | null;
}

export interface CustomerPortalPromotionalEntitlement {
  displayName: string;
  hasUnlimitedUsage: boolean;
  hasSoftLimit?: boolean | null;
  usageLimit?: number | null;
  period: string;
  startDate: DateString;
  endDate?: DateString | null;
}

/** Wire data passed through, as the official declares it. */
export type CustomerPortalBillingInformation = Omit<CustomerPortalBillingInformationFragment, '__typename'>;

export interface CustomerPortalConfiguration {
  palette?: Palette<
    'primary' | 'textColor' | 'backgroundColor' | 'borderColor' | 'currentPlanBackground' | 'iconsColor' | 'paywallBackgroundColor'
  > | null;
  typography?: TypographyConfiguration | null;
  customCss?: string | null;
}

export interface CheckoutConfiguration {
  palette?: Palette<'primary' | 'textColor' | 'backgroundColor' | 'borderColor' | 'summaryBackgroundColor'> | null;
  typography?: TypographyConfiguration | null;
  customCss?: string | null;
  content?: { collectPhoneNumber?: boolean | null } | null;
}

/** The checkout's plan: a plan with the plan's own `prices` as the wire sends them. */
export type CheckoutStatePlan = Plan & { prices?: unknown[] | null };

export interface CheckoutBillingIntegration {
  billingIdentifier: BillingVendorIdentifier;
  credentials: { accountId: string; publicKey: string };
}

export interface GetCheckoutStateResults {
  configuration?: CheckoutConfiguration | null;
  setupSecret: string;
  plan: CheckoutStatePlan;
  customer: CustomerData;
  resource: CustomerResource | null;
  activeSubscription?: Subscription | null;
  billingIntegration: CheckoutBillingIntegration;
}

// ---- previews ----

export interface DateRange {
  /** `null` when the wire says null (the official maps `start && new Date(start)`). */
  start?: Date | null;
  end?: Date | null;
}

export interface SubscriptionPreviewDiscount {
  name?: string | null;
  type: DiscountType;
  value: number;
  durationType: DiscountDurationType;
  durationInMonths?: number;
}

export interface SubscriptionPreviewTaxDetails {
  displayName: string;
  percentage: number;
  inclusive: boolean;
}

export interface SubscriptionPreviewCredits {
  initial: Money;
  used: Money;
  remaining: Money;
}

export interface SubscriptionPreviewProration {
  prorationDate: Date;
  credit: Money;
  debit: Money;
  netAmount: Money;
  hasProrations?: boolean;
}

export interface SubscriptionPricePreview {
  subTotal: Money;
  totalExcludingTax: Money;
  total: Money;
  tax?: Money;
  discountAmount?: Money;
  taxDetails?: SubscriptionPreviewTaxDetails;
  discount?: SubscriptionPreviewDiscount;
}

export interface SubscriptionPreview extends SubscriptionPricePreview {
  billingPeriodRange: DateRange;
  proration?: SubscriptionPreviewProration;
  subscription?: SubscriptionPricePreview;
  isPlanDowngrade?: boolean;
  hasScheduledUpdates?: boolean;
  credits?: SubscriptionPreviewCredits;
}

export interface SubscriptionPreviewInvoice {
  total: Money;
  subTotal: Money;
  totalExcludingTax: Money;
  tax?: Money;
  discount?: Money;
  taxDetails?: SubscriptionPreviewTaxDetails;
  discountDetails?: SubscriptionPreviewDiscount;
}

export interface ImmediateSubscriptionPreviewInvoice extends SubscriptionPreviewInvoice {
  proration?: SubscriptionPreviewProration;
  credits?: SubscriptionPreviewCredits;
}

export interface SubscriptionPreviewV2 {
  immediateInvoice: ImmediateSubscriptionPreviewInvoice;
  recurringInvoice?: SubscriptionPreviewInvoice;
  billingPeriodRange: DateRange;
  isPlanDowngrade?: boolean;
  hasScheduledUpdates?: boolean;
}

// ---- usage history ----

export interface UsageHistoryPoint {
  date: Date;
  value: number;
  isResetPoint: boolean;
}

/** `getUsageHistoryV2` result: wire data as is (timestamps stay strings). */
export interface UsageHistoryV2 {
  markers: { type: string; timestamp: DateString }[];
  series: { tags: { key: string; value: string }[]; points: { timestamp: DateString; value: number; isResetPoint: boolean }[] }[];
}

// ---- arguments ----

export interface GetPaywall {
  productId?: string;
  resourceId?: string;
  context?: WidgetType;
  billingCountryCode?: string;
  includeHiddenPlans?: boolean;
}

export interface GetCustomerPortal {
  resourceId?: string;
  productId?: string;
}

export interface GetActiveSubscriptions {
  resourceId?: string | string[];
}

export interface GetSubscription {
  subscriptionId: string;
}

export interface GetCheckoutState {
  planId: string;
  billingCountryCode?: string;
  resourceId?: string | null;
}

export interface BillableFeature {
  featureId: string;
  quantity: number;
}

export interface CheckoutAddon {
  addonId: string;
  quantity?: number;
}
export type SubscriptionEstimationAddon = CheckoutAddon;

export interface BillingAddress {
  city?: string;
  country?: string;
  line1?: string;
  line2?: string;
  postalCode?: string;
  state?: string;
}

export interface SubscriptionBillingInfo {
  taxRateIds?: string[];
  taxPercentage?: number;
  billingAddress?: BillingAddress;
}

export interface ApplySubscription {
  planId: string;
  paymentMethodId?: string;
  payingCustomerId?: string;
  resourceId?: string;
  addons?: CheckoutAddon[];
  startDate?: Date;
  billingId?: string;
  billingPeriod?: BillingPeriod;
  skipTrial?: boolean;
  unitQuantity?: number;
  billableFeatures?: BillableFeature[];
  metadata?: Metadata | null;
  promotionCode?: string;
  billingInformation?: Omit<SubscriptionBillingInfo, 'taxPercentage'>;
  billingCountryCode?: string;
  scheduleStrategy?: ScheduleStrategy;
}

export interface ApplySubscriptionResults {
  subscription?: Subscription;
}

interface SubscriptionDraft {
  customerId: string;
  payingCustomerId?: string;
  resourceId?: string;
  planId: string;
  addons?: CheckoutAddon[];
  startDate?: Date;
  billingPeriod?: BillingPeriod;
  billingCountryCode?: string;
  unitQuantity?: number;
  billableFeatures?: BillableFeature[];
  billingInformation?: SubscriptionBillingInfo;
  promotionCode?: string;
}

export interface EstimateSubscription extends SubscriptionDraft {
  skipTrial?: boolean;
}

export interface PreviewSubscription extends SubscriptionDraft {
  scheduleStrategy?: ScheduleStrategy;
}

export interface EstimateSubscriptionUpdate {
  subscriptionId: string;
  unitQuantity?: number;
  billableFeatures?: BillableFeature[];
  addons?: CheckoutAddon[];
  promotionCode?: string;
}

export interface WaitForCheckoutCompleted {
  timeoutMs?: number;
  refreshOnComplete?: boolean;
}

export interface FetchUsageHistory {
  customerId: string;
  resourceId?: string;
  featureId: string;
  startDate: Date;
  endDate?: Date;
}

export interface UsageHistoryV2Input {
  customerId: string;
  featureId: string;
  startDate: Date | string;
  endDate?: Date | string | null;
  resourceId?: string | null;
  environmentId?: string | null;
  groupBy?: string[] | null;
}

export interface SdkConfiguration {
  sentryDsn?: string | null;
  isWidgetWatermarkEnabled?: boolean | null;
}
