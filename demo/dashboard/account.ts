// The customer's account: active subscriptions, the customer portal and the coupons on offer.
import type { Coupon, CustomerPortal, SlimSubscription } from '../../core/api-model';
import type { StiggClient } from 'gatehouse';
import { byId, h, messageOf, replace } from './dom';
import { billingPeriodText, formatDate, formatMoney } from './format';

function unavailable(container: HTMLElement, what: string, error: unknown): void {
  replace(container, h('p', { class: 'notice', 'data-tone': 'warn' }, `${what} unavailable: ${messageOf(error)}`));
}

export class AccountView {
  private readonly subscriptions = byId('subscriptions');
  private readonly portal = byId('portal');
  private readonly coupons = byId('coupons');

  constructor(private readonly stigg: StiggClient) {}

  load(): Promise<void> {
    return Promise.all([this.loadSubscriptions(), this.loadPortal(), this.loadCoupons()]).then(() => undefined);
  }

  async loadSubscriptions(): Promise<void> {
    try {
      const list = (await this.stigg.getActiveSubscriptionsList()) as unknown as SlimSubscription[];
      if (list.length === 0) {
        replace(this.subscriptions, h('p', { class: 'muted' }, 'No active subscription.'));
        return;
      }
      replace(
        this.subscriptions,
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            {},
            h('caption', { class: 'visually-hidden' }, 'Active subscriptions'),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Plan'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Resource'), h('th', { scope: 'col' }, 'Since'))),
            h(
              'tbody',
              {},
              ...list.map((s) =>
                h(
                  'tr',
                  { 'data-subscription-id': s.subscriptionId },
                  h('td', {}, s.plan.displayName, h('br'), h('code', { class: 'card-id' }, s.subscriptionId)),
                  h('td', {}, s.status),
                  h('td', {}, s.resource?.resourceId ?? '—'),
                  h('td', {}, formatDate(s.startDate)),
                ),
              ),
            ),
          ),
        ),
      );
    } catch (error) {
      unavailable(this.subscriptions, 'Subscriptions', error);
    }
  }

  async loadPortal(): Promise<void> {
    try {
      const portal = (await this.stigg.getCustomerPortal()) as unknown as CustomerPortal;
      const billing = portal.billingInformation;
      replace(
        this.portal,
        ...portal.subscriptions.map((s) =>
          h(
            'div',
            { class: 'portal-subscription' },
            h('h3', {}, `${s.planName} `, h('span', { class: 'badge', 'data-tone': s.status === 'ACTIVE' ? 'good' : 'info' }, s.status)),
            h(
              'dl',
              { class: 'kv' },
              h('dt', {}, 'Price'),
              h(
                'dd',
                {},
                s.totalPrice
                  ? `${formatMoney(s.totalPrice.total.amount, s.totalPrice.total.currency)} / ${billingPeriodText(s.pricing?.billingPeriod ?? s.prices?.[0]?.billingPeriod) || 'period'}`
                  : s.pricingType === 'FREE'
                    ? 'Free'
                    : '—',
              ),
              h('dt', {}, 'Current period'),
              h('dd', {}, s.billingPeriodRange ? `${formatDate(s.billingPeriodRange.start)} – ${formatDate(s.billingPeriodRange.end)}` : '—'),
              h('dt', {}, 'Add-ons'),
              h('dd', {}, s.addons.length ? s.addons.map((a) => `${a.displayName} × ${a.quantity}`).join(', ') : 'none'),
            ),
          ),
        ),
        portal.promotionalEntitlements.length
          ? h('p', {}, `Promotions: ${portal.promotionalEntitlements.map((p) => `${p.displayName}${p.usageLimit ? ` (${p.usageLimit})` : ''}`).join(', ')}`)
          : null,
        h(
          'dl',
          { class: 'kv' },
          h('dt', {}, 'Billing name'),
          h('dd', {}, billing.name ?? '—'),
          h('dt', {}, 'Billing email'),
          h('dd', {}, billing.email ?? '—'),
          h('dt', {}, 'Payment method'),
          h('dd', {}, billing.defaultPaymentMethodLast4Digits ? `Card ending ${billing.defaultPaymentMethodLast4Digits}` : 'none on file'),
        ),
        portal.canUpgradeSubscription ? h('p', {}, h('a', { href: '#plans' }, 'Change plan')) : null,
      );
    } catch (error) {
      unavailable(this.portal, 'The customer portal is', error);
    }
  }

  async loadCoupons(): Promise<void> {
    try {
      const coupons = (await this.stigg.getCoupons()) as unknown as Coupon[];
      replace(
        this.coupons,
        coupons.length
          ? h(
              'ul',
              { class: 'list' },
              ...coupons.map((c) =>
                h('li', {}, h('strong', {}, c.name), ` — ${couponValue(c)}${c.description ? `. ${c.description}` : ''}`),
              ),
            )
          : h('p', { class: 'muted' }, 'No coupons on offer.'),
        h('p', { class: 'muted' }, 'Promotion codes STIGG50 and FIVEOFF work in the estimate form.'),
      );
    } catch (error) {
      unavailable(this.coupons, 'Coupons', error);
    }
  }
}

function couponValue(coupon: Coupon): string {
  if (coupon.percentOff) return `${coupon.percentOff}% off`;
  const off = coupon.amountsOff?.[0];
  return off ? `${formatMoney(off.amount, off.currency)} off` : `${coupon.discountValue} off`;
}
