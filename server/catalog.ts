// The catalog file: environment keys, products, features, plans, addons, coupons, and the
// seed customers, subscriptions and usage. Dates are ISO strings; amounts are in currency units.
import { readFileSync } from 'node:fs';
import type {
  EntitlementResetPeriod,
  FeatureType,
  MeterType,
  MonthlyAccordingTo,
  SubscriptionStatus,
  WeeklyAccordingTo,
} from '../core/model';

export type BillingPeriod = 'MONTHLY' | 'ANNUALLY';
export type BillingModel = 'FLAT_FEE' | 'PER_UNIT' | 'USAGE_BASED';

export interface CatalogFeature {
  id: string;
  displayName: string;
  description?: string;
  featureType: FeatureType;
  meterType: MeterType;
  units?: string;
  unitsPlural?: string;
  metadata?: Record<string, unknown>;
}

export interface CatalogEntitlement {
  featureId: string;
  usageLimit?: number;
  hasUnlimitedUsage?: boolean;
  hasSoftLimit?: boolean;
  resetPeriod?: EntitlementResetPeriod;
  monthlyAccordingTo?: MonthlyAccordingTo;
  weeklyAccordingTo?: WeeklyAccordingTo;
  displayNameOverride?: string;
  hiddenFromWidgets?: string[];
}

export interface CatalogPrice {
  billingPeriod: BillingPeriod;
  billingModel: BillingModel;
  amount: number;
  currency: string;
  /** For PER_UNIT and USAGE_BASED prices: the feature whose quantity or usage is charged. */
  featureId?: string;
  /** Localised price points; absent means the default price. */
  billingCountryCode?: string;
}

export interface CatalogPackage {
  id: string;
  displayName: string;
  description?: string;
  pricingType: 'FREE' | 'PAID' | 'CUSTOM';
  prices: CatalogPrice[];
  entitlements: CatalogEntitlement[];
  metadata?: Record<string, unknown>;
}

export interface CatalogPlan extends CatalogPackage {
  productId: string;
  order: number;
  basePlanId?: string;
  compatibleAddonIds?: string[];
  hidden?: boolean;
}

export type CatalogAddon = CatalogPackage;

export interface CatalogCoupon {
  id: string;
  name: string;
  description?: string;
  type: 'PERCENTAGE' | 'FIXED';
  percentOff?: number;
  amountsOff?: { amount: number; currency: string }[];
  durationInMonths?: number;
  promotionCodes: string[];
  status: 'ACTIVE' | 'ARCHIVED';
  metadata?: Record<string, unknown>;
}

export interface PromotionalGrant {
  featureId: string;
  usageLimit?: number;
  hasUnlimitedUsage?: boolean;
  hasSoftLimit?: boolean;
  resetPeriod?: EntitlementResetPeriod;
  startDate?: string;
  endDate?: string;
}

export interface CustomerRecord {
  id: string;
  name?: string;
  email?: string;
  createdAt: string;
  updatedAt: string;
  metadata?: Record<string, unknown>;
  promotionalEntitlements?: PromotionalGrant[];
  paymentMethod?: { last4: string; expirationMonth: number; expirationYear: number };
}

export interface SubscriptionRecord {
  id: string;
  customerId: string;
  planId: string;
  resourceId?: string;
  billingPeriod: BillingPeriod;
  startDate: string;
  status: SubscriptionStatus;
  addons?: { addonId: string; quantity: number }[];
  billableFeatures?: { featureId: string; quantity: number }[];
  couponId?: string;
  budget?: { limit: number; hasSoftLimit: boolean };
  metadata?: Record<string, unknown>;
}

export interface UsageSeed {
  customerId: string;
  featureId: string;
  resourceId?: string;
  value: number;
}

export interface Catalog {
  environment: {
    clientKeys: string[];
    serverKeys: string[];
    isWidgetWatermarkEnabled?: boolean;
  };
  products: { id: string; displayName: string; description?: string; metadata?: Record<string, unknown> }[];
  features: CatalogFeature[];
  plans: CatalogPlan[];
  addons: CatalogAddon[];
  coupons: CatalogCoupon[];
  customers: CustomerRecord[];
  subscriptions: SubscriptionRecord[];
  usage?: UsageSeed[];
}

export const DEFAULT_CATALOG_PATH = new URL('./catalog/demo.json', import.meta.url).pathname;

export function loadCatalog(path = DEFAULT_CATALOG_PATH): Catalog {
  const catalog = JSON.parse(readFileSync(path, 'utf8')) as Catalog;
  checkReferences(catalog);
  return catalog;
}

/** Fails at startup on a dangling id, instead of answering wrongly later. */
function checkReferences(c: Catalog): void {
  const ids = (xs: { id: string }[]) => new Set(xs.map((x) => x.id));
  const features = ids(c.features);
  const plans = ids(c.plans);
  const addons = ids(c.addons);
  const customers = ids(c.customers);
  const products = ids(c.products);
  const problems: string[] = [];
  const need = (set: Set<string>, id: string | undefined, what: string) => {
    if (id !== undefined && !set.has(id)) problems.push(`${what} ${id} is not in the catalog`);
  };
  for (const p of [...c.plans, ...c.addons]) {
    p.entitlements.forEach((e) => need(features, e.featureId, 'feature'));
    p.prices.forEach((x) => need(features, x.featureId, 'feature'));
  }
  for (const p of c.plans) {
    need(products, p.productId, 'product');
    need(plans, p.basePlanId, 'plan');
    p.compatibleAddonIds?.forEach((a) => need(addons, a, 'addon'));
  }
  for (const s of c.subscriptions) {
    need(customers, s.customerId, 'customer');
    need(plans, s.planId, 'plan');
    s.addons?.forEach((a) => need(addons, a.addonId, 'addon'));
  }
  if (problems.length) throw new Error(`Invalid catalog: ${problems.join('; ')}`);
}
