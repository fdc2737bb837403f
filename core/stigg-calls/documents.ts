// GraphQL operations, named exactly as the official SDK names them (the server and its
// request logs key on the names). Each selects only what the mappers read, plus the whole
// of the objects that results pass through unchanged (styling, invoices, schedules).
// Kept as strings: urql parses them once, and plain text gzips far better than ASTs.

const MONEY = '{amount currency}';
const FONT = '{fontSize fontWeight}';
const FEATURE = 'featureType meterType featureUnits featureUnitsPlural displayName description refId';
const SCHEDULE_VARIABLES = `{__typename
...on PlanChangeVariables{planRefId changeType billingPeriod billableFeatures{featureId quantity} addons{addonRefId quantity} priceOverrides{planRefId addonRefId featureId}}
...on DowngradeChangeVariables{downgradePlanRefId billingPeriod billableFeatures{featureId quantity} addons{addonRefId quantity} priceOverrides{planRefId addonRefId featureId}}
...on BillingPeriodChangeVariables{billingPeriod}
...on UnitAmountChangeVariables{newUnitAmount featureId}
...on AddonChangeVariables{addonRefId newQuantity}
...on PlanPriceOverrideChangeVariables{planRefId featureId}
...on AddonPriceOverrideChangeVariables{addonRefId featureId}}`;
const scheduledUpdate = (packageFields: string) =>
  `{subscriptionScheduleType scheduleStatus scheduledExecutionTime targetPackage{${packageFields}} scheduleVariables${SCHEDULE_VARIABLES}}`;
const PREVIEW_TOTALS = `subTotal${MONEY} totalExcludingTax${MONEY} total${MONEY} tax${MONEY} taxDetails{displayName percentage inclusive}`;
const PREVIEW_DISCOUNT = '{name type value durationType durationInMonths}';
const CREDITS = `{initial${MONEY} used${MONEY} remaining${MONEY}}`;
const PRORATION = (extra: string) => `{prorationDate${extra} credit${MONEY} debit${MONEY} netAmount${MONEY}}`;
const INVOICE_PREVIEW = `${PREVIEW_TOTALS} discount${MONEY} discountDetails{type value durationType durationInMonths}`;

/**
 * The catalog fragments, for the real types (`Plan`, `Addon`, `Price`, `PackageEntitlement`)
 * or the mock paywall's look-alikes (`PaywallPlan`, ...), which select the same fields.
 */
const catalog = (mock: boolean) => {
  const p = mock ? 'Mock' : '';
  const entitlement = `usageLimit hasUnlimitedUsage resetPeriod hiddenFromWidgets displayNameOverride${mock ? '' : ' isCustom'} feature{${FEATURE} additionalMetaData}`;
  return `
fragment ${p}Price on ${mock ? 'PaywallPrice' : 'Price'}{billingModel billingPeriod billingId minUnitQuantity maxUnitQuantity billingCountryCode price${MONEY} tiersMode tiers{upTo unitPrice${MONEY} flatPrice${MONEY}} feature{refId featureUnits featureUnitsPlural displayName} blockSize}
fragment ${p}Addon on ${mock ? 'PaywallAddon' : 'Addon'}{refId billingId displayName description additionalMetaData pricingType entitlements{${entitlement}} prices{...${p}Price} dependencies{refId displayName description}}
fragment ${p}Plan on ${mock ? 'PaywallPlan' : 'Plan'}{refId displayName description billingId additionalMetaData pricingType
product{refId displayName description additionalMetaData} basePlan{refId displayName}
entitlements{${entitlement}} inheritedEntitlements{${entitlement}}
compatibleAddons{...${p}Addon} compatiblePackageGroups{packageGroupId displayName addons{...${p}Addon} options{minItems freeItems}}
prices{...${p}Price} defaultTrialConfig{duration units budget{limit}}}`;
};

const CATALOG = catalog(false);

const TYPOGRAPHY = `fragment Typography on TypographyConfiguration{fontFamily h1${FONT} h2${FONT} h3${FONT} body${FONT}}`;
const PAYWALL_CONFIGURATION = `{palette{primary textColor backgroundColor borderColor currentPlanBackground} typography{...Typography} layout{alignment planWidth planMargin planPadding} customCss}`;

