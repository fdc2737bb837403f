// The estimate form: what a plan would cost this customer (`estimateSubscription`),
// with a billing period, seats for per-seat plans and a promotion code.
import type { Plan, SubscriptionPreview } from '../../core/api-model';
import type { BillingPeriod } from '../../core/official/enums';
import type { StiggClient } from 'gatehouse';
import { byId, field, h, messageOf, replace, uniqueId } from './dom';
import { formatDate, formatMoney } from './format';

export class EstimateForm {
  private readonly container = byId('estimate');
  private readonly plan = h('select', { name: 'planId', required: true });
  private readonly period = h(
    'select',
    { name: 'billingPeriod' },
    h('option', { value: 'MONTHLY' }, 'Monthly'),
    h('option', { value: 'ANNUALLY' }, 'Yearly'),
  );
  private readonly seats = h('input', { type: 'number', name: 'seats', min: 1, max: 500, value: 3, inputmode: 'numeric' });
  private readonly seatsLabel = field('Seats', this.seats);
  private readonly code = h('input', { name: 'promotionCode', autocomplete: 'off', spellcheck: 'false', placeholder: 'e.g. STIGG50' });
  private readonly result = h('div', { 'aria-live': 'polite', id: uniqueId('estimate-result') });
  private plans: Plan[] = [];

  constructor(
    private readonly stigg: StiggClient,
    private readonly customerId: () => string,
  ) {
    const form = h(
      'form',
      { class: 'inline-form' },
      field('Plan', this.plan),
      field('Billing period', this.period),
      this.seatsLabel,
      field('Promotion code', this.code),
      h('button', { type: 'submit' }, 'Estimate'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.estimate();
    });
    this.plan.addEventListener('change', () => this.updateSeats());
    replace(this.container, form, this.result);
    this.setPlans([]);
  }

  setPlans(plans: Plan[]): void {
    this.plans = plans.filter((p) => p.pricingType === 'PAID');
    const selected = this.plan.value;
    replace(this.plan, ...this.plans.map((p) => h('option', { value: p.id }, p.displayName)));
    if (this.plans.length === 0) replace(this.plan, h('option', { value: '' }, 'Plans not loaded'));
    if (this.plans.some((p) => p.id === selected)) this.plan.value = selected;
    this.updateSeats();
  }

  private perUnitFeature(): string | undefined {
    const plan = this.plans.find((p) => p.id === this.plan.value);
    return plan?.pricePoints.find((p) => p.pricingModel === 'PER_UNIT' && p.feature)?.feature?.featureId;
  }

  private updateSeats(): void {
    this.seatsLabel.hidden = !this.perUnitFeature();
  }

  private async estimate(): Promise<void> {
    const planId = this.plan.value;
    if (!planId) return;
    const unitFeature = this.perUnitFeature();
    const promotionCode = this.code.value.trim();
    this.result.setAttribute('aria-busy', 'true');
    try {
      const preview = (await this.stigg.estimateSubscription({
        customerId: this.customerId(),
        planId,
        billingPeriod: this.period.value as BillingPeriod,
        ...(promotionCode ? { promotionCode } : {}),
        ...(unitFeature ? { billableFeatures: [{ featureId: unitFeature, quantity: Number(this.seats.value) || 1 }] } : {}),
      })) as unknown as SubscriptionPreview;
      const money = (m: { amount: number; currency: string } | undefined) => (m ? formatMoney(m.amount, m.currency) : '—');
      replace(
        this.result,
        h(
          'dl',
          { class: 'kv', 'data-testid': 'estimate-result' },
          h('dt', {}, 'Subtotal'),
          h('dd', {}, money(preview.subTotal)),
          preview.discountAmount ? h('dt', {}, `Discount${preview.discount?.name ? ` (${preview.discount.name})` : ''}`) : null,
          preview.discountAmount ? h('dd', {}, `− ${money(preview.discountAmount)}`) : null,
          preview.tax ? h('dt', {}, 'Tax') : null,
          preview.tax ? h('dd', {}, money(preview.tax)) : null,
          h('dt', {}, 'Total'),
          h('dd', {}, h('strong', {}, money(preview.total))),
          h('dt', {}, 'Period'),
          h('dd', {}, `${formatDate(preview.billingPeriodRange?.start)} – ${formatDate(preview.billingPeriodRange?.end)}`),
        ),
      );
    } catch (error) {
      replace(this.result, h('p', { class: 'notice', 'data-tone': 'warn' }, `No estimate: ${messageOf(error)}`));
    } finally {
      this.result.setAttribute('aria-busy', 'false');
    }
  }
}
