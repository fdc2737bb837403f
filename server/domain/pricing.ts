// Subscription price arithmetic for estimates and previews: flat and per-unit plan prices,
// addons, coupon discounts (percentage or fixed), exclusive tax, and proration by the
// fraction of the current billing period that remains. Amounts are rounded to cents.
import { addMonthsClamped, periodContaining, type UsagePeriod } from '../../core/periods';
import type { BillingPeriod, CatalogCoupon, CatalogPrice } from '../catalog';
import { apiError } from '../errors';
import type { Lookup } from './lookup';

export interface Money {
  amount: number;
  currency: string;
}

export interface PriceConfig {
  planId: string;
  billingPeriod: BillingPeriod;
  addons?: { addonId: string; quantity?: number | null }[] | null;
  billableFeatures?: { featureId: string; quantity: number }[] | null;
  billingCountryCode?: string | null;
}

export interface Totals {
  subTotal: Money;
  discountAmount: Money;
  totalExcludingTax: Money;
  tax: Money;
  total: Money;
  discount: { name: string; type: 'PERCENTAGE' | 'FIXED'; value: number; durationType: string; durationInMonths: number | null } | null;
  taxDetails: { displayName: string; percentage: number; inclusive: boolean } | null;
}

export interface Proration {
  prorationDate: number;
  credit: Money;
  debit: Money;
  netAmount: Money;
  hasProrations: boolean;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;
const money = (amount: number, currency: string): Money => ({ amount: round2(amount), currency });
const MONTHS: Record<BillingPeriod, number> = { MONTHLY: 1, ANNUALLY: 12 };

/** The prices of a package for a billing period: the country's localised ones if it has any, else the defaults. */
export function pricesFor(prices: CatalogPrice[], billingPeriod: BillingPeriod, country?: string | null): CatalogPrice[] {
  const inPeriod = prices.filter((p) => p.billingPeriod === billingPeriod);
  const local = country ? inPeriod.filter((p) => p.billingCountryCode === country) : [];
  return local.length ? local : inPeriod.filter((p) => !p.billingCountryCode);
}

/** The recurring charge of one billing period, before discounts and tax. */
export function recurringCharge(lookup: Lookup, cfg: PriceConfig): Money {
  const plan = lookup.plan(cfg.planId);
  let amount = 0;
  let currency = 'USD';
  const add = (p: CatalogPrice, quantity: number) => {
    amount += p.amount * quantity;
    currency = p.currency;
  };
  for (const p of pricesFor(plan.prices, cfg.billingPeriod, cfg.billingCountryCode)) {
    if (p.billingModel === 'FLAT_FEE') add(p, 1);
    else if (p.billingModel === 'PER_UNIT') {
      const q = cfg.billableFeatures?.find((b) => b.featureId === p.featureId)?.quantity;
      if (q === undefined) throw apiError('InvalidArgument', `billableFeatures must give a quantity for ${p.featureId} (per-unit price of ${plan.id})`);
      add(p, q);
    }
    // USAGE_BASED prices are billed in arrears from usage, not estimated up front.
  }
  for (const a of cfg.addons ?? []) {
    const addon = lookup.addon(a.addonId);
    if (!(plan.compatibleAddonIds ?? []).includes(addon.id)) {
      throw apiError('InvalidArgument', `Addon ${addon.id} is not compatible with plan ${plan.id}`);
    }
    for (const p of pricesFor(addon.prices, cfg.billingPeriod, cfg.billingCountryCode)) add(p, a.quantity ?? 1);
  }
  return money(amount, currency);
}

export function totals(charge: Money, coupon: CatalogCoupon | null, taxPercentage: number | null | undefined): Totals {
  const { currency } = charge;
  let discountAmount = 0;
  let discount: Totals['discount'] = null;
  if (coupon) {
    const durationType = coupon.durationInMonths ? 'REPEATING' : 'FOREVER';
    const durationInMonths = coupon.durationInMonths ?? null;
    if (coupon.type === 'PERCENTAGE') {
      const pct = coupon.percentOff ?? 0;
      discountAmount = (charge.amount * pct) / 100;
      discount = { name: coupon.name, type: 'PERCENTAGE', value: pct, durationType, durationInMonths };
    } else {
      const off = coupon.amountsOff?.find((m) => m.currency === currency)?.amount ?? 0;
      discountAmount = Math.min(off, Math.max(charge.amount, 0));
      discount = { name: coupon.name, type: 'FIXED', value: off, durationType, durationInMonths };
    }
  }
  const excl = charge.amount - round2(discountAmount);
  const tax = taxPercentage ? (excl * taxPercentage) / 100 : 0;
  return {
    subTotal: charge,
    discountAmount: money(discountAmount, currency),
    totalExcludingTax: money(excl, currency),
    tax: money(tax, currency),
    total: money(excl + round2(tax), currency),
    discount,
    taxDetails: taxPercentage ? { displayName: 'Tax', percentage: taxPercentage, inclusive: false } : null,
  };
}

export function billingPeriodOf(billingPeriod: BillingPeriod, anchor: number, now: number): UsagePeriod {
  return periodContaining({ resetPeriod: billingPeriod === 'ANNUALLY' ? 'YEAR' : 'MONTH', anchor }, now);
}

export function firstBillingPeriod(billingPeriod: BillingPeriod, start: number): UsagePeriod {
  return { start, end: addMonthsClamped(start, MONTHS[billingPeriod]) };
}

/**
 * Changing from `oldCharge` to `newCharge` at `now` within `period`: the unused part of
 * the old charge is credited (negative) and the rest of the period of the new one debited.
 */
export function prorate(oldCharge: Money, newCharge: Money, period: UsagePeriod, now: number): Proration {
  const fraction = Math.min(1, Math.max(0, (period.end - now) / (period.end - period.start)));
  const credit = -round2(oldCharge.amount * fraction);
  const debit = round2(newCharge.amount * fraction);
  const currency = newCharge.currency;
  return {
    prorationDate: now,
    credit: money(credit, currency),
    debit: money(debit, currency),
    netAmount: money(debit + credit, currency),
    hasProrations: credit !== 0 || debit !== 0,
  };
}