const SLIM_CUSTOMER = 'refId name email billingId createdAt updatedAt additionalMetaData awsMarketplaceCustomerId';
const EXPERIMENT = '{id name groupName groupType}';

const SUBSCRIPTION = `${CATALOG}
fragment Subscription on CustomerSubscription{subscriptionId billingId status pricingType startDate endDate trialEndDate cancellationDate effectiveEndDate currentBillingPeriodEnd additionalMetaData paymentCollection paymentCollectionMethod
payingCustomer{${SLIM_CUSTOMER}} resource{resourceId} experimentInfo${EXPERIMENT}
latestInvoice{billingId status createdAt updatedAt errorMessage requiresAction paymentSecret paymentUrl pdfUrl billingReason currency subTotal subTotalExcludingTax total totalExcludingTax tax amountDue}
prices{usageLimit price{...Price}} totalPrice{subTotal${MONEY} total${MONEY}} plan{...Plan} addons{quantity addon{...Addon}}
scheduledUpdates${scheduledUpdate('id refId displayName')} futureUpdates${scheduledUpdate('id refId displayName')}}`;

const CUSTOMER = `fragment Customer on Customer{refId name email createdAt updatedAt additionalMetaData hasPaymentMethod
defaultPaymentExpirationMonth defaultPaymentExpirationYear defaultPaymentMethodLast4Digits
trialedPlans{productRefId planRefId} eligibleForTrial{productRefId eligible} experimentInfo${EXPERIMENT}
promotionalEntitlements{status usageLimit hasUnlimitedUsage endDate isVisible feature{${FEATURE}}}}`;

export const GET_PAYWALL = `query GetPaywall($input:GetPaywallInput!){paywall(input:$input){
plans{...Plan} currency{code symbol} configuration${PAYWALL_CONFIGURATION} customer{...Customer} activeSubscriptions{...Subscription} resource{resourceId}
paywallCalculatedPricePoints{planId additionalChargesMayApply billingPeriod amount currency billingCountryCode feature{refId featureUnits featureUnitsPlural displayName description}}}}
${SUBSCRIPTION}${CUSTOMER}${TYPOGRAPHY}`;

export const GET_MOCK_PAYWALL = `query GetMockPaywall($input:GetPaywallInput!){mockPaywall(input:$input){plans{...MockPlan} configuration${PAYWALL_CONFIGURATION}}}
${catalog(true)}${TYPOGRAPHY}`;

export const GET_CUSTOMER_BY_ID = `query GetCustomerById($input:GetCustomerByRefIdInput!){getCustomerByRefId(input:$input){...Customer subscriptions{...Subscription}}}
${SUBSCRIPTION}${CUSTOMER}`;

export const GET_ACTIVE_SUBSCRIPTIONS = `query GetActiveSubscriptions($input:GetActiveSubscriptionsInput!){getActiveSubscriptions(input:$input){...Subscription}}
${SUBSCRIPTION}`;

export const GET_ACTIVE_SUBSCRIPTIONS_LIST = `query GetActiveSubscriptionsList($input:GetActiveSubscriptionsInput!){getActiveSubscriptions(input:$input){
subscriptionId status pricingType startDate currentBillingPeriodEnd customer{customerId} payingCustomer{customerId} resource{resourceId}
plan{planId:refId displayName} addons{quantity addon{addonId:refId}} trialConfiguration{trialEndBehavior} trialEndDate}}`;

export const GET_SUBSCRIPTION = `query GetSubscription($input:GetSubscriptionInput!){getSubscription(input:$input){...Subscription}}
${SUBSCRIPTION}`;

export const GET_COUPONS = `query GetCoupons{coupons(filter:{status:{eq:ACTIVE}},paging:{first:50}){edges{node{
refId name description additionalMetaData discountValue percentOff amountsOff${MONEY}}}}}`;

