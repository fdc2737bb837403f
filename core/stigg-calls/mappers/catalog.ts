// Plans, addons, prices and package entitlements, as the official's model mapper shapes them.
import type { Currency } from '../../official/enums';
import type {
  Addon,
  Coupon,
  PackageEntitlement,
  Plan,
  Price,
  PriceFeature,
  SubscriptionPrice,
  TotalPrice,
} from '../../api-model';
import type { EntitlementFeature } from '../../model';
import { mapList, plain } from './common';
import type { WireAddon, WireCoupon, WireFeature, WirePackageEntitlement, WirePlan, WirePrice } from './wire';

export const isMeteredType = (meterType: string | null | undefined): boolean =>
  meterType === 'Fluctuating' || meterType === 'Incremental';

/** The `feature` of package and promotional entitlements. */
export function mapFeature(feature: WireFeature): EntitlementFeature {
  return {
    id: feature.refId,
    featureType: feature.featureType,
    description: feature.description || '',
    meterType: feature.meterType || undefined,
    units: feature.featureUnits || undefined,
    unitsPlural: feature.featureUnitsPlural || undefined,
    displayName: feature.displayName,
    isMetered: isMeteredType(feature.meterType),
  };
}

// Money's currency is the wire's Currency enum value, typed as a plain string.
const priceCurrency = ({ price, tiers }: WirePrice): Currency =>
  (price?.currency || tiers?.[0]?.unitPrice?.currency || tiers?.[0]?.flatPrice?.currency || 'USD') as Currency;

function priceFeature(price: WirePrice, unitQuantity?: number | null): { feature?: PriceFeature } {
  const { feature } = price;
  if (!feature) return {};
  return {
    feature: {
      featureId: feature.refId,
      displayName: feature.displayName,
      units: feature.featureUnits,
      unitsPlural: feature.featureUnitsPlural,
      unitQuantity,
    },
  };
}

export function mapPrice(price: WirePrice, unitQuantity?: number | null): Price {
  return {
    pricingModel: price.billingModel,
    billingPeriod: price.billingPeriod,
    billingId: price.billingId,
    amount: price.price ? price.price.amount : null,
    currency: priceCurrency(price),
    tiersMode: price.tiersMode,
    tiers: plain(price.tiers),
    isTieredPrice: !!price.tiersMode,
    minUnitQuantity: price.minUnitQuantity,
    maxUnitQuantity: price.maxUnitQuantity,
    billingCountryCode: price.billingCountryCode,
    blockSize: price.blockSize,
    ...priceFeature(price, unitQuantity),
  };
}

/** The deprecated `subscription.price`: the first price with the subscription's totals. */
export function mapPriceWithTotal(price: WirePrice, total: TotalPrice, unitQuantity?: number | null): SubscriptionPrice {
  return {
    pricingModel: price.billingModel,
    billingPeriod: price.billingPeriod,
    amount: total.total.amount,
    grossAmount: total.subTotal.amount,
    currency: priceCurrency(price),
    tiersMode: price.tiersMode,
    tiers: plain(price.tiers),
    isTieredPrice: !!price.tiersMode,
    blockSize: price.blockSize,
    ...priceFeature(price, unitQuantity),
  };
}

export function mapPackageEntitlement(entitlement: WirePackageEntitlement): PackageEntitlement {
  const { feature } = entitlement;
  if (!feature) {
    return {
      usageLimit: entitlement.usageLimit || 0,
      hasUnlimitedUsage: entitlement.hasUnlimitedUsage,
      resetPeriod: entitlement.resetPeriod,
    };
  }
  return {
    usageLimit: entitlement.usageLimit || 0,
    feature: { ...mapFeature(feature), metadata: plain(feature.additionalMetaData) as EntitlementFeature['metadata'] },
    isCustom: entitlement.isCustom || undefined,
    hasUnlimitedUsage: entitlement.hasUnlimitedUsage,
    resetPeriod: entitlement.resetPeriod,
    hiddenFromWidgets: plain(entitlement.hiddenFromWidgets),
    displayNameOverride: entitlement.displayNameOverride,
  };
}

const mapPrices = (prices: WirePrice[] | null | undefined): Price[] => mapList(prices, (price) => mapPrice(price));

export function mapAddon(addon: WireAddon): Addon {
  return {
    id: addon.refId,
    displayName: addon.displayName,
    description: addon.description || '',
    billingId: addon.billingId,
    entitlements: mapList(addon.entitlements, mapPackageEntitlement),
    pricePoints: mapPrices(addon.prices),
    pricingType: addon.pricingType,
    dependencies:
      addon.dependencies?.map(({ refId, displayName, description }) => ({ refId, displayName, description: description || undefined })) ?? [],
    metadata: plain(addon.additionalMetaData),
  };
}

/** Free plans offer no addons; paid plans offer only paid ones. */
function compatibleAddons({ pricingType, compatibleAddons: addons }: WirePlan): Addon[] {
  if (pricingType === 'FREE' || !addons) return [];
  return (pricingType === 'PAID' ? addons.filter((addon) => addon.pricingType === 'PAID') : addons).map(mapAddon);
}

function compatiblePackageGroups({ pricingType, compatiblePackageGroups: groups }: WirePlan): Plan['compatiblePackageGroups'] {
  if (pricingType === 'FREE' || !groups) return [];
  return groups.map(({ packageGroupId, displayName, addons, options }) => ({
    packageGroupId,
    displayName,
    addons: addons?.map(mapAddon) ?? [],
    options: { minItems: options?.minItems || undefined, freeItems: options?.freeItems || undefined },
  }));
}

export function mapPlan(plan: WirePlan, order = 0): Plan {
  const { product, basePlan, defaultTrialConfig: trial } = plan;
  return {
    id: plan.refId,
    order,
    displayName: plan.displayName,
    description: plan.description,
    billingId: plan.billingId,
    basePlan: basePlan ? { id: basePlan.refId, displayName: basePlan.displayName } : undefined,
    entitlements: mapList(plan.entitlements, mapPackageEntitlement),
    inheritedEntitlements: mapList(plan.inheritedEntitlements, mapPackageEntitlement),
    pricePoints: mapPrices(plan.prices),
    pricingType: plan.pricingType,
    defaultTrialConfig: trial
      ? { duration: trial.duration, units: trial.units, budget: trial.budget ? { limit: trial.budget.limit } : undefined }
      : undefined,
    compatibleAddons: compatibleAddons(plan),
    compatiblePackageGroups: compatiblePackageGroups(plan),
    product: {
      id: product.refId,
      displayName: product.displayName,
      description: product.description,
      metadata: plain(product.additionalMetaData),
    },
    metadata: plain(plan.additionalMetaData),
  };
}

export function mapCoupon(coupon: WireCoupon): Coupon {
  return {
    id: coupon.refId,
    name: coupon.name,
    description: coupon.description,
    metadata: plain(coupon.additionalMetaData),
    discountValue: coupon.discountValue,
    percentOff: coupon.percentOff,
    amountsOff: plain(coupon.amountsOff),
  };
}
