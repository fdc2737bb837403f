// Checkout: review the plan (`getCheckoutState`), pay on the emulator's stand-in for a
// hosted checkout page, come back with `?checkoutCompleted=true&subscriptionId=…`, and
// wait for the subscription to become active (`waitForCheckoutCompleted`).
import type { GetCheckoutStateResults, Subscription } from '../../core/api-model';
import type { BillingPeriod } from '../../core/official/enums';
import type { StiggClient } from 'gatehouse';
import type { Activity } from './activity';
import { urlWithCheckoutResult, urlWithoutCheckoutResult } from './config';
import { byId, field, h, messageOf, replace } from './dom';
import type { CheckoutRequest, EmulatorApi } from './emulator';
import { formatDate } from './format';
import { priceText } from './paywall';

export interface CheckoutDeps {
  stigg: StiggClient;
  emulator: EmulatorApi;
  activity: Activity;
  context: () => { customerId: string; resourceId: string | undefined };
  onCompleted: () => void;
}

export class CheckoutFlow {
  private readonly section = byId('checkout');
  private readonly body = byId('checkout-body');

  constructor(private readonly deps: CheckoutDeps) {
    this.idle();
  }

  idle(): void {
    replace(this.body, h('p', { class: 'muted' }, 'Choose a plan above to check out.'));
  }

  /** Step 1: what the customer is about to buy. */
  async start(planId: string, period: BillingPeriod): Promise<void> {
    replace(this.body, h('p', { 'aria-busy': 'true' }, 'Preparing the checkout…'));
    this.section.scrollIntoView({ block: 'start' });
    this.section.focus({ preventScroll: true });
    let state: GetCheckoutStateResults;
    try {
      state = (await this.deps.stigg.getCheckoutState({ planId })) as unknown as GetCheckoutStateResults;
    } catch (error) {
      replace(this.body, h('p', { class: 'notice', 'data-tone': 'warn' }, `The checkout is unavailable: ${messageOf(error)}`));
      return;
    }
    const customer = state.customer;
    const card = customer.paymentMethodDetails?.last4Digits;
    // Per-seat plans need a quantity.
    const perUnit = state.plan.pricePoints.find((p) => p.pricingModel === 'PER_UNIT' && p.billingPeriod === period && p.feature);
    const quantity = h('input', { type: 'number', min: 1, max: 500, value: 1, inputmode: 'numeric', required: true });
    const unitsName = perUnit?.feature?.unitsPlural ?? perUnit?.feature?.displayName ?? 'units';
    const pay = h('button', { type: 'button' }, `Pay and subscribe to ${state.plan.displayName}`);
    pay.addEventListener('click', () => {
      const billableFeatures = perUnit?.feature ? [{ featureId: perUnit.feature.featureId, quantity: Math.max(1, Number(quantity.value) || 1) }] : undefined;
      void this.pay({ planId, billingPeriod: period, billableFeatures }, pay);
    });
    replace(
      this.body,
      h('h3', {}, `${state.plan.displayName}, billed ${period === 'ANNUALLY' ? 'yearly' : 'monthly'}`),
      h(
        'dl',
        { class: 'kv' },
        h('dt', {}, 'Price'),
        h('dd', {}, priceText(state.plan, period, 'USD')),
        h('dt', {}, 'Customer'),
        h('dd', {}, `${customer.name ?? customer.id}${customer.email ? ` <${customer.email}>` : ''}`),
        h('dt', {}, 'Payment'),
        h('dd', {}, card ? `Card ending ${card}` : 'Test card (the emulator charges nothing)'),
        h('dt', {}, 'Replaces'),
        h('dd', {}, state.activeSubscription ? state.activeSubscription.plan.displayName : 'nothing'),
      ),
      perUnit ? field(`Number of ${unitsName}`, quantity) : null,
      h('div', { class: 'card-actions' }, pay, h('button', { type: 'button', class: 'secondary', onclick: () => this.idle() }, 'Cancel')),
    );
    pay.focus();
  }

  /** Step 2: the hosted checkout (played by the emulator), then the redirect back here. */
  private async pay(order: Pick<CheckoutRequest, 'planId' | 'billingPeriod' | 'billableFeatures'>, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    const { customerId, resourceId } = this.deps.context();
    try {
      const created = await this.deps.emulator.createCheckout({
        ...order,
        customerId,
        ...(resourceId ? { resourceId } : {}),
        delayMs: 2000,
      });
      this.deps.activity.add(`Checkout paid; subscription ${created.subscriptionId} activates at ${formatTime(created.completesAt)}.`);
      location.assign(urlWithCheckoutResult(location.href, created.successUrlQuery));
    } catch (error) {
      button.disabled = false;
      this.deps.activity.announce(`The payment failed: ${messageOf(error)}`, 'bad');
    }
  }

  /** Step 3, on the page the checkout redirected to: wait until the subscription is active. */
  async resumeFromRedirect(): Promise<void> {
    const params = new URLSearchParams(location.search);
    const subscriptionId = params.get('subscriptionId');
    if (params.get('checkoutCompleted') !== 'true' || !subscriptionId) return;
    replace(this.body, h('p', { class: 'notice', role: 'alert', 'aria-busy': 'true' }, `Payment received. Activating subscription ${subscriptionId}…`));
    try {
      const subscription = (await this.deps.stigg.waitForCheckoutCompleted({ timeoutMs: 20_000 })) as unknown as Subscription | null;
      history.replaceState(history.state, '', urlWithoutCheckoutResult(location.href));
      const plan = subscription?.plan?.displayName ?? 'your new plan';
      replace(
        this.body,
        h('p', { class: 'notice', 'data-tone': 'good', role: 'alert' }, `Checkout complete: subscription ${subscriptionId} is active. You are on ${plan}.`),
        subscription?.startDate ? h('p', { class: 'muted' }, `Started ${formatDate(subscription.startDate)}.`) : null,
      );
      this.deps.activity.add(`Subscription ${subscriptionId} is active (${plan}).`, 'good');
      this.deps.onCompleted();
    } catch (error) {
      replace(this.body, h('p', { class: 'notice', 'data-tone': 'bad', role: 'alert' }, `The checkout did not complete: ${messageOf(error)}`));
    }
  }
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString();
}