export const GET_CUSTOMER_PORTAL = `query GetCustomerPortalByRefId($input:CustomerPortalInput!){customerPortal(input:$input){
subscriptions{subscriptionId planId planName pricingType
 prices{billingPeriod billingModel blockSize price${MONEY} feature{id refId displayName featureUnits featureUnitsPlural}}
 pricing{unitQuantity billingPeriod billingModel pricingType usageBasedEstimatedBill price${MONEY} feature{featureUnits featureUnitsPlural displayName}}
 status trialRemainingDays billingPeriodRange{start end} totalPrice{subTotal${MONEY} total${MONEY} addonsTotal${MONEY}}
 addons{addonId description displayName quantity} scheduledUpdates${scheduledUpdate('id refId displayName pricingType')}}
entitlements{isGranted usageLimit currentUsage hasUnlimitedUsage hasSoftLimit usagePeriodStart usagePeriodEnd nextResetDate resetPeriod
 resetPeriodConfiguration{__typename ...on YearlyResetPeriodConfig{yearlyAccordingTo} ...on MonthlyResetPeriodConfig{monthlyAccordingTo} ...on WeeklyResetPeriodConfig{weeklyAccordingTo}}
 feature{${FEATURE} unitTransformation{divide round}}}
promotionalEntitlements{displayName hasUnlimitedUsage hasSoftLimit usageLimit period startDate endDate}
billingInformation{email name defaultPaymentMethodLast4Digits defaultPaymentMethodId defaultPaymentExpirationMonth defaultPaymentExpirationYear}
showWatermark billingPortalUrl canUpgradeSubscription
configuration{palette{primary textColor backgroundColor borderColor currentPlanBackground iconsColor paywallBackgroundColor} typography{...Typography} customCss}
resource{resourceId}}}
${TYPOGRAPHY}`;

export const GET_CHECKOUT_STATE = `query GetCheckoutState($input:CheckoutStateInput!){checkoutState(input:$input){
configuration{palette{primary textColor backgroundColor borderColor summaryBackgroundColor} typography{...Typography} customCss content{collectPhoneNumber}}
setupSecret customer{...Customer} activeSubscription{...Subscription} resource{resourceId} plan{...Plan}
billingIntegration{billingIdentifier credentials{accountId publicKey}}}}
${SUBSCRIPTION}${CUSTOMER}${TYPOGRAPHY}`;

export const APPLY_SUBSCRIPTION = `mutation ApplySubscription($input:ApplySubscriptionInput!){applySubscription(input:$input){subscription{...Subscription}}}
${SUBSCRIPTION}`;

const SUBSCRIPTION_PREVIEW = `{${PREVIEW_TOTALS} discountAmount${MONEY} billingPeriodRange{start end} discount${PREVIEW_DISCOUNT}
subscription{${PREVIEW_TOTALS} discountAmount${MONEY} discount${PREVIEW_DISCOUNT}}
proration${PRORATION('')} isPlanDowngrade hasScheduledUpdates credits${CREDITS}}`;

export const ESTIMATE_SUBSCRIPTION = `mutation EstimateSubscription($input:EstimateSubscriptionInput!){estimateSubscription(input:$input)${SUBSCRIPTION_PREVIEW}}`;

export const ESTIMATE_SUBSCRIPTION_UPDATE = `mutation EstimateSubscriptionUpdate($input:EstimateSubscriptionUpdateInput!){estimateSubscriptionUpdate(input:$input)${SUBSCRIPTION_PREVIEW}}`;

export const PREVIEW_SUBSCRIPTION = `mutation PreviewSubscription($input:PreviewSubscriptionInput!){previewSubscription(input:$input){
immediateInvoice{${INVOICE_PREVIEW} credits${CREDITS} proration${PRORATION(' hasProrations')}}
recurringInvoice{${INVOICE_PREVIEW}} billingPeriodRange{start end} isPlanDowngrade hasScheduledUpdates}}`;

export const GET_USAGE_HISTORY = `query GetUsageHistory($usageHistoryInput:UsageHistoryInput!){usageHistory(usageHistoryInput:$usageHistoryInput){usageMeasurements{date value isResetPoint}}}`;

export const GET_USAGE_HISTORY_V2 = `query GetUsageHistoryV2($input:UsageHistoryV2Input!){usageHistoryV2(input:$input){
markers{type timestamp} series{tags{key value} points{timestamp value isResetPoint}}}}`;

export { GET_SDK_CONFIGURATION } from './sdk-configuration';
