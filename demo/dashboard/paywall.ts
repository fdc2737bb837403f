// The paywall: the product's plans with their prices and what each includes, the
// customer's current plan marked, and a button that starts the checkout.
import type { PackageEntitlement, Paywall, Plan, Price } from '../../core/api-model';
import type { BillingPeriod } from '../../core/official/enums';
import type { StiggClient } from 'gatehouse';
import { byId, h, messageOf, replace } from './dom';
import { billingPeriodText, formatMoney } from './format';

export const PRODUCT_ID = 'product-stigg';

/** "Free", "$12.00 / month", "$20.00 / month + $5.00 per seat". */
export function priceText(plan: Plan, period: BillingPeriod, currency: string): string {
  if (plan.pricingType === 'FREE') return 'Free';
  const points = plan.pricePoints.filter((p) => p.billingPeriod === period && p.currency === currency && !p.billingCountryCode);
  if (points.length === 0) return plan.pricingType === 'CUSTOM' ? 'Contact us' : 'Not available';
  const per = billingPeriodText(period);
  const parts = points.map((price: Price) => {
    const amount = formatMoney(price.amount ?? 0, price.currency);
    if (price.pricingModel === 'FLAT_FEE') return `${amount} / ${per}`;
    const unit = price.feature?.units ?? 'unit';
    return price.pricingModel === 'USAGE_BASED' ? `${amount} per ${unit} used` : `${amount} per ${unit} / ${per}`;
  });
  return parts.join(' + ');
}

export function entitlementText(entitlement: PackageEntitlement): string {
  const name = entitlement.displayNameOverride || entitlement.feature?.displayName || entitlement.feature?.id || 'Feature';
  if (entitlement.hasUnlimitedUsage) return `${name}: unlimited`;
  if (entitlement.feature?.featureType === 'BOOLEAN' || !entitlement.usageLimit) return name;
  const units = entitlement.usageLimit === 1 ? entitlement.feature?.units : entitlement.feature?.unitsPlural;
  const reset = entitlement.resetPeriod ? ` per ${entitlement.resetPeriod.toLowerCase()}` : '';
  return `${name}: ${entitlement.usageLimit}${units ? ` ${units}` : ''}${reset}`;
}

export class PaywallView {
  private readonly container = byId('paywall');
  private paywall: Paywall | null = null;
  private period: BillingPeriod = 'MONTHLY';

  constructor(
    private readonly stigg: StiggClient,
    private readonly onChoose: (planId: string, period: BillingPeriod) => void,
  ) {
    for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="paywall-period"]')) {
      radio.addEventListener('change', () => {
        if (radio.checked) {
          this.period = radio.value as BillingPeriod;
          this.render();
        }
      });
    }
  }

  get plans(): Plan[] {
    return this.paywall?.plans ?? [];
  }

  async load(): Promise<void> {
    this.container.setAttribute('aria-busy', 'true');
    try {
      this.paywall = (await this.stigg.getPaywall({ productId: PRODUCT_ID })) as unknown as Paywall;
      this.render();
    } catch (error) {
      replace(this.container, h('p', { class: 'notice', 'data-tone': 'warn' }, `Plans are unavailable: ${messageOf(error)}`));
    } finally {
      this.container.setAttribute('aria-busy', 'false');
    }
  }

  private render(): void {
    const paywall = this.paywall;
    if (!paywall) return;
    const current = new Set((paywall.activeSubscriptions ?? paywall.customer?.subscriptions ?? []).map((s) => s.plan?.id));
    const currency = paywall.currency?.code ?? 'USD';
    const plans = [...paywall.plans].sort((a, b) => a.order - b.order);
    replace(
      this.container,
      ...plans.map((plan) => {
        const isCurrent = current.has(plan.id);
        const titleId = `plan-${plan.id}`;
        const entitlements = [...(plan.inheritedEntitlements ?? []), ...plan.entitlements].filter(
          (e) => !e.hiddenFromWidgets?.includes('PAYWALL'),
        );
        return h(
          'article',
          { class: 'plan', 'aria-labelledby': titleId, 'data-current': String(isCurrent), 'data-plan-id': plan.id },
          h('h3', { id: titleId }, plan.displayName),
          isCurrent ? h('span', { class: 'badge', 'data-tone': 'good' }, 'Current plan') : null,
          h('p', { class: 'price' }, priceText(plan, this.period, currency)),
          plan.description ? h('p', { class: 'muted' }, plan.description) : null,
          plan.basePlan ? h('p', { class: 'muted' }, `Everything in ${plan.basePlan.displayName}, plus:`) : null,
          h('ul', {}, ...dedupe(entitlements).map((e) => h('li', {}, entitlementText(e)))),
          h(
            'button',
            {
              type: 'button',
              disabled: isCurrent,
              'aria-describedby': titleId,
              onclick: () => this.onChoose(plan.id, this.period),
            },
            isCurrent ? 'Your plan' : `Choose ${plan.displayName}`,
          ),
        );
      }),
    );
  }
}

/** A plan's own entitlement overrides the inherited one of the same feature. */
function dedupe(entitlements: PackageEntitlement[]): PackageEntitlement[] {
  const byFeature = new Map<string, PackageEntitlement>();
  for (const entitlement of entitlements) byFeature.set(entitlement.feature?.id ?? String(byFeature.size), entitlement);
  return [...byFeature.values()];
}
